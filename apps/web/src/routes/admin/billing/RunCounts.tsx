import { useTranslation } from 'react-i18next';
import { countsDone, isCountKey } from './billingRules.ts';

/** "3 facturas emitidas · 1 servicio suspendido …" (only what happened); unknown counters keep the job's name. */
export function RunCounts({ counts }: { counts: Record<string, number> }) {
  const { t } = useTranslation();
  const entries = countsDone(counts);
  if (entries.length === 0) return <p className="text-sm">{t('admin.billing.nothingDone')}</p>;
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" data-testid="run-counts">
      {entries.map(([key, value]) => (
        <li key={key}>
          {isCountKey(key) ? (
            t(`admin.billing.counts.${key}`, { count: value })
          ) : (
            <>
              <span className="font-mono">{key}</span>: <span className="font-semibold">{value}</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
