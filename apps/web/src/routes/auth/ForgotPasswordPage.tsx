import { useTranslation } from 'react-i18next';
import { forgotPassword } from '../../api/auth.ts';
import { EmailRequestForm } from './EmailRequestForm.tsx';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  return (
    <>
      <title>{t('auth.forgot.documentTitle')}</title>
      <EmailRequestForm
        title={t('auth.forgot.title')}
        subtitle={t('auth.forgot.subtitle')}
        submitLabel={t('auth.forgot.submit')}
        sentTitle={t('auth.forgot.sentTitle')}
        sentText={(email) => t('auth.forgot.sent', { email })}
        send={forgotPassword}
      />
    </>
  );
}
