import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { resendVerification } from '../../api/auth.ts';
import { EmailRequestForm } from './EmailRequestForm.tsx';

export function ResendVerificationPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  return (
    <>
      <title>{t('auth.resend.documentTitle')}</title>
      <EmailRequestForm
        title={t('auth.resend.title')}
        subtitle={t('auth.resend.subtitle')}
        submitLabel={t('auth.resend.submit')}
        sentTitle={t('auth.resend.sentTitle')}
        sentText={(email) => t('auth.resend.sent', { email })}
        defaultEmail={params.get('email') ?? ''}
        send={resendVerification}
      />
    </>
  );
}
