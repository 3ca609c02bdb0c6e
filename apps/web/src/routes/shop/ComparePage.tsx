import { useQueries } from '@tanstack/react-query';
import { ArrowRight, Columns3, Plus, X } from 'lucide-react';
import { useId, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { productQuery, useProducts } from '../../api/catalog.ts';
import type { PeriodMonths, ProductDetail } from '../../api/models.ts';
import { CurrencyNote } from '../../components/catalog/CurrencyNote.tsx';
import { PeriodSelector, isPeriod } from '../../components/catalog/PeriodSelector.tsx';
import { COMPARE_MAX, maxDiscounts, planPath, priceFor } from '../../components/catalog/pricing.ts';
import { Badge } from '../../components/ui/Badge.tsx';
import { Button, buttonVariants } from '../../components/ui/Button.tsx';
import { EmptyState } from '../../components/ui/EmptyState.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../components/ui/Skeleton.tsx';
import { cn } from '../../lib/cn.ts';
import { useFormat } from '../../lib/format.ts';
import { useRegionText } from '../../lib/regions.ts';
import { controlClass, ShopPage } from './shopBits.tsx';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `/compare?ids=a,b,c`: up to 4 plans side by side; plans can be added and removed here too. */
export function ComparePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const ids = [...new Set((params.get('ids') ?? '').split(',').filter((id) => UUID.test(id)))].slice(
    0,
    COMPARE_MAX,
  );
  const periodParam = Number(params.get('period'));
  const period: PeriodMonths = isPeriod(periodParam) ? periodParam : 1;
  const results = useQueries({ queries: ids.map((id) => productQuery(id)) });
  const all = useProducts({ sort: 'price', page: 1, pageSize: 20 });

  const update = (changes: { ids?: string[]; period?: PeriodMonths }) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (changes.ids) {
          if (changes.ids.length) next.set('ids', changes.ids.join(','));
          else next.delete('ids');
        }
        if (changes.period !== undefined) {
          if (changes.period === 1) next.delete('period');
          else next.set('period', String(changes.period));
        }
        return next;
      },
      { replace: true, preventScrollReset: true, flushSync: true },
    );

  const loaded = results.map((r) => r.data).filter((p): p is ProductDetail => Boolean(p));
  const pending = results.some((r) => r.isPending);
  const failed = results.find((r) => r.error && !r.data);
  const discounts = maxDiscounts(loaded);
  const candidates = (all.data?.items ?? []).filter((p) => !ids.includes(p.id));

  return (
    <ShopPage>
      <title>{t('compare.documentTitle')}</title>
      <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">{t('compare.title')}</h1>
      <p className="mt-2 max-w-2xl text-muted-foreground">{t('compare.intro')}</p>

      <div className="mt-6 flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <PeriodSelector
          value={period}
          onChange={(p) => update({ period: p })}
          discounts={discounts}
          className="w-full sm:max-w-sm"
        />
        {ids.length > 0 && ids.length < COMPARE_MAX && (
          <AddPlan
            options={candidates.map((p) => ({ id: p.id, name: p.name }))}
            onAdd={(id) => update({ ids: [...ids, id] })}
          />
        )}
      </div>

      <div className="mt-6">
        {ids.length === 0 ? (
          <EmptyState
            icon={Columns3}
            title={t('compare.emptyTitle')}
            description={t('compare.emptyText')}
            action={
              <div className="flex flex-col items-center gap-3 sm:flex-row">
                <Link to="/pricing" className={buttonVariants()}>
                  {t('compare.choose')}
                </Link>
                <AddPlan
                  options={candidates.map((p) => ({ id: p.id, name: p.name }))}
                  onAdd={(id) => update({ ids: [id] })}
                  hideLabel
                />
              </div>
            }
          />
        ) : failed && !pending && loaded.length === 0 ? (
          <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />
        ) : pending ? (
          <Skeleton className="h-[32rem] w-full rounded-xl" />
        ) : (
          <CompareTable
            products={loaded}
            period={period}
            onRemove={(id) => update({ ids: ids.filter((other) => other !== id) })}
          />
        )}
      </div>
      {ids.length >= COMPARE_MAX && <p className="mt-3 text-sm text-muted-foreground">{t('compare.max')}</p>}
      <CurrencyNote />
    </ShopPage>
  );
}

function AddPlan({
  options,
  onAdd,
  hideLabel = false,
}: {
  options: Array<{ id: string; name: string }>;
  onAdd: (id: string) => void;
  hideLabel?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="flex min-w-0 flex-col gap-1.5 sm:w-64">
      <label htmlFor={id} className={cn('text-sm font-medium', hideLabel && 'sr-only')}>
        {t('compare.add')}
      </label>
      <div className="relative">
        <Plus
          aria-hidden="true"
          className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
        />
        <select
          id={id}
          value=""
          onChange={(event) => {
            if (event.target.value) onAdd(event.target.value);
          }}
          className={cn(controlClass, 'h-11 pl-9')}
        >
          <option value="">{t('compare.addPlaceholder')}</option>
          {options.map((option) => (
            <option key={option.id} value={option.id}>
              {option.name}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

function CompareTable({
  products,
  period,
  onRemove,
}: {
  products: ProductDetail[];
  period: PeriodMonths;
  onRemove: (id: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const regionText = useRegionText();
  const prices = products.map((p) => priceFor(p, period));
  const monthly = prices.map((p) => p?.monthlyMinor ?? Number.POSITIVE_INFINITY);
  const cheapest = Math.min(...monthly);

  const rows: Array<{ label: string; cells: ReactNode[] }> = [
    {
      label: t('compare.rows.monthly'),
      cells: products.map((product, i) => {
        const price = prices[i];
        if (!price) return '—';
        return (
          <>
            <span className="text-xl font-bold">{format.money(price.monthlyMinor, product.currency)}</span>
            <span className="text-muted-foreground">{t('price.perMonth')}</span>
            {products.length > 1 && price.monthlyMinor === cheapest && (
              <Badge tone="success" className="mt-1 flex w-fit">
                {t('compare.cheapest')}
              </Badge>
            )}
          </>
        );
      }),
    },
    {
      label: t('compare.rows.total', { count: period }),
      cells: products.map((product, i) => {
        const price = prices[i];
        return price ? format.money(price.totalMinor, product.currency) : '—';
      }),
    },
    {
      label: t('compare.rows.discount'),
      cells: products.map((_, i) => {
        const price = prices[i];
        return price && price.discountPercent > 0 ? (
          <span className="font-medium text-green-700 dark:text-green-400">
            {t('price.youSave', { percent: price.discountPercent })}
          </span>
        ) : (
          <span className="text-muted-foreground">{t('compare.noDiscount')}</span>
        );
      }),
    },
    {
      label: t('compare.rows.setup'),
      cells: products.map((product, i) => {
        const price = prices[i];
        return price && price.setupFeeMinor > 0
          ? format.money(price.setupFeeMinor, product.currency)
          : t('price.free');
      }),
    },
    { label: t('compare.rows.cpu'), cells: products.map((p) => t('plan.cpu', { count: p.cpuCores })) },
    {
      label: t('compare.rows.ram'),
      cells: products.map((p) => t('plan.ram', { value: format.gb(p.ramMb) })),
    },
    {
      label: t('compare.rows.disk'),
      cells: products.map((p) => (
        <span className="inline-flex flex-wrap items-center gap-2">
          {t('plan.diskSize', { value: format.number(p.diskGb) })}
          <Badge tone="brand">{p.diskType}</Badge>
        </span>
      )),
    },
    {
      label: t('compare.rows.regions'),
      cells: products.map((p) => (
        <ul className="flex flex-col gap-0.5">
          {p.regions.map((r) => (
            <li key={r.code}>
              {regionText.name(r.code, r.name)}
              {r.surchargeMinor > 0 && (
                <span className="text-muted-foreground">
                  {' '}
                  {t('product.surcharge', { amount: format.money(r.surchargeMinor, p.currency) })}
                </span>
              )}
            </li>
          ))}
        </ul>
      )),
    },
    {
      label: t('compare.rows.images'),
      cells: products.map((p) => (
        <ul className="flex flex-col gap-0.5">
          {p.images.map((image) => (
            <li key={image.id}>{image.name}</li>
          ))}
        </ul>
      )),
    },
  ];

  const cell = 'px-4 py-3 align-top';
  return (
    <div className="overflow-x-auto rounded-xl border border-border bg-card" data-testid="compare-table">
      <table className="w-full min-w-[36rem] text-sm">
        <caption className="sr-only">{t('compare.caption', { count: period })}</caption>
        <thead className="border-b border-border bg-muted">
          <tr>
            <td className={cn(cell, 'sticky left-0 z-10 w-36 bg-muted')}>
              <span className="sr-only">{t('compare.feature')}</span>
            </td>
            {products.map((product) => (
              <th
                key={product.id}
                scope="col"
                className={cn(cell, 'min-w-40 text-left')}
                data-testid="compare-column"
              >
                <div className="flex items-start justify-between gap-2">
                  <Link
                    to={planPath(product.id, period)}
                    className="text-base font-semibold hover:text-primary hover:underline"
                  >
                    {product.name}
                  </Link>
                  <Button
                    variant="ghost"
                    size="icon"
                    className="-mt-2 -mr-2 size-9"
                    aria-label={t('compare.removeLabel', { name: product.name })}
                    title={t('compare.remove')}
                    onClick={() => onRemove(product.id)}
                  >
                    <X aria-hidden="true" />
                  </Button>
                </div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {rows.map((row) => (
            <tr key={row.label}>
              <th
                scope="row"
                className={cn(
                  cell,
                  'sticky left-0 z-10 bg-card text-left text-xs font-semibold tracking-wide text-muted-foreground uppercase',
                )}
              >
                {row.label}
              </th>
              {row.cells.map((content, i) => (
                <td key={products[i]?.id ?? i} className={cell}>
                  {content}
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <td className={cn(cell, 'sticky left-0 z-10 bg-card')} />
            {products.map((product) => (
              <td key={product.id} className={cell}>
                <Link
                  to={planPath(product.id, period)}
                  aria-label={t('compare.chooseLabel', { name: product.name })}
                  className={buttonVariants({ size: 'sm', className: 'w-full' })}
                >
                  {t('compare.choosePlan')}
                  <ArrowRight aria-hidden="true" />
                </Link>
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
