import { useTranslation } from 'react-i18next';
import type { ProvisionResponse } from '../../../api/models.ts';
import { Button } from '../../../components/ui/Button.tsx';
import { cn } from '../../../lib/cn.ts';

/** The outcome of the last assign/create request, with the provider's warnings (in English, as sent). */
export function ProvisionResult({ result, onClose }: { result: ProvisionResponse; onClose: () => void }) {
  const { t } = useTranslation();
  const warn = result.warnings.length > 0 || result.state === 'ambiguous';
  return (
    <div
      role="status"
      data-testid="provision-result"
      className={cn(
        'flex flex-col gap-2 rounded-xl border p-4 text-sm',
        warn
          ? 'border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100'
          : 'border-green-300 bg-green-50 text-green-900 dark:border-green-800 dark:bg-green-950/60 dark:text-green-100',
      )}
    >
      <div className="flex items-start justify-between gap-3">
        <p className="font-semibold">{t(`admin.order.result.${result.state}`)}</p>
        <Button variant="ghost" size="sm" className="-mt-2 -mr-2" onClick={onClose}>
          {t('actions.close')}
        </Button>
      </div>
      {result.warnings.length > 0 && (
        <>
          <p>{t('admin.order.warnings')}</p>
          <ul className="list-disc pl-5" data-testid="provision-warnings">
            {result.warnings.map((warning) => (
              <li key={warning} lang="en">
                {warning}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
