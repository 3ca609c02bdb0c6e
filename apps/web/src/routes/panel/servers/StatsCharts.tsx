// The statistics tab's charts (Recharts), loaded lazily by StatsTab. Every chart has a "Ver datos" table.
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ProbePoint, VpsStats } from '../../../api/serverStats.ts';
import { ChartCard, FiguresTable } from '../../../components/charts/ChartCard.tsx';
import { CHART_MARGIN, GRID_ROWS, LEGEND_STYLE, TICK } from '../../../components/charts/chartStyle.ts';
import { useFormat } from '../../../lib/format.ts';
import { contaboBadgeStatus, useActionText } from '../../../lib/vps.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const STATUS_COLOR: Record<string, string> = {
  running: '#10b981',
  stopped: '#94a3b8',
  provisioning: '#3b82f6',
  rescue: '#f59e0b',
  reset_password: '#f59e0b',
  error: '#ef4444',
  unknown: '#cbd5e1',
};

/** The cards as the statistics tab shows them: section headings, lower charts, the tables scrolling. */
const TAB_CARD = {
  heading: 'h3',
  chartClass: 'h-56',
  tableClass: 'max-h-72 overflow-auto',
  emptyClass: 'py-8',
  toggleWhenEmpty: false,
} as const;

/** Time labels per range: hours over a day, days over a week or a month. */
function useTimeLabels(range: VpsStats['range']) {
  const { locale } = useFormat();
  const short = new Intl.DateTimeFormat(
    locale,
    range === '24h' ? { hour: '2-digit', minute: '2-digit' } : { day: 'numeric', month: 'short' },
  );
  const long = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return { short: (ms: number) => short.format(ms), long: (ms: number) => long.format(ms) };
}

/** Adds points up into buckets of `size` ms (hours or days). */
function bucket(points: ProbePoint[], size: number) {
  const map = new Map<number, { at: number; probes: number; failures: number }>();
  for (const p of points) {
    const at = Math.floor(new Date(p.at).getTime() / size) * size;
    const b = map.get(at) ?? { at, probes: 0, failures: 0 };
    b.probes += p.probes;
    b.failures += p.failures;
    map.set(at, b);
  }
  return [...map.values()].sort((a, b) => a.at - b.at);
}

export default function StatsCharts({ stats }: { stats: VpsStats }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <div className="lg:col-span-2">
        <StatusTimeline stats={stats} />
      </div>
      <LatencyChart stats={stats} />
      <AvailabilityChart stats={stats} />
      <div className="lg:col-span-2">
        <ActivityChart stats={stats} />
      </div>
    </div>
  );
}

function StatusTimeline({ stats }: { stats: VpsStats }) {
  const { t } = useTranslation();
  const labels = useTimeLabels(stats.range);
  const from = new Date(stats.timeline[0]?.from ?? stats.from).getTime();
  const to = new Date(stats.to).getTime();
  const total = Math.max(1, to - from);
  const statusText = (s: string) => t(`status.vps.${contaboBadgeStatus(s)}`);
  const shown = [...new Set(stats.timeline.map((s) => contaboBadgeStatus(s.status)))];
  return (
    <ChartCard
      {...TAB_CARD}
      title={t('serverPage.stats.timelineTitle')}
      testId="chart-status-timeline"
      chartClass="h-auto"
      empty={stats.timeline.length ? null : t('serverPage.stats.noTimeline')}
      chart={
        <div className="flex flex-col gap-3">
          <div className="flex h-10 w-full overflow-hidden rounded-md border border-border">
            {stats.timeline.map((s) => {
              const width = ((new Date(s.to).getTime() - new Date(s.from).getTime()) / total) * 100;
              return (
                <div
                  key={s.from}
                  title={`${statusText(s.status)}: ${labels.long(new Date(s.from).getTime())}`}
                  style={{
                    width: `${width}%`,
                    background: STATUS_COLOR[contaboBadgeStatus(s.status)] ?? '#cbd5e1',
                  }}
                />
              );
            })}
          </div>
          <div className="flex justify-between text-xs text-muted-foreground">
            <span>{labels.short(from)}</span>
            <span>{labels.short(to)}</span>
          </div>
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
            {shown.map((s) => (
              <li key={s} className="flex items-center gap-1.5">
                <span className="size-3 rounded-sm" style={{ background: STATUS_COLOR[s] ?? '#cbd5e1' }} />
                {t(`status.vps.${s}`)}
              </li>
            ))}
          </ul>
        </div>
      }
      table={
        <FiguresTable
          head={[t('serverPage.stats.status'), t('serverPage.stats.from'), t('serverPage.stats.to')]}
          rows={stats.timeline.map((s) => [
            statusText(s.status),
            labels.long(new Date(s.from).getTime()),
            labels.long(new Date(s.to).getTime()),
          ])}
        />
      }
    />
  );
}

/** Why a probe chart is empty: the probe is off, or its first results have not come in yet. */
function useProbeEmpty(stats: VpsStats): string | null {
  const { t } = useTranslation();
  if (stats.probe.points.length) return null;
  return stats.probe.enabled ? t('serverPage.stats.probe.noData') : t('serverPage.stats.probe.off');
}

function LatencyChart({ stats }: { stats: VpsStats }) {
  const { t } = useTranslation();
  const labels = useTimeLabels(stats.range);
  const empty = useProbeEmpty(stats);
  const points = stats.probe.points.map((p) => ({
    at: new Date(p.at).getTime(),
    avg: p.latencyAvgMs,
    max: stats.probe.resolution === 'hour' ? p.latencyMaxMs : undefined,
  }));
  const ms = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v} ms`);
  return (
    <ChartCard
      {...TAB_CARD}
      title={t('serverPage.stats.latencyTitle')}
      testId="chart-latency"
      empty={empty}
      chart={
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={CHART_MARGIN}>
            <CartesianGrid {...GRID_ROWS} />
            <XAxis
              dataKey="at"
              type="number"
              scale="time"
              domain={['dataMin', 'dataMax']}
              tickFormatter={labels.short}
              tick={TICK}
              minTickGap={24}
            />
            <YAxis tick={TICK} width={36} />
            <Tooltip labelFormatter={(v) => labels.long(Number(v))} formatter={(v) => ms(Number(v))} />
            <Legend wrapperStyle={LEGEND_STYLE} />
            <Line
              dataKey="avg"
              name={t('serverPage.stats.latencyAvg')}
              stroke="var(--primary)"
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
            />
            {stats.probe.resolution === 'hour' && (
              <Line
                dataKey="max"
                name={t('serverPage.stats.latencyMax')}
                stroke="#f59e0b"
                dot={false}
                isAnimationActive={false}
              />
            )}
          </LineChart>
        </ResponsiveContainer>
      }
      table={
        <FiguresTable
          head={[
            t('serverPage.stats.time'),
            t('serverPage.stats.latencyAvg'),
            t('serverPage.stats.latencyMax'),
          ]}
          rows={points.map((p) => [labels.long(p.at), ms(p.avg), ms(p.max ?? p.avg)])}
        />
      }
    />
  );
}

function AvailabilityChart({ stats }: { stats: VpsStats }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const labels = useTimeLabels(stats.range);
  const empty = useProbeEmpty(stats);
  // Hourly bars over a day or a week, daily bars over a month.
  const size = stats.range === '30d' ? DAY : HOUR;
  const points = bucket(stats.probe.points, size).map((b) => ({
    at: b.at,
    value: b.probes ? Math.round(((b.probes - b.failures) / b.probes) * 1000) / 10 : 0,
    probes: b.probes,
    failures: b.failures,
  }));
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const summary =
    stats.probe.availability === null
      ? null
      : t('serverPage.stats.availabilitySummary', { value: pct.format(stats.probe.availability / 100) });
  return (
    <ChartCard
      {...TAB_CARD}
      title={
        summary
          ? `${t('serverPage.stats.availabilityTitle')} · ${summary}`
          : t('serverPage.stats.availabilityTitle')
      }
      testId="chart-availability"
      empty={empty}
      chart={
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={points} margin={CHART_MARGIN}>
            <CartesianGrid {...GRID_ROWS} />
            <XAxis dataKey="at" tickFormatter={labels.short} tick={TICK} minTickGap={24} />
            <YAxis domain={[0, 100]} tick={TICK} width={44} unit="%" />
            <Tooltip
              labelFormatter={(v) => labels.long(Number(v))}
              formatter={(v) => pct.format(Number(v) / 100)}
            />
            <Bar
              dataKey="value"
              name={t('serverPage.stats.availabilityTitle')}
              fill="#10b981"
              maxBarSize={40}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <FiguresTable
          head={[
            t('serverPage.stats.time'),
            t('serverPage.stats.probes'),
            t('serverPage.stats.failures'),
            t('serverPage.stats.availabilityTitle'),
          ]}
          rows={points.map((p) => [labels.long(p.at), p.probes, p.failures, pct.format(p.value / 100)])}
        />
      }
    />
  );
}

function ActivityChart({ stats }: { stats: VpsStats }) {
  const { t } = useTranslation();
  const format = useFormat();
  const actionText = useActionText();
  const labels = useTimeLabels(stats.range);
  const size = stats.range === '24h' ? HOUR : DAY;
  const buckets = new Map<number, { at: number; power: number; snapshot: number }>();
  for (const a of stats.activity) {
    const at = Math.floor(new Date(a.at).getTime() / size) * size;
    const b = buckets.get(at) ?? { at, power: 0, snapshot: 0 };
    b[a.kind]++;
    buckets.set(at, b);
  }
  const points = [...buckets.values()].sort((a, b) => a.at - b.at);
  return (
    <ChartCard
      {...TAB_CARD}
      title={t('serverPage.stats.activityTitle')}
      testId="chart-activity"
      empty={stats.activity.length ? null : t('serverPage.stats.noActivity')}
      chart={
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={points} margin={CHART_MARGIN}>
            <CartesianGrid {...GRID_ROWS} />
            <XAxis dataKey="at" tickFormatter={labels.short} tick={TICK} minTickGap={24} />
            <YAxis allowDecimals={false} tick={TICK} width={32} />
            <Tooltip labelFormatter={(v) => labels.long(Number(v))} />
            <Legend wrapperStyle={LEGEND_STYLE} />
            <Bar
              dataKey="power"
              stackId="a"
              maxBarSize={32}
              name={t('serverPage.stats.power')}
              fill="var(--primary)"
              isAnimationActive={false}
            />
            <Bar
              dataKey="snapshot"
              stackId="a"
              maxBarSize={32}
              name={t('serverPage.stats.snapshots')}
              fill="#f59e0b"
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <FiguresTable
          head={[t('serverPage.stats.time'), t('serverPage.stats.action'), t('serverPage.stats.result')]}
          rows={stats.activity.map((a) => [
            format.dateTime(a.at),
            actionText.name(a.type),
            t(`serverPage.stats.actionStatus.${a.status === 'failed' ? 'failed' : 'ok'}`),
          ])}
        />
      }
    />
  );
}
