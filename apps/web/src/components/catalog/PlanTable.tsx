import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PeriodMonths, Product } from '../../api/models.ts';
import { cn } from '../../lib/cn.ts';
import { useFormat } from '../../lib/format.ts';
import { Badge } from '../ui/Badge.tsx';
import { Skeleton } from '../ui/Skeleton.tsx';
import { CompareToggle, type CompareControl } from './CompareToggle.tsx';
import { planPath, priceFor } from './pricing.ts';

type PlanTableProps = {
  products: Product[];
  period: PeriodMonths;
  regionCode?: string;
  className?: string;
  /** Adds a "Comparar" checkbox column. */
  compare?: (product: Product) => CompareControl;
};

const th = 'px-4 py-3 text-left text-xs font-semibold tracking-wide text-muted-foreground uppercase';
const td = 'px-4 py-3 align-middle';

/** Side-by-side comparison for wide screens; phones get the same data as cards. */
export function PlanTable({ products, period, regionCode, className, compare }: PlanTableProps) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <table
      className={cn('w-full overflow-hidden rounded-xl border border-border bg-card text-sm', className)}
    >
      <caption className="sr-only">{t('pricing.table.caption', { count: period })}</caption>
      <thead className="border-b border-border bg-muted/60">
        <tr>
          <th scope="col" className={th}>
            {t('pricing.table.plan')}
          </th>
          <th scope="col" className={th}>
            {t('pricing.table.cpu')}
          </th>
          <th scope="col" className={th}>
            {t('pricing.table.ram')}
          </th>
          <th scope="col" className={th}>
            {t('pricing.table.disk')}
          </th>
          <th scope="col" className={cn(th, 'text-right')}>
            {t('pricing.table.monthly')}
          </th>
          <th scope="col" className={cn(th, 'text-right')}>
            {t('pricing.table.total', { count: period })}
          </th>
          <th scope="col" className={cn(th, 'text-right')}>
            {t('pricing.table.setup')}
          </th>
          {compare && (
            <th scope="col" className={th}>
              {t('plan.compare')}
            </th>
          )}
        </tr>
      </thead>
      <tbody className="divide-y divide-border">
        {products.map((product) => {
          const price = priceFor(product, period);
          const surcharge = regionCode
            ? product.regions.find((r) => r.code === regionCode)?.surchargeMinor
            : undefined;
          return (
            <tr key={product.id} data-testid="plan-row" className="hover:bg-muted/40">
              <th scope="row" className={cn(td, 'text-left font-semibold')}>
                <Link
                  to={planPath(product.id, period)}
                  className="rounded hover:text-primary hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
                >
                  {product.name}
                </Link>
              </th>
              <td className={td}>{t('plan.cpu', { count: product.cpuCores })}</td>
              <td className={td}>{t('plan.ram', { value: format.gb(product.ramMb) })}</td>
              <td className={td}>
                <span className="inline-flex items-center gap-2">
                  {t('plan.diskSize', { value: format.number(product.diskGb) })}
                  <Badge tone="brand">{product.diskType}</Badge>
                </span>
              </td>
              <td className={cn(td, 'text-right')}>
                {price ? (
                  <>
                    <span className="text-base font-bold">
                      {format.money(price.monthlyMinor, product.currency)}
                    </span>
                    {price.discountPercent > 0 && (
                      <span className="block text-xs font-medium text-green-700 dark:text-green-400">
                        {t('price.youSave', { percent: price.discountPercent })}
                      </span>
                    )}
                    {surcharge ? (
                      <span className="block text-xs text-muted-foreground">
                        {t('price.surchargeShort', { amount: format.money(surcharge, product.currency) })}
                      </span>
                    ) : null}
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td className={cn(td, 'text-right')}>
                {price ? format.money(price.totalMinor, product.currency) : '—'}
              </td>
              <td className={cn(td, 'text-right text-muted-foreground')}>
                {price && price.setupFeeMinor > 0
                  ? format.money(price.setupFeeMinor, product.currency)
                  : t('price.free')}
              </td>
              {compare && (
                <td className={cn(td, 'py-1')}>
                  <CompareToggle name={product.name} {...compare(product)} />
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function PlanTableSkeleton({ className }: { className?: string }) {
  return (
    <table aria-hidden="true" className={cn('w-full rounded-xl border border-border bg-card', className)}>
      <tbody className="divide-y divide-border">
        {Array.from({ length: 8 }, (_, i) => (
          <tr key={i}>
            {Array.from({ length: 7 }, (_, j) => (
              <td key={j} className="px-4 py-4">
                <Skeleton className="h-5 w-full max-w-24" />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
