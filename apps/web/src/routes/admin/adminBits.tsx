// "How long has it waited", shared by the admin order list and the order page, and the root password field of the
// ways to hand over a server. The list pieces (filters in the URL, search box, pagination, page header, tables) live
// in components/list and components/layout.
import { useTranslation } from 'react-i18next';
import { PasswordField, type TextFieldProps } from '../../components/form/fields.tsx';

/** "45 min", "3 h 20 min", "2 d 4 h". */
export function useWaiting() {
  const { t } = useTranslation();
  return (seconds: number | null): string | null => {
    if (seconds === null) return null;
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60) return t('admin.waiting.minutes', { count: Math.max(1, minutes) });
    const hours = Math.floor(minutes / 60);
    if (hours < 24) return t('admin.waiting.hours', { hours, minutes: minutes % 60 });
    return t('admin.waiting.days', { days: Math.floor(hours / 24), hours: hours % 24 });
  };
}

/** The root password to set on a server handed over (optional: Contabo's, or none with SSH keys). */
export function RootPasswordField(props: Omit<TextFieldProps, 'label' | 'hint' | 'optional' | 'type'>) {
  const { t } = useTranslation();
  return (
    <PasswordField
      label={t('admin.order.rootPassword')}
      hint={t('admin.order.rootPasswordHint')}
      optional
      autoComplete="new-password"
      {...props}
    />
  );
}
