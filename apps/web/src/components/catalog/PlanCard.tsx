import { ArrowRight, BadgePercent, Globe2 } from 'lucide-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PeriodMonths, Product } from '../../api/models.ts';
import { useFormat } from '../../lib/format.ts';
import { useRegionText } from '../../lib/regions.ts';
import { Badge } from '../ui/Badge.tsx';
import { buttonVariants } from '../ui/Button.tsx';
import { Card } from '../ui/Card.tsx';
import { Skeleton } from '../ui/Skeleton.tsx';
import { CompareToggle, type CompareControl } from './CompareToggle.tsx';
import { PlanSpecs } from './PlanSpecs.tsx';
import { planPath, priceFor } from './pricing.ts';

type PlanCardProps = {
  product: Product;
  period: PeriodMonths;
  /** Region chosen in the filters: its monthly surcharge is shown when there is one. */
  regionCode?: string;
  /** "Comparar" checkbox (pricing page). */
  compare?: CompareControl;
};

export function PlanCard({ product, period, regionCode, compare }: PlanCardProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const regionText = useRegionText();
  const price = priceFor(product, period);
  const region = regionCode ? product.regions.find((r) => r.code === regionCode) : undefined;
  const longer = product.prices.filter((p) => p.periodMonths > 1 && p.discountPercent > 0);
  const titleId = `plan-${product.id}`;

  return (
    <Card className="flex flex-col" aria-labelledby={titleId} role="article" data-testid="plan-card">
      <div className="flex items-start justify-between gap-2 p-5 pb-3">
        <h3 id={titleId} className="text-lg leading-tight font-semibold">
          <Link
            to={planPath(product.id, period)}
            className="rounded hover:text-primary hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
          >
            {product.name}
          </Link>
        </h3>
        <Badge tone="brand">{product.diskType}</Badge>
      </div>

      <div className="px-5">
        {price ? (
          <>
            <p className="flex flex-wrap items-baseline gap-x-1">
              <span className="text-3xl font-bold tracking-tight">
                {format.money(price.monthlyMinor, product.currency)}
              </span>
              <span className="text-sm text-muted-foreground">{t('price.perMonth')}</span>
            </p>
            <p className="mt-1 min-h-5 text-sm text-muted-foreground">
              {period === 1
                ? t('price.billedMonthly')
                : t('price.periodTotal', {
                    count: period,
                    total: format.money(price.totalMinor, product.currency),
                  })}
            </p>
            <p className="min-h-5 text-sm">
              {price.discountPercent > 0 ? (
                <span className="font-medium text-green-700 dark:text-green-400">
                  {t('price.youSave', { percent: price.discountPercent })}
                </span>
              ) : null}
            </p>
            <p className="text-xs text-muted-foreground">
              {price.setupFeeMinor > 0
                ? t('price.setupFee', { amount: format.money(price.setupFeeMinor, product.currency) })
                : t('price.noSetupFee')}
            </p>
            {region && region.surchargeMinor > 0 && (
              <p className="mt-1 text-xs text-muted-foreground">
                {t('price.regionSurcharge', {
                  amount: format.money(region.surchargeMinor, product.currency),
                  region: regionText.name(region.code, region.name),
                })}
              </p>
            )}
          </>
        ) : (
          <p className="text-sm text-muted-foreground">{t('price.unavailable', { count: period })}</p>
        )}
      </div>

      <div className="mt-4 flex flex-1 flex-col gap-4 border-t border-border p-5">
        <PlanSpecs product={product} />
        <div className="mt-auto flex flex-col gap-2 text-xs text-muted-foreground">
          {longer.length > 0 && (
            <p className="flex items-start gap-1.5">
              <BadgePercent aria-hidden="true" className="mt-px size-4 shrink-0" />
              <span>
                {t('price.discountsLine', {
                  list: longer
                    .map((p) =>
                      t('price.discountItem', { count: p.periodMonths, percent: p.discountPercent }),
                    )
                    .join(' · '),
                })}
              </span>
            </p>
          )}
          <p className="flex items-center gap-1.5">
            <Globe2 aria-hidden="true" className="size-4 shrink-0" />
            {t('plan.regionsAvailable', { count: product.regions.length })}
          </p>
        </div>
        <div className="flex flex-wrap items-center justify-between gap-2">
          {compare && <CompareToggle name={product.name} {...compare} />}
          <Link
            to={planPath(product.id, period)}
            aria-label={t('plan.viewPlanLabel', { name: product.name })}
            className={buttonVariants({ variant: 'outline', size: 'sm', className: 'ml-auto' })}
          >
            {t('plan.viewPlan')}
            <ArrowRight aria-hidden="true" />
          </Link>
        </div>
      </div>
    </Card>
  );
}

export function PlanCardSkeleton() {
  return (
    <Card className="flex flex-col" aria-hidden="true">
      <div className="flex items-start justify-between p-5 pb-3">
        <Skeleton className="h-6 w-32" />
        <Skeleton className="h-5 w-12 rounded-full" />
      </div>
      <div className="flex flex-col gap-2 px-5">
        <Skeleton className="h-9 w-36" />
        <Skeleton className="h-4 w-44" />
        <Skeleton className="h-4 w-24" />
        <Skeleton className="h-3 w-32" />
      </div>
      <div className="mt-4 flex flex-col gap-3 border-t border-border p-5">
        <Skeleton className="h-4 w-24" />
        <Skeleton className="h-4 w-28" />
        <Skeleton className="h-4 w-32" />
        <Skeleton className="mt-4 h-3 w-40" />
        <Skeleton className="h-3 w-36" />
      </div>
    </Card>
  );
}
