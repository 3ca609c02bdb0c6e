import { useTranslation } from 'react-i18next';
import type { CustomerDetail } from '../../../../api/console.ts';
import { useFormat } from '../../../../lib/format.ts';
import { CustomerSection } from './CustomerSection.tsx';

/** The customer's profile and lifetime figures, side by side on wide screens. */
export function CustomerFacts({ data }: { data: CustomerDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const p = data.profile;
  const money = (v: number) => format.money(v, data.lifetime.currency);
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <CustomerSection title={t('console.customer.profile')}>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-muted-foreground">{t('console.customers.email')}</dt>
          <dd className="break-all">{p.email}</dd>
          <dt className="text-muted-foreground">{t('console.customer.phone')}</dt>
          <dd>{p.phone ?? '—'}</dd>
          <dt className="text-muted-foreground">{t('console.customer.language')}</dt>
          <dd>{p.language}</dd>
          <dt className="text-muted-foreground">{t('console.customer.country')}</dt>
          <dd>{p.country ?? '—'}</dd>
          <dt className="text-muted-foreground">{t('console.customer.company')}</dt>
          <dd>{[p.companyName, p.taxId].filter(Boolean).join(' · ') || '—'}</dd>
          <dt className="text-muted-foreground">{t('console.customer.lastLogin')}</dt>
          <dd>{p.lastLoginAt ? format.dateTime(p.lastLoginAt) : '—'}</dd>
          <dt className="text-muted-foreground">{t('console.customer.sshKeys')}</dt>
          <dd>{format.number(data.sshKeyCount)}</dd>
        </dl>
      </CustomerSection>
      <CustomerSection title={t('console.customer.lifetime')}>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="customer-lifetime">
          <dt className="text-muted-foreground">{t('console.customer.ltv')}</dt>
          <dd className="tabular-nums">{money(data.lifetime.netMinor)}</dd>
          <dt className="text-muted-foreground">{t('console.charts.cost')}</dt>
          <dd className="tabular-nums">{money(data.lifetime.costMinor)}</dd>
          <dt className="text-muted-foreground">{t('console.charts.margin')}</dt>
          <dd className="tabular-nums">{money(data.lifetime.marginMinor)}</dd>
        </dl>
      </CustomerSection>
    </div>
  );
}
