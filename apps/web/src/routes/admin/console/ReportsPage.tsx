import { FileDown } from 'lucide-react';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  downloadSalesCsv,
  downloadTaxCsv,
  REPORT_DIMENSIONS,
  REPORT_GROUPS,
  useSalesReport,
  useTaxReport,
  type ReportDimension,
  type ReportGroup,
  type SalesFigures,
  type SalesRow,
} from '../../../api/console.ts';
import { PageHeader } from '../../../components/layout/PageHeader.tsx';
import { DayFilter, FilterBar, FilterSelect } from '../../../components/list/filters.tsx';
import { useListParams } from '../../../components/list/useListParams.ts';
import { Button } from '../../../components/ui/Button.tsx';
import { Card } from '../../../components/ui/Card.tsx';
import { ErrorState } from '../../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../../components/ui/Skeleton.tsx';
import { toast } from '../../../components/ui/Toast.tsx';
import { useFormat } from '../../../lib/format.ts';

const SalesReportChart = lazy(() =>
  import('./ConsoleCharts.tsx').then((m) => ({ default: m.SalesReportChart })),
);

const PARAMS = ['from', 'to', 'group', 'dimension'] as const;
const isDay = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

/** This year's first day and today (UTC), the default range. */
function defaultRange() {
  const today = new Date().toISOString().slice(0, 10);
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}

/** `/admin/reports` ("Informes"): sales, credit notes, tax, Contabo cost and margin; tax by country; CSV. */
export function ReportsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { values, set } = useListParams(PARAMS);
  const range = defaultRange();
  const from = isDay(values.from) ? values.from : range.from;
  const to = isDay(values.to) ? values.to : range.to;
  const group: ReportGroup = REPORT_GROUPS.find((g) => g === values.group) ?? 'month';
  const dimension: ReportDimension = REPORT_DIMENSIONS.find((d) => d === values.dimension) ?? 'none';
  const query = { from, to, group, dimension };
  const sales = useSalesReport(query);
  const tax = useTaxReport(from, to);
  const [downloading, setDownloading] = useState(false);
  const report = sales.data;

  const download = async (what: 'sales' | 'tax') => {
    setDownloading(true);
    try {
      await (what === 'sales' ? downloadSalesCsv(query) : downloadTaxCsv(from, to));
    } catch {
      toast.error(t('console.reports.downloadFailed'));
    } finally {
      setDownloading(false);
    }
  };

  const labelOf = (r: SalesRow) => {
    const parts: string[] = [];
    if (r.period) parts.push(format.date(`${r.period}T00:00:00Z`));
    if (dimension !== 'none') {
      const value = r.label ?? r.key;
      parts.push(
        value === null
          ? t('console.reports.unknown')
          : dimension === 'kind'
            ? t(`console.reports.kinds.${value}`, { defaultValue: value })
            : value,
      );
    }
    return parts.join(' · ');
  };

  const money = (v: number) => format.money(v, report?.currency ?? 'USD');
  const cells = (f: SalesFigures) => [
    money(f.revenueMinor),
    money(f.refundsMinor),
    money(f.netMinor),
    money(f.taxMinor),
    money(f.costMinor),
    money(f.marginMinor),
  ];

  return (
    <div className="flex flex-col gap-6">
      <title>{t('console.reports.documentTitle')}</title>
      <PageHeader
        title={t('console.reports.title')}
        subtitle={t('console.reports.subtitle')}
        aside={
          <Button variant="outline" disabled={downloading} onClick={() => void download('sales')}>
            <FileDown aria-hidden="true" />
            {t('console.reports.downloadSales')}
          </Button>
        }
      />
      <FilterBar>
        <div className="flex w-full gap-3 sm:w-auto">
          <DayFilter
            label={t('console.reports.from')}
            value={from}
            max={to}
            onChange={(v) => set({ from: v })}
          />
          <DayFilter label={t('console.reports.to')} value={to} min={from} onChange={(v) => set({ to: v })} />
        </div>
        <FilterSelect label={t('console.reports.group')} value={group} onChange={(v) => set({ group: v })}>
          {REPORT_GROUPS.map((g) => (
            <option key={g} value={g}>
              {t(`console.reports.groups.${g}`)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          label={t('console.reports.dimension')}
          value={dimension}
          onChange={(v) => set({ dimension: v })}
        >
          {REPORT_DIMENSIONS.map((d) => (
            <option key={d} value={d}>
              {t(`console.reports.dimensions.${d}`)}
            </option>
          ))}
        </FilterSelect>
      </FilterBar>

      {sales.error && !report ? (
        <ErrorState error={sales.error} onRetry={() => void sales.refetch()} />
      ) : !report ? (
        <Skeleton className="h-80 rounded-xl" />
      ) : (
        <Card className="flex min-w-0 flex-col gap-4 p-4" data-testid="sales-report">
          <Suspense fallback={<Skeleton className="h-64 rounded-xl" />}>
            <SalesReportChart rows={report.rows} currency={report.currency} label={labelOf} />
          </Suspense>
          <div className="overflow-x-auto">
            <table className="w-full min-w-[44rem] text-left text-sm">
              <caption className="sr-only">{t('console.reports.title')}</caption>
              <thead className="text-xs text-muted-foreground uppercase">
                <tr>
                  <th scope="col" className="px-2 py-1">
                    {t('console.reports.row')}
                  </th>
                  {(['revenue', 'refunds', 'net', 'tax', 'cost', 'margin'] as const).map((c) => (
                    <th key={c} scope="col" className="px-2 py-1 text-right">
                      {t(`console.reports.columns.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.rows.length === 0 && (
                  <tr>
                    <td colSpan={7} className="px-2 py-4 text-center text-muted-foreground">
                      {t('console.reports.empty')}
                    </td>
                  </tr>
                )}
                {report.rows.map((r) => (
                  <tr key={`${r.period}|${r.key}`} className="border-t border-border" data-testid="sales-row">
                    <td className="px-2 py-1">{labelOf(r)}</td>
                    {cells(r).map((c, i) => (
                      <td key={i} className="px-2 py-1 text-right tabular-nums">
                        {c}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="border-t-2 border-border font-semibold" data-testid="sales-total">
                  <th scope="row" className="px-2 py-1 text-left">
                    {t('console.reports.total')}
                  </th>
                  {cells(report.totals).map((c, i) => (
                    <td key={i} className="px-2 py-1 text-right tabular-nums">
                      {c}
                    </td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
          {report.unconverted.documents > 0 && (
            <p className="text-sm text-amber-800 dark:text-amber-200">
              {t('console.unconverted', {
                count: report.unconverted.documents,
                currencies: report.unconverted.currencies.join(', '),
              })}
            </p>
          )}
        </Card>
      )}

      <Card className="flex min-w-0 flex-col gap-3 p-4" data-testid="tax-report">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-base font-semibold">{t('console.reports.taxTitle')}</h2>
          <Button variant="ghost" size="sm" disabled={downloading} onClick={() => void download('tax')}>
            <FileDown aria-hidden="true" />
            {t('console.reports.downloadTax')}
          </Button>
        </div>
        {tax.data ? (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-muted-foreground uppercase">
                <tr>
                  <th scope="col" className="px-2 py-1">
                    {t('console.reports.country')}
                  </th>
                  <th scope="col" className="px-2 py-1 text-right">
                    {t('console.reports.taxable')}
                  </th>
                  <th scope="col" className="px-2 py-1 text-right">
                    {t('console.reports.columns.tax')}
                  </th>
                  <th scope="col" className="px-2 py-1 text-right">
                    {t('console.reports.columns.net')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {[
                  ...tax.data.rows.map((r) => ({ ...r, name: r.country ?? '—' })),
                  { ...tax.data.totals, name: t('console.reports.total') },
                ].map((r) => (
                  <tr key={r.name} className="border-t border-border">
                    <td className="px-2 py-1">{r.name}</td>
                    <td className="px-2 py-1 text-right tabular-nums">
                      {format.money(r.taxableMinor, tax.data.currency)}
                    </td>
                    <td className="px-2 py-1 text-right tabular-nums">
                      {format.money(r.taxMinor, tax.data.currency)}
                    </td>
                    <td className="px-2 py-1 text-right tabular-nums">
                      {format.money(r.totalMinor, tax.data.currency)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : tax.error ? (
          <ErrorState error={tax.error} onRetry={() => void tax.refetch()} />
        ) : (
          <Skeleton className="h-24 rounded-xl" />
        )}
      </Card>
    </div>
  );
}
