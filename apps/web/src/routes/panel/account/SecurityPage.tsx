import { useTranslation } from 'react-i18next';
import { ChangePasswordCard } from './ChangePasswordCard.tsx';
import { TwoFactorCard } from './TwoFactorCard.tsx';

export function SecurityPage() {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-6">
      <title>{t('account.security.documentTitle')}</title>
      <TwoFactorCard />
      <ChangePasswordCard />
    </div>
  );
}
