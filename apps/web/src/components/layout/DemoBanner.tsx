import { FlaskConical } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useSite } from '../../api/catalog.ts';

/** Thin, non-dismissable notice shown on every page while the platform runs in demo mode. */
export function DemoBanner() {
  const { t } = useTranslation();
  const { data } = useSite();
  if (!data?.demoMode) return null;
  return (
    <div
      role="note"
      className="bg-banner px-4 py-1.5 text-center text-xs font-medium text-banner-foreground sm:text-sm"
    >
      <FlaskConical aria-hidden="true" className="mr-1.5 inline size-4 align-[-3px]" />
      {t('demo.banner')}
    </div>
  );
}
