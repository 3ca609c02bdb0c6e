import { CheckCircle2, Info } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN } from './validation.ts';

/** The password rule, shown under new-password fields; turns green once the length is enough. */
export function PasswordRule({ value }: { value: string }) {
  const { t } = useTranslation();
  const met = value.length >= PASSWORD_MIN;
  const Icon = met ? CheckCircle2 : Info;
  return (
    <span
      className={
        met ? 'flex items-start gap-1.5 text-green-800 dark:text-green-300' : 'flex items-start gap-1.5'
      }
    >
      <Icon aria-hidden="true" className="mt-px size-3.5 shrink-0" />
      {met ? t('password.ruleMet') : t('password.rule')}
    </span>
  );
}
