import { Activity, Info } from 'lucide-react';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  STATS_RANGES,
  useServerStats,
  useUpdateProbe,
  type StatsRange,
  type VpsStats,
} from '../../../api/serverStats.ts';
import { CheckboxField } from '../../../components/form/fields.tsx';
import { FormError } from '../../../components/form/FormBits.tsx';
import { Card } from '../../../components/ui/Card.tsx';
import { ErrorState } from '../../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../../components/ui/Skeleton.tsx';
import { toast } from '../../../components/ui/Toast.tsx';
import { cn } from '../../../lib/cn.ts';
import { useFormat } from '../../../lib/format.ts';
import { useServerContext } from './ServerLayout.tsx';

// Recharts is loaded only when this tab is opened.
const StatsCharts = lazy(() => import('./StatsCharts.tsx'));

/**
 * Estadísticas: what the platform really measures (Contabo's API has no CPU, RAM or traffic metrics): uptime from the
 * status history, the status timeline, the opt-in reachability probe's latency and availability, and the power and
 * snapshot actions over time.
 */
export function StatsTab() {
  const { t } = useTranslation();
  const { vps } = useServerContext();
  const [range, setRange] = useState<StatsRange>('24h');
  const stats = useServerStats(vps.id, range);

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <h2 className="text-lg font-semibold">{t('serverPage.stats.title')}</h2>
        <p className="flex items-start gap-2 text-sm text-muted-foreground" data-testid="stats-no-metrics">
          <Info aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          {t('serverPage.stats.noProviderMetrics')}
        </p>
      </div>

      <div role="group" aria-label={t('serverPage.stats.rangeLabel')} className="flex flex-wrap gap-2">
        {STATS_RANGES.map((r) => (
          <button
            key={r}
            type="button"
            aria-pressed={range === r}
            onClick={() => setRange(r)}
            className={cn(
              'h-10 min-w-16 rounded-md border px-3 text-sm font-medium transition-colors',
              'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring',
              range === r
                ? 'border-primary bg-primary text-primary-foreground'
                : 'border-border bg-card text-foreground hover:bg-muted',
            )}
          >
            {t(`serverPage.stats.range.${r}`)}
          </button>
        ))}
      </div>

      {stats.error && !stats.data ? (
        <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
      ) : !stats.data ? (
        <div className="flex flex-col gap-4" aria-busy="true" data-testid="stats-loading">
          <Skeleton className="h-24 w-full rounded-xl" />
          <Skeleton className="h-28 w-full rounded-xl" />
          <Skeleton className="h-72 w-full rounded-xl" />
        </div>
      ) : (
        <div
          className={cn('flex flex-col gap-6 transition-opacity', stats.isPlaceholderData && 'opacity-60')}
          aria-busy={stats.isFetching}
        >
          <UptimeFigures stats={stats.data} />
          <ProbeCard vpsId={vps.id} stats={stats.data} />
          <Suspense fallback={<Skeleton className="h-72 w-full rounded-xl" />}>
            <StatsCharts stats={stats.data} />
          </Suspense>
        </div>
      )}
    </div>
  );
}

function UptimeFigures({ stats }: { stats: VpsStats }) {
  const { t } = useTranslation();
  const { locale } = useFormat();
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 });
  return (
    <section aria-labelledby="uptime-title" className="flex flex-col gap-3">
      <h3 id="uptime-title" className="text-base font-semibold">
        {t('serverPage.stats.uptimeTitle')}
      </h3>
      <dl className="grid grid-cols-3 gap-3" data-testid="uptime-figures">
        {STATS_RANGES.map((r) => (
          <Card key={r} className="flex flex-col gap-1 p-4">
            <dt className="text-xs text-muted-foreground">{t(`serverPage.stats.range.${r}`)}</dt>
            <dd className="text-xl font-semibold tabular-nums sm:text-2xl">
              {stats.uptime[r] === null ? '—' : pct.format(stats.uptime[r] / 100)}
            </dd>
          </Card>
        ))}
      </dl>
      <p className="text-xs text-muted-foreground">{t('serverPage.stats.uptimeHint')}</p>
    </section>
  );
}

function ProbeCard({ vpsId, stats }: { vpsId: string; stats: VpsStats }) {
  const { t } = useTranslation();
  const update = useUpdateProbe(vpsId);
  const { probe } = stats;
  const protocol = t(`serverPage.stats.probe.protocol.${probe.protocol}`);
  return (
    <Card className="flex flex-col gap-3 p-4" data-testid="probe-card">
      <div className="flex items-center gap-2">
        <Activity aria-hidden="true" className="size-5 text-primary" />
        <h3 className="text-base font-semibold">{t('serverPage.stats.probe.title')}</h3>
      </div>
      <CheckboxField
        label={t('serverPage.stats.probe.toggle', {
          minutes: probe.intervalMinutes,
          port: probe.port,
          protocol,
        })}
        hint={t('serverPage.stats.probe.hint')}
        checked={probe.enabled}
        disabled={update.isPending}
        onChange={(e) => {
          const enabled = e.target.checked;
          update.mutate(enabled, {
            onSuccess: () =>
              toast.success(
                enabled ? t('serverPage.stats.probe.enabled') : t('serverPage.stats.probe.disabled'),
              ),
          });
        }}
      />
      {update.error && <FormError error={update.error} />}
    </Card>
  );
}
