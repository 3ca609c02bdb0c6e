// "How long has it waited", shared by the admin order list and the order page. The list pieces (filters in the URL,
// search box, pagination, page header, tables) live in components/list and components/layout.
import { useTranslation } from 'react-i18next';

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
