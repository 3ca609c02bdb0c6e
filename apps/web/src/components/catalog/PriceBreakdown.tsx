import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn.ts';
import { useFormat } from '../../lib/format.ts';

export type BreakdownAmounts = {
  currency: string;
  periodMonths: number;
  /** The plan for the whole period (after the period discount). */
  periodMinor: number;
  /** Region surcharge for the whole period. */
  surchargeMinor: number;
  /** Licence of the chosen image (Windows) for the whole period; shown only when there is one. */
  licenseMinor?: number;
  licenseName?: string;
  setupFeeMinor: number;
  totalMinor: number;
  discountPercent?: number;
};

/** Period total, region surcharge × months, image licence × months, setup fee and total, as a description list. */
export function PriceBreakdown({
  amounts,
  estimated = false,
  className,
}: {
  amounts: BreakdownAmounts;
  /** A client-side preview: the total is labelled "estimated". */
  estimated?: boolean;
  className?: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = (minor: number) => format.money(minor, amounts.currency);
  const months = amounts.periodMonths;
  const perMonth = Math.round(amounts.totalMinor / Math.max(1, months));
  return (
    <dl className={cn('flex flex-col gap-2 text-sm', className)} data-testid="price-breakdown">
      <Row label={t('breakdown.period', { count: months })} value={money(amounts.periodMinor)}>
        {amounts.discountPercent ? (
          <span className="block text-xs font-medium text-green-700 dark:text-green-400">
            {t('breakdown.discount', { percent: amounts.discountPercent })}
          </span>
        ) : null}
      </Row>
      <Row
        label={t('breakdown.surcharge', { count: months })}
        value={amounts.surchargeMinor > 0 ? money(amounts.surchargeMinor) : t('price.free')}
      />
      {amounts.licenseMinor ? (
        <Row
          label={t('breakdown.license', { count: months, name: amounts.licenseName ?? '' })}
          value={money(amounts.licenseMinor)}
          testId="breakdown-license"
        />
      ) : null}
      <Row
        label={t('breakdown.setupFee')}
        value={amounts.setupFeeMinor > 0 ? money(amounts.setupFeeMinor) : t('price.free')}
      />
      <div className="mt-1 flex items-baseline justify-between gap-4 border-t border-border pt-3">
        <dt className="font-semibold">{estimated ? t('breakdown.estimatedTotal') : t('breakdown.total')}</dt>
        <dd className="text-right">
          <span className="text-lg font-bold" data-testid="breakdown-total">
            {money(amounts.totalMinor)}
          </span>
          {months > 1 && (
            <span className="block text-xs text-muted-foreground">
              {t('breakdown.perMonth', { amount: money(perMonth) })}
            </span>
          )}
        </dd>
      </div>
    </dl>
  );
}

function Row({
  label,
  value,
  children,
  testId,
}: {
  label: string;
  value: string;
  children?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="flex items-baseline justify-between gap-4" data-testid={testId}>
      <dt className="text-muted-foreground">
        {label}
        {children}
      </dt>
      <dd className="text-right font-medium whitespace-nowrap">{value}</dd>
    </div>
  );
}
