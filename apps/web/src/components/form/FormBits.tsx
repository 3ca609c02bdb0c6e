import { AlertTriangle, CheckCircle2, Loader2 } from 'lucide-react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { cn } from '../../lib/cn.ts';
import { errorMessageKey } from '../../lib/errors.ts';
import { Button, type ButtonProps } from '../ui/Button.tsx';

/** A form's `onSubmit` that keeps the browser from sending the form and runs `run` instead. */
export function submitHandler(run: () => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    run();
  };
}

/** Submit button that shows progress and cannot be pressed twice while the request runs. */
export function SubmitButton({
  pending,
  pendingLabel,
  children,
  disabled,
  ...props
}: ButtonProps & { pending: boolean; pendingLabel?: string }) {
  return (
    <Button type="submit" disabled={pending || disabled} aria-busy={pending || undefined} {...props}>
      {pending && <Loader2 aria-hidden="true" className="animate-spin" />}
      {pending && pendingLabel ? pendingLabel : children}
    </Button>
  );
}

/** The address the server accepts forms from, as a refused request's details name it (`{ appUrl }`). */
function csrfAppUrl(details: unknown): string | null {
  if (typeof details !== 'object' || details === null || !('appUrl' in details)) return null;
  return typeof details.appUrl === 'string' ? details.appUrl : null;
}

/** A form-level failure (not tied to one field): translated message, wait time and request id for support. */
export function FormError({ error, className }: { error: unknown; className?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  return (
    <div
      role="alert"
      className={cn(
        'flex gap-3 rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900',
        'dark:border-red-800 dark:bg-red-950/60 dark:text-red-100',
        className,
      )}
    >
      <AlertTriangle aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <div className="flex min-w-0 flex-col gap-1">
        <p>{t(errorMessageKey(error))}</p>
        {apiError?.code === 'csrf_rejected' && csrfAppUrl(apiError.details) ? (
          <p>{t('firstRun.csrfOpenAt', { url: csrfAppUrl(apiError.details) })}</p>
        ) : null}
        {apiError?.status === 429 && apiError.retryAfter ? (
          <p>{t('form.retryAfter', { count: apiError.retryAfter })}</p>
        ) : null}
        {apiError?.requestId && (
          <p className="text-xs opacity-80">
            {t('errors.requestId')}{' '}
            <code className="font-mono break-all select-all">{apiError.requestId}</code>
          </p>
        )}
      </div>
    </div>
  );
}

/**
 * Confirmation after a successful save. The visible box appears only when `show` is true; an always-present,
 * visually hidden live region announces it (a live region must exist before its text changes to be read out, and
 * a hidden one takes no room in the form's layout).
 */
export function FormSuccess({
  show = true,
  children,
  className,
}: {
  show?: boolean;
  children: ReactNode;
  className?: string;
}) {
  return (
    <>
      <span role="status" className="sr-only">
        {show ? children : null}
      </span>
      {show && (
        // Hidden from assistive technology: the status above already says it once.
        <p
          aria-hidden="true"
          className={cn(
            'flex items-start gap-2 rounded-lg border border-green-300 bg-green-50 p-3 text-sm text-green-900',
            'dark:border-green-800 dark:bg-green-950/60 dark:text-green-100',
            className,
          )}
        >
          <CheckCircle2 aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          <span>{children}</span>
        </p>
      )}
    </>
  );
}
