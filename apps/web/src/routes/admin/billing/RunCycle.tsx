import { CheckCircle2, Play } from 'lucide-react';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useRunBillingCycle } from '../../../api/admin.ts';
import { FormError, SubmitButton } from '../../../components/form/FormBits.tsx';
import { Card } from '../../../components/ui/Card.tsx';
import { RunCounts } from './RunCounts.tsx';

/** "Ejecutar ciclo ahora": one pass of the lifecycle job, then what it did. */
export function RunCycle() {
  const { t } = useTranslation();
  const run = useRunBillingCycle();
  const sent = useRef(false);
  return (
    <Card className="flex flex-col gap-3 p-5">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <div className="flex-1">
          <h2 className="font-semibold">{t('admin.billing.runTitle')}</h2>
          <p className="text-sm text-muted-foreground">{t('admin.billing.runText')}</p>
        </div>
        <SubmitButton
          type="button"
          pending={run.isPending}
          pendingLabel={t('admin.billing.running')}
          data-testid="run-cycle"
          onClick={() => {
            if (run.isPending || sent.current) return;
            sent.current = true;
            run.mutate(undefined, {
              onSettled: () => {
                sent.current = false;
              },
            });
          }}
        >
          <Play aria-hidden="true" />
          {t('admin.billing.run')}
        </SubmitButton>
      </div>
      {run.error && <FormError error={run.error} />}
      <div role="status" aria-live="polite" className="empty:hidden">
        {run.data && (
          <div
            data-testid="run-result"
            className="flex flex-col gap-2 rounded-lg border border-green-300 bg-green-50 p-3 text-sm text-green-900 dark:border-green-800 dark:bg-green-950/60 dark:text-green-100"
          >
            <p className="flex items-center gap-2 font-medium">
              <CheckCircle2 aria-hidden="true" className="size-4 shrink-0" />
              {run.data.status === 'failed' ? t('admin.billing.runFailed') : t('admin.billing.runDone')}
            </p>
            <RunCounts counts={run.data.counts} />
            {run.data.error && <p className="font-mono text-xs break-words">{run.data.error}</p>}
          </div>
        )}
      </div>
    </Card>
  );
}
