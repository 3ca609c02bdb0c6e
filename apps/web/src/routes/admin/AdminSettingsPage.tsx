import { ArrowRight, CalendarClock, Scale, type LucideIcon } from 'lucide-react';
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
      <SettingsLink
        id="legal-link-title"
        icon={Scale}
        title={t('admin.settings.legal.title')}
        text={t('admin.settings.legal.text')}
        to="/admin/settings/legal"
        link={t('admin.settings.legal.link')}
      />
      <SettingsLink
        id="billing-link-title"
        icon={CalendarClock}
        title={t('admin.settings.billing.title')}
        text={t('admin.settings.billing.text')}
        to="/admin/billing#settings"
        link={t('admin.settings.billing.link')}
      />
    </div>
  );
}

/** A card that leads to settings kept on a page of their own. */
function SettingsLink({
  id,
  icon: Icon,
  title,
  text,
  to,
  link,
}: {
  id: string;
  icon: LucideIcon;
  title: string;
  text: string;
  to: string;
  link: string;
}) {
  return (
    <Card className="flex flex-col gap-3 p-5 sm:flex-row sm:items-center" aria-labelledby={id}>
      <span className="flex size-10 shrink-0 items-center justify-center rounded-full bg-accent text-accent-foreground">
        <Icon aria-hidden="true" className="size-5" />
      </span>
      <div className="flex-1">
        <h2 id={id} className="font-semibold">
          {title}
        </h2>
        <p className="text-sm text-muted-foreground">{text}</p>
      </div>
      <Link to={to} className={buttonVariants({ variant: 'outline' })}>
        {link}
        <ArrowRight aria-hidden="true" />
      </Link>
    </Card>
  );
}
