import { AlertTriangle, RotateCw } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { cn } from '../../lib/cn.ts';
import { errorMessageKey } from '../../lib/errors.ts';
import { Button } from './Button.tsx';

type ErrorStateProps = {
  error: unknown;
  /** Shown as a "try again" button when given. */
  onRetry?: () => void;
  title?: string;
  className?: string;
};

/** Explains a failure in the user's language, offers a retry and shows the request id for support. */
export function ErrorState({ error, onRetry, title, className }: ErrorStateProps) {
  const { t } = useTranslation();
  const requestId = error instanceof ApiError ? error.requestId : null;
  return (
    <div
      role="alert"
      className={cn(
        'flex flex-col items-center gap-3 rounded-xl border border-red-300 bg-red-50 px-6 py-10 text-center text-red-900',
        'dark:border-red-800 dark:bg-red-950/60 dark:text-red-100',
        className,
      )}
    >
      <AlertTriangle aria-hidden="true" className="size-8" />
      <h2 className="text-lg font-semibold">{title ?? t('errors.title')}</h2>
      <p className="max-w-md text-sm">{t(errorMessageKey(error))}</p>
      {onRetry && (
        <Button variant="outline" onClick={onRetry}>
          <RotateCw aria-hidden="true" />
          {t('actions.retry')}
        </Button>
      )}
      {requestId && (
        <p className="text-xs opacity-80">
          {t('errors.requestId')} <code className="font-mono select-all">{requestId}</code>
        </p>
      )}
    </div>
  );
}
