import { AlertTriangle, CheckCircle2, XCircle } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { JobRun } from '../../../api/models.ts';
import { Badge } from '../../../components/ui/Badge.tsx';
import { useFormat } from '../../../lib/format.ts';
import { runState } from './billingRules.ts';
import { RunCounts } from './RunCounts.tsx';

/** The last runs of the lifecycle job: state, start, length, job and what each did. */
export function JobRuns({ runs }: { runs: JobRun[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (runs.length === 0) return <p className="text-sm text-muted-foreground">{t('admin.billing.noRuns')}</p>;
  return (
    <ul className="flex flex-col divide-y divide-border" data-testid="job-runs">
      {runs.map((run) => {
        const { state, seconds } = runState(run);
        const failed = state === 'failed';
        const running = state === 'running';
        return (
          <li key={run.id} className="flex flex-col gap-1.5 py-3 text-sm">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <Badge tone={failed ? 'danger' : running ? 'info' : 'success'}>
                {failed ? (
                  <XCircle aria-hidden="true" />
                ) : running ? (
                  <AlertTriangle aria-hidden="true" />
                ) : (
                  <CheckCircle2 aria-hidden="true" />
                )}
                {failed
                  ? t('admin.billing.runStatus.failed')
                  : running
                    ? t('admin.billing.runStatus.running')
                    : t('admin.billing.runStatus.done')}
              </Badge>
              <time dateTime={run.startedAt} className="font-medium">
                {format.dateTime(run.startedAt)}
              </time>
              {seconds !== null && (
                <span className="text-xs text-muted-foreground">
                  {t('admin.billing.duration', { seconds: format.number(Math.round(seconds * 10) / 10) })}
                </span>
              )}
              <span className="font-mono text-xs text-muted-foreground">{run.job}</span>
            </div>
            <RunCounts counts={run.counts} />
            {run.error && (
              <p className="font-mono text-xs break-words text-red-700 dark:text-red-300">{run.error}</p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
