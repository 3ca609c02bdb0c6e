// The console's charts (Recharts). Loaded lazily by the pages that show them, so neither the public bundle nor the
// first paint of the dashboard's figures waits for the charting library. Every chart has a "Ver datos" table.
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Dashboard, SalesRow } from '../../../api/console.ts';
import { ChartCard, FiguresTable } from '../../../components/charts/ChartCard.tsx';
import {
  CHART_MARGIN,
  GRID_COLUMNS,
  GRID_ROWS,
  LEGEND_STYLE,
  TICK,
} from '../../../components/charts/chartStyle.ts';
import { useFormat } from '../../../lib/format.ts';

const COLORS = {
  revenue: 'var(--primary)',
  cost: '#f59e0b',
  margin: '#10b981',
  neutral: '#64748b',
};

/** One series of bars: the field it draws, its name in the legend and tooltip, its colour. */
type Series = { key: string; name: string; fill: string };

/** "mar 26" / "Mar 26" for a YYYY-MM-DD month start. */
function useMonthLabel() {
  const { locale } = useFormat();
  const formatter = new Intl.DateTimeFormat(locale, { month: 'short', year: '2-digit', timeZone: 'UTC' });
  return (iso: string) => formatter.format(new Date(`${iso}T00:00:00Z`));
}

function useMoneyAxis(currency: string) {
  const { locale } = useFormat();
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  return (minor: number) => compact.format(minor / 10 ** digits);
}

/**
 * Vertical bars over named columns (months, report rows). With `money` the axis and tooltip read as amounts,
 * else as counts; several series get a legend.
 */
function ColumnChart({
  data,
  xKey,
  series,
  money,
}: {
  data: object[];
  xKey: string;
  series: Series[];
  money?: { axis: (minor: number) => string; value: (minor: number) => string };
}) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={CHART_MARGIN}>
        <CartesianGrid {...GRID_ROWS} />
        <XAxis dataKey={xKey} tick={TICK} interval="preserveStartEnd" minTickGap={12} />
        {money ? (
          <YAxis tickFormatter={money.axis} tick={TICK} width={44} />
        ) : (
          <YAxis allowDecimals={false} tick={TICK} width={32} />
        )}
        {money ? <Tooltip formatter={(v) => money.value(Number(v))} /> : <Tooltip />}
        {series.length > 1 && <Legend wrapperStyle={LEGEND_STYLE} />}
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.fill} radius={[3, 3, 0, 0]} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Horizontal bars of a count per `label` (plans, regions). */
function RowChart({ data, series }: { data: object[]; series: Series }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} layout="vertical" margin={{ ...CHART_MARGIN, top: 0 }}>
        <CartesianGrid {...GRID_COLUMNS} />
        <XAxis type="number" allowDecimals={false} tick={TICK} />
        <YAxis type="category" dataKey="label" width={96} tick={TICK} />
        <Tooltip />
        <Bar dataKey={series.key} name={series.name} fill={series.fill} radius={[0, 3, 3, 0]} />
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Net, cost (and margin) bars of the sales figures, with the axis and tooltip in `currency`. */
function useSalesSeries(currency: string) {
  const { t } = useTranslation();
  const format = useFormat();
  const axis = useMoneyAxis(currency);
  const revenue = { key: 'netMinor', name: t('console.charts.revenue'), fill: COLORS.revenue };
  const cost = { key: 'costMinor', name: t('console.charts.cost'), fill: COLORS.cost };
  const margin = { key: 'marginMinor', name: t('console.charts.margin'), fill: COLORS.margin };
  return { revenue, cost, margin, money: { axis, value: (v: number) => format.money(v, currency) } };
}

export function MonthlySalesChart({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const month = useMonthLabel();
  const sales = useSalesSeries(data.currency);
  const money = sales.money.value;
  const points = data.charts.monthlySales.map((p) => ({ ...p, label: month(p.month) }));
  return (
    <ChartCard
      title={t('console.charts.monthlySales')}
      testId="chart-monthly-sales"
      chart={
        <ColumnChart data={points} xKey="label" series={[sales.revenue, sales.cost]} money={sales.money} />
      }
      table={
        <FiguresTable
          head={[
            t('console.charts.month'),
            t('console.charts.revenue'),
            t('console.charts.cost'),
            t('console.charts.margin'),
          ]}
          rows={points.map((p) => [p.label, money(p.netMinor), money(p.costMinor), money(p.marginMinor)])}
        />
      }
    />
  );
}

export function PlansChart({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const format = useFormat();
  const plans = data.charts.plans.map((p) => ({ ...p, label: p.name ?? t('console.charts.noPlan') }));
  const name = t('console.charts.activeServices');
  return (
    <ChartCard
      title={t('console.charts.plans')}
      testId="chart-plans"
      empty={plans.length === 0 ? t('console.charts.empty') : null}
      chart={<RowChart data={plans} series={{ key: 'activeServices', name, fill: COLORS.revenue }} />}
      table={
        <FiguresTable
          head={[t('console.charts.plan'), name, t('console.charts.revenue12')]}
          rows={plans.map((p) => [
            p.label,
            format.number(p.activeServices),
            format.money(p.revenueMinor, data.currency),
          ])}
        />
      }
    />
  );
}

export function RegionsChart({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const format = useFormat();
  const regions = data.charts.regions.map((r) => ({ ...r, label: r.name ?? r.region ?? '—' }));
  const name = t('console.charts.servers');
  return (
    <ChartCard
      title={t('console.charts.regions')}
      testId="chart-regions"
      empty={regions.length === 0 ? t('console.charts.empty') : null}
      chart={<RowChart data={regions} series={{ key: 'count', name, fill: COLORS.margin }} />}
      table={
        <FiguresTable
          head={[t('console.charts.region'), name]}
          rows={regions.map((r) => [r.label, format.number(r.count)])}
        />
      }
    />
  );
}

export function NewCustomersChart({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const format = useFormat();
  const month = useMonthLabel();
  const points = data.charts.newCustomers.map((p) => ({ ...p, label: month(p.month) }));
  const name = t('console.charts.customers');
  return (
    <ChartCard
      title={t('console.charts.newCustomers')}
      testId="chart-new-customers"
      chart={
        <ColumnChart data={points} xKey="label" series={[{ key: 'count', name, fill: COLORS.neutral }]} />
      }
      table={
        <FiguresTable
          head={[t('console.charts.month'), name]}
          rows={points.map((p) => [p.label, format.number(p.count)])}
        />
      }
    />
  );
}

/** The four dashboard charts, as one lazily loaded chunk. */
export default function DashboardCharts({ data }: { data: Dashboard }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <MonthlySalesChart data={data} />
      <PlansChart data={data} />
      <RegionsChart data={data} />
      <NewCustomersChart data={data} />
    </div>
  );
}

/** The sales report's chart: net and cost per row (period or dimension value). */
export function SalesReportChart({
  rows,
  currency,
  label,
}: {
  rows: SalesRow[];
  currency: string;
  label: (r: SalesRow) => string;
}) {
  const sales = useSalesSeries(currency);
  const points = rows.map((r) => ({ ...r, name: label(r) }));
  return (
    <div className="h-64 w-full" aria-hidden="true" data-testid="chart-sales-report">
      <ColumnChart
        data={points}
        xKey="name"
        series={[sales.revenue, sales.cost, sales.margin]}
        money={sales.money}
      />
    </div>
  );
}
