import { ChevronLeft, ChevronRight, Columns3, SearchX, X } from 'lucide-react';
import { useId, useMemo, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useProducts, useRegions } from '../../api/catalog.ts';
import type { DiskType, PeriodMonths, Product, ProductQuery, ProductSort } from '../../api/models.ts';
import { CurrencyNote } from '../../components/catalog/CurrencyNote.tsx';
import { PeriodSelector, isPeriod } from '../../components/catalog/PeriodSelector.tsx';
import { PlanCard, PlanCardSkeleton } from '../../components/catalog/PlanCard.tsx';
import { PlanTable, PlanTableSkeleton } from '../../components/catalog/PlanTable.tsx';
import { COMPARE_MAX, comparePath, maxDiscounts } from '../../components/catalog/pricing.ts';
import { Button, buttonVariants } from '../../components/ui/Button.tsx';
import { EmptyState } from '../../components/ui/EmptyState.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { cn } from '../../lib/cn.ts';
import { useFormat } from '../../lib/format.ts';
import { useRegionText } from '../../lib/regions.ts';

const PAGE_SIZE = 20;
// In GB, the unit of the API's `ramMin` (one unit everywhere: the URL, the request and the label).
const RAM_OPTIONS_GB = [4, 8, 16, 24, 48];
const CPU_OPTIONS = [2, 4, 6, 8];
const DISK_TYPES: DiskType[] = ['NVMe', 'SSD'];
const SORTS: ProductSort[] = ['price', '-price', 'ram', '-ram', 'cpu', '-cpu'];
const sortKey = {
  price: 'pricing.sort.priceAsc',
  '-price': 'pricing.sort.priceDesc',
  ram: 'pricing.sort.ramAsc',
  '-ram': 'pricing.sort.ramDesc',
  cpu: 'pricing.sort.cpuAsc',
  '-cpu': 'pricing.sort.cpuDesc',
} as const satisfies Record<ProductSort, string>;

function positiveInt(value: string | null): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Filters live in the URL so a filtered view can be shared and survives a reload. */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const diskParam = params.get('diskType');
  const sortParam = params.get('sort');
  const query: ProductQuery = {
    ramMin: positiveInt(params.get('ramMin')),
    cpuMin: positiveInt(params.get('cpuMin')),
    diskType: DISK_TYPES.find((d) => d === diskParam),
    region: params.get('region') || undefined,
    sort: SORTS.find((s) => s === sortParam) ?? 'price',
    page: positiveInt(params.get('page')) ?? 1,
    pageSize: PAGE_SIZE,
  };
  const periodParam = Number(params.get('period'));
  const period: PeriodMonths = isPeriod(periodParam) ? periodParam : 1;

  const update = (
    changes: Record<string, string | number | undefined>,
    resetPage = true,
    flushSync = false,
  ) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === '') next.delete(key);
          else next.set(key, String(value));
        }
        if (resetPage) next.delete('page');
        return next;
      },
      // A checkbox is controlled by the URL: flushSync shows its new state at once.
      { replace: true, preventScrollReset: true, flushSync },
    );
  };
  const hasFilters = Boolean(query.ramMin || query.cpuMin || query.diskType || query.region);
  const clear = () =>
    update({ ramMin: undefined, cpuMin: undefined, diskType: undefined, region: undefined });
  // Plans ticked for comparison ("Comparar"), kept in the URL like the filters.
  const compareIds = (params.get('compare') ?? '').split(',').filter(Boolean).slice(0, COMPARE_MAX);
  const setCompare = (ids: string[]) =>
    update({ compare: ids.length ? ids.join(',') : undefined }, false, true);
  return { query, period, update, hasFilters, clear, compareIds, setCompare };
}

export function PricingPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const regionText = useRegionText();
  const { query, period, update, hasFilters, clear, compareIds, setCompare } = useFilters();
  const compareFull = compareIds.length >= COMPARE_MAX;
  const compareControl = (product: Product) => ({
    checked: compareIds.includes(product.id),
    disabled: compareFull,
    onChange: (checked: boolean) =>
      setCompare(
        checked ? [...compareIds, product.id] : compareIds.filter((selected) => selected !== product.id),
      ),
  });
  const products = useProducts(query);
  const regions = useRegions();
  const { data, isPending, isError, error, refetch, isPlaceholderData } = products;
  const discounts = useMemo(() => maxDiscounts(data?.items ?? []), [data]);
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const page = query.page ?? 1;

  return (
    <div className="mx-auto max-w-6xl px-4 py-10 sm:px-6 sm:py-14">
      <title>{t('pricing.documentTitle')}</title>
      <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">{t('pricing.title')}</h1>
      <p className="mt-2 max-w-2xl text-muted-foreground">{t('pricing.intro')}</p>

      <form
        role="search"
        aria-label={t('pricing.filters.label')}
        onSubmit={(event) => event.preventDefault()}
        className="mt-8 grid grid-cols-2 gap-3 sm:gap-4 rounded-xl border border-border bg-card p-4 lg:grid-cols-[1fr_1fr_1fr_1fr_1.35fr]"
      >
        <SelectField
          label={t('pricing.filters.ram')}
          value={query.ramMin ?? ''}
          onChange={(v) => update({ ramMin: v })}
        >
          <option value="">{t('pricing.filters.any')}</option>
          {RAM_OPTIONS_GB.map((gb) => (
            <option key={gb} value={gb}>
              {t('pricing.filters.atLeastGb', { value: format.gb(gb * 1024) })}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('pricing.filters.cpu')}
          value={query.cpuMin ?? ''}
          onChange={(v) => update({ cpuMin: v })}
        >
          <option value="">{t('pricing.filters.any')}</option>
          {CPU_OPTIONS.map((n) => (
            <option key={n} value={n}>
              {t('pricing.filters.atLeastCpu', { count: n })}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('pricing.filters.disk')}
          value={query.diskType ?? ''}
          onChange={(v) => update({ diskType: v })}
        >
          <option value="">{t('pricing.filters.any')}</option>
          {DISK_TYPES.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('pricing.filters.region')}
          value={query.region ?? ''}
          onChange={(v) => update({ region: v })}
        >
          <option value="">{t('pricing.filters.anyRegion')}</option>
          {regions.data?.items.map((r) => (
            <option key={r.code} value={r.code}>
              {regionText.name(r.code, r.name)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('pricing.sort.label')}
          value={query.sort ?? 'price'}
          onChange={(v) => update({ sort: v === 'price' ? undefined : v })}
          className="col-span-2 lg:col-span-1"
        >
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t(sortKey[s])}
            </option>
          ))}
        </SelectField>
      </form>

      <div className="mt-6 flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <PeriodSelector
          value={period}
          onChange={(p) => update({ period: p === 1 ? undefined : p }, false)}
          discounts={discounts}
          className="w-full sm:max-w-sm"
        />
        <div className="flex items-center gap-3">
          <p aria-live="polite" className="min-h-5 text-sm text-muted-foreground">
            {data && t('pricing.results', { count: data.total })}
          </p>
          {hasFilters && (
            <Button variant="ghost" size="sm" onClick={clear}>
              {t('pricing.filters.clear')}
            </Button>
          )}
        </div>
      </div>

      <div
        className={cn('mt-6 transition-opacity', isPlaceholderData && 'opacity-60')}
        aria-busy={isPending || isPlaceholderData}
      >
        {isError && !data ? (
          <ErrorState error={error} onRetry={() => void refetch()} />
        ) : isPending ? (
          <>
            <PlanTableSkeleton className="hidden lg:table" />
            <div className="grid gap-4 sm:grid-cols-2 lg:hidden">
              {Array.from({ length: 4 }, (_, i) => (
                <PlanCardSkeleton key={i} />
              ))}
            </div>
          </>
        ) : data.items.length === 0 ? (
          <EmptyState
            icon={SearchX}
            title={t('pricing.empty.title')}
            description={t('pricing.empty.description')}
            action={
              <Button variant="outline" onClick={clear}>
                {t('pricing.filters.clear')}
              </Button>
            }
          />
        ) : (
          <>
            <PlanTable
              products={data.items}
              period={period}
              regionCode={query.region}
              className="hidden lg:table"
              compare={compareControl}
            />
            <div className="grid gap-4 sm:grid-cols-2 lg:hidden">
              {data.items.map((product) => (
                <PlanCard
                  key={product.id}
                  product={product}
                  period={period}
                  regionCode={query.region}
                  compare={compareControl(product)}
                />
              ))}
            </div>
          </>
        )}
      </div>

      {data && pages > 1 && (
        <nav
          aria-label={t('pricing.pagination.label')}
          className="mt-6 flex items-center justify-center gap-3"
        >
          <Button
            variant="outline"
            size="sm"
            disabled={page <= 1}
            onClick={() => update({ page: page - 1 }, false)}
          >
            <ChevronLeft aria-hidden="true" />
            {t('pricing.pagination.previous')}
          </Button>
          <span className="text-sm text-muted-foreground">
            {t('pricing.pagination.status', { page, pages })}
          </span>
          <Button
            variant="outline"
            size="sm"
            disabled={page >= pages}
            onClick={() => update({ page: page + 1 }, false)}
          >
            {t('pricing.pagination.next')}
            <ChevronRight aria-hidden="true" />
          </Button>
        </nav>
      )}

      <CurrencyNote />
      <CompareBar ids={compareIds} period={period} onClear={() => setCompare([])} />
    </div>
  );
}

/** Sticky bar while plans are ticked for comparison: how many, and the way to the comparison page. */
function CompareBar({ ids, period, onClear }: { ids: string[]; period: PeriodMonths; onClear: () => void }) {
  const { t } = useTranslation();
  return (
    <div
      role="region"
      aria-label={t('pricing.compareBar.label')}
      hidden={ids.length === 0}
      className="sticky bottom-3 z-20 mt-6"
    >
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-xl border border-border bg-card p-3 shadow-lg">
        <p aria-live="polite" className="min-w-0 flex-1 text-sm">
          <span className="font-semibold">{t('pricing.compareBar.selected', { count: ids.length })}</span>{' '}
          <span className="text-muted-foreground">
            {ids.length < 2
              ? t('pricing.compareBar.hint')
              : ids.length >= COMPARE_MAX
                ? t('pricing.compareBar.max')
                : ''}
          </span>
        </p>
        <div className="flex items-center gap-2">
          <Button variant="ghost" size="sm" onClick={onClear}>
            <X aria-hidden="true" />
            {t('pricing.compareBar.clear')}
          </Button>
          {ids.length >= 2 ? (
            <Link to={comparePath(ids, period)} className={buttonVariants({ size: 'sm' })}>
              <Columns3 aria-hidden="true" />
              {t('pricing.compareBar.action', { count: ids.length })}
            </Link>
          ) : (
            <Button size="sm" disabled>
              <Columns3 aria-hidden="true" />
              {t('pricing.compareBar.action', { count: ids.length })}
            </Button>
          )}
        </div>
      </div>
    </div>
  );
}

type SelectFieldProps = {
  label: string;
  value: string | number;
  onChange: (value: string) => void;
  children: ReactNode;
  className?: string;
};

function SelectField({ label, value, onChange, children, className }: SelectFieldProps) {
  const id = useId();
  return (
    <div className={cn('flex min-w-0 flex-col gap-1.5', className)}>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className="h-10 w-full min-w-0 rounded-lg border border-border bg-background px-2.5 text-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
      >
        {children}
      </select>
    </div>
  );
}
