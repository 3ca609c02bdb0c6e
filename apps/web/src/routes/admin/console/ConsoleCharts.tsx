// The console's charts (Recharts). Loaded lazily by the pages that show them, so neither the public bundle nor the
// first paint of the dashboard's figures waits for the charting library. Every chart has a "Ver datos" table.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Dashboard, SalesRow } from '../../../api/console.ts';
import { Button } from '../../../components/ui/Button.tsx';
import { Card } from '../../../components/ui/Card.tsx';
import { useFormat } from '../../../lib/format.ts';

const COLORS = {
  revenue: 'var(--primary)',
  cost: '#f59e0b',
  margin: '#10b981',
  neutral: '#64748b',
};

/** "mar 26" / "Mar 26" for a YYYY-MM-DD month start. */
function useMonthLabel() {
  const { locale } = useFormat();
  const formatter = new Intl.DateTimeFormat(locale, { month: 'short', year: '2-digit', timeZone: 'UTC' });
  return (iso: string) => formatter.format(new Date(`${iso}T00:00:00Z`));
}

/** A chart with its title and a toggle to the same numbers as a table (for screen readers and exact figures). */
export function ChartCard({
  title,
  testId,
  chart,
  table,
  empty = false,
}: {
  title: string;
  testId: string;
  chart: ReactNode;
  table: ReactNode;
  /** Nothing to draw yet: say so instead of empty axes. */
  empty?: boolean;
}) {
  const { t } = useTranslation();
  const [showData, setShowData] = useState(false);
  return (
    <Card className="flex min-w-0 flex-col gap-3 p-4" data-testid={testId}>
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-base font-semibold">{title}</h2>
        <Button variant="ghost" size="sm" aria-pressed={showData} onClick={() => setShowData((v) => !v)}>
          {showData ? t('console.charts.showChart') : t('console.charts.showData')}
        </Button>
      </div>
      {empty ? (
        <p className="py-10 text-center text-sm text-muted-foreground">{t('console.charts.empty')}</p>
      ) : showData ? (
        <div className="overflow-x-auto">{table}</div>
      ) : (
        <div className="h-64 w-full" aria-hidden="true">
          {chart}
        </div>
      )}
    </Card>
  );
}

export function DataTableSimple({ head, rows }: { head: string[]; rows: ReactNode[][] }) {
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-xs text-muted-foreground uppercase">
        <tr>
          {head.map((h, i) => (
            <th key={h} scope="col" className={i > 0 ? 'px-2 py-1 text-right' : 'px-2 py-1'}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((cells, r) => (
          <tr key={r} className="border-t border-border">
            {cells.map((cell, i) => (
              <td key={i} className={i > 0 ? 'px-2 py-1 text-right tabular-nums' : 'px-2 py-1'}>
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function useMoneyAxis(currency: string) {
  const { locale } = useFormat();
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  return (minor: number) => compact.format(minor / 10 ** digits);
}

export function MonthlySalesChart({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const format = useFormat();
  const month = useMonthLabel();
  const axis = useMoneyAxis(data.currency);
  const money = (v: number) => format.money(v, data.currency);
  const points = data.charts.monthlySales.map((p) => ({ ...p, label: month(p.month) }));
  return (
    <ChartCard
      title={t('console.charts.monthlySales')}
      testId="chart-monthly-sales"
      chart={
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--border)" />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" minTickGap={12} />
            <YAxis tickFormatter={axis} tick={{ fontSize: 11 }} width={44} />
            <Tooltip formatter={(v) => money(Number(v))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar
              dataKey="netMinor"
              name={t('console.charts.revenue')}
              fill={COLORS.revenue}
              radius={[3, 3, 0, 0]}
            />
            <Bar
              dataKey="costMinor"
              name={t('console.charts.cost')}
              fill={COLORS.cost}
              radius={[3, 3, 0, 0]}
            />
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <DataTableSimple
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
  return (
    <ChartCard
      title={t('console.charts.plans')}
      testId="chart-plans"
      empty={plans.length === 0}
      chart={
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={plans} layout="vertical" margin={{ top: 0, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="var(--border)" />
            <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
            <YAxis type="category" dataKey="label" width={96} tick={{ fontSize: 11 }} />
            <Tooltip />
            <Bar
              dataKey="activeServices"
              name={t('console.charts.activeServices')}
              fill={COLORS.revenue}
              radius={[0, 3, 3, 0]}
            />
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <DataTableSimple
          head={[t('console.charts.plan'), t('console.charts.activeServices'), t('console.charts.revenue12')]}
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
  return (
    <ChartCard
      title={t('console.charts.regions')}
      testId="chart-regions"
      empty={regions.length === 0}
      chart={
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={regions} layout="vertical" margin={{ top: 0, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="var(--border)" />
            <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
            <YAxis type="category" dataKey="label" width={96} tick={{ fontSize: 11 }} />
            <Tooltip />
            <Bar
              dataKey="count"
              name={t('console.charts.servers')}
              fill={COLORS.margin}
              radius={[0, 3, 3, 0]}
            />
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <DataTableSimple
          head={[t('console.charts.region'), t('console.charts.servers')]}
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
  return (
    <ChartCard
      title={t('console.charts.newCustomers')}
      testId="chart-new-customers"
      chart={
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--border)" />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" minTickGap={12} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={32} />
            <Tooltip />
            <Bar
              dataKey="count"
              name={t('console.charts.customers')}
              fill={COLORS.neutral}
              radius={[3, 3, 0, 0]}
            />
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <DataTableSimple
          head={[t('console.charts.month'), t('console.charts.customers')]}
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
  const { t } = useTranslation();
  const format = useFormat();
  const axis = useMoneyAxis(currency);
  const points = rows.map((r) => ({ ...r, name: label(r) }));
  return (
    <div className="h-64 w-full" aria-hidden="true" data-testid="chart-sales-report">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--border)" />
          <XAxis dataKey="name" tick={{ fontSize: 11 }} interval="preserveStartEnd" minTickGap={12} />
          <YAxis tickFormatter={axis} tick={{ fontSize: 11 }} width={44} />
          <Tooltip formatter={(v) => format.money(Number(v), currency)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar
            dataKey="netMinor"
            name={t('console.charts.revenue')}
            fill={COLORS.revenue}
            radius={[3, 3, 0, 0]}
          />
          <Bar dataKey="costMinor" name={t('console.charts.cost')} fill={COLORS.cost} radius={[3, 3, 0, 0]} />
          <Bar
            dataKey="marginMinor"
            name={t('console.charts.margin')}
            fill={COLORS.margin}
            radius={[3, 3, 0, 0]}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
