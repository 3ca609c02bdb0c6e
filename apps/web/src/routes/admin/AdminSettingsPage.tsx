import { ArrowRight, CalendarClock, Scale } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/layout/PageHeader.tsx';
import { buttonVariants } from '../../components/ui/Button.tsx';
import { Card } from '../../components/ui/Card.tsx';
import { CompanySettingsCard } from './CompanySettingsCard.tsx';
import { ContaboSettingsCard } from './ContaboSettingsCard.tsx';
import { PaymentSettingsSection } from './PaymentSettingsSection.tsx';
import { SupportMailSettingsCard } from './SupportMailSettingsCard.tsx';

/**
 * `/admin/settings`: the store's settings — the company's data, the payment gateways and bank transfer details —
 * and the way to the billing settings, which live with the billing cycle on /admin/billing.
 */
export function AdminSettingsPage() {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-8">
      <title>{t('admin.settings.documentTitle')}</title>
      <PageHeader title={t('admin.settings.title')} subtitle={t('admin.settings.subtitle')} />
      <CompanySettingsCard />
      <PaymentSettingsSection />
      <ContaboSettingsCard />
      <SupportMailSettingsCard />
      <Card
        className="flex flex-col gap-3 p-5 sm:flex-row sm:items-center"
        aria-labelledby="legal-link-title"
      >
        <span className="flex size-10 shrink-0 items-center justify-center rounded-full bg-accent text-accent-foreground">
          <Scale aria-hidden="true" className="size-5" />
        </span>
        <div className="flex-1">
          <h2 id="legal-link-title" className="font-semibold">
            {t('admin.settings.legal.title')}
          </h2>
          <p className="text-sm text-muted-foreground">{t('admin.settings.legal.text')}</p>
        </div>
        <Link to="/admin/settings/legal" className={buttonVariants({ variant: 'outline' })}>
          {t('admin.settings.legal.link')}
          <ArrowRight aria-hidden="true" />
        </Link>
      </Card>
      <Card
        className="flex flex-col gap-3 p-5 sm:flex-row sm:items-center"
        aria-labelledby="billing-link-title"
      >
        <span className="flex size-10 shrink-0 items-center justify-center rounded-full bg-accent text-accent-foreground">
          <CalendarClock aria-hidden="true" className="size-5" />
        </span>
        <div className="flex-1">
          <h2 id="billing-link-title" className="font-semibold">
            {t('admin.settings.billing.title')}
          </h2>
          <p className="text-sm text-muted-foreground">{t('admin.settings.billing.text')}</p>
        </div>
        <Link to="/admin/billing#settings" className={buttonVariants({ variant: 'outline' })}>
          {t('admin.settings.billing.link')}
          <ArrowRight aria-hidden="true" />
        </Link>
      </Card>
    </div>
  );
}
