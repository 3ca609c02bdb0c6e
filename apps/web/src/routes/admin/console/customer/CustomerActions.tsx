import {
  Ban,
  Eye,
  KeyRound,
  LogOut,
  MailCheck,
  Pencil,
  RotateCcw,
  ShieldOff,
  type LucideIcon,
} from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerDetail } from '../../../../api/console.ts';
import { Button } from '../../../../components/ui/Button.tsx';
import { Card } from '../../../../components/ui/Card.tsx';
import {
  CONFIRMED,
  customerButtons,
  isConfirmed,
  type ConfirmedKind,
  type CustomerButton,
} from './customerRules.ts';

const ICONS: Record<CustomerButton, LucideIcon> = {
  edit: Pencil,
  verify: MailCheck,
  'password-reset': KeyRound,
  'two-factor/reset': ShieldOff,
  'sessions/revoke': LogOut,
  'view-as': Eye,
  unban: RotateCcw,
  ban: Ban,
};

/** The row of staff actions on a customer; which ones show follows `customerButtons`. */
export function CustomerActions({
  profile,
  onEdit,
  onVerify,
  onViewAs,
  onBan,
  onConfirm,
}: {
  profile: CustomerDetail['profile'];
  onEdit: () => void;
  onVerify: () => void;
  onViewAs: () => void;
  onBan: () => void;
  onConfirm: (kind: ConfirmedKind) => void;
}) {
  const { t } = useTranslation();
  const plain: Record<Exclude<CustomerButton, ConfirmedKind>, { label: string; onClick: () => void }> = {
    edit: { label: t('console.customer.editProfile'), onClick: onEdit },
    verify: { label: t('console.customer.verify'), onClick: onVerify },
    'view-as': { label: t('console.customer.viewAs'), onClick: onViewAs },
    ban: { label: t('console.customer.ban'), onClick: onBan },
  };
  return (
    <Card className="flex flex-wrap gap-2 p-4" aria-label={t('console.customer.actions')}>
      {customerButtons(profile).map((button) => {
        const { label, onClick } = isConfirmed(button)
          ? { label: t(CONFIRMED[button].label), onClick: () => onConfirm(button) }
          : plain[button];
        return (
          <ActionButton key={button} icon={ICONS[button]} danger={button === 'ban'} onClick={onClick}>
            {label}
          </ActionButton>
        );
      })}
    </Card>
  );
}

function ActionButton({
  icon: Icon,
  danger,
  onClick,
  children,
}: {
  icon: LucideIcon;
  danger: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <Button variant={danger ? 'danger' : 'outline'} size="sm" onClick={onClick}>
      <Icon aria-hidden="true" />
      {children}
    </Button>
  );
}
