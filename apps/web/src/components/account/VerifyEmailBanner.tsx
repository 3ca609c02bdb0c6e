import { useMutation } from '@tanstack/react-query';
import { MailWarning } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { resendVerification } from '../../api/auth.ts';
import { cn } from '../../lib/cn.ts';
import { FormError, SubmitButton } from '../form/FormBits.tsx';
import { submitHandler } from '../form/FormBits.tsx';

/** "Confirma tu correo" with a resend button (panel home, checkout). Lazy pages only. */
export function VerifyEmailBanner({
  email,
  title,
  text,
  className,
}: {
  email: string;
  title?: string;
  text?: string;
  className?: string;
}) {
  const { t } = useTranslation();
  const resend = useMutation({ mutationFn: () => resendVerification(email) });
  return (
    <div
      role="region"
      aria-labelledby="verify-title"
      className={cn(
        'flex flex-col gap-3 rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-950 sm:flex-row sm:items-start dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-100',
        className,
      )}
    >
      <MailWarning aria-hidden="true" className="size-6 shrink-0" />
      <div className="flex min-w-0 flex-1 flex-col gap-1 [overflow-wrap:anywhere]">
        <h2 id="verify-title" className="font-semibold">
          {title ?? t('panel.homePage.verifyTitle')}
        </h2>
        <p className="text-sm">{text ?? t('panel.homePage.verifyText', { email })}</p>
        <div aria-live="polite">
          {resend.isSuccess && (
            <p className="mt-1 text-sm font-medium">{t('panel.homePage.verifySent', { email })}</p>
          )}
        </div>
        {resend.error && <FormError error={resend.error} className="mt-2" />}
      </div>
      {!resend.isSuccess && (
        <form
          onSubmit={submitHandler(() => {
            if (!resend.isPending) resend.mutate();
          })}
        >
          <SubmitButton
            pending={resend.isPending}
            pendingLabel={t('form.sending')}
            variant="outline"
            className="w-full border-amber-400 bg-white/60 sm:w-auto dark:border-amber-600 dark:bg-transparent"
          >
            {t('panel.homePage.verifyResend')}
          </SubmitButton>
        </form>
      )}
    </div>
  );
}
