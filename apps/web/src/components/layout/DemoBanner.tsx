import { FlaskConical } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useSite } from '../../api/catalog.ts';

/** Thin, non-dismissable notice shown on every page while the platform runs in demo mode. */
export function DemoBanner() {
  const { t } = useTranslation();
  const { data } = useSite();
  if (!data?.demoMode) return null;
  // It names what is simulated now: saving or removing Contabo credentials changes it without a reload.
  const text =
    data.demo.contaboSimulated && data.demo.sandboxPayments
      ? t('demo.banner')
      : data.demo.contaboSimulated
        ? t('demo.bannerContabo')
        : t('demo.bannerPayments');
  return (
    <div
      role="note"
      data-testid="demo-banner"
      className="bg-banner px-4 py-1.5 text-center text-xs font-medium text-banner-foreground sm:text-sm"
    >
      <FlaskConical aria-hidden="true" className="mr-1.5 inline size-4 align-[-3px]" />
      {text}
    </div>
  );
}
