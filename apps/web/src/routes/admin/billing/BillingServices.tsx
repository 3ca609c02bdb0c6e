import { Receipt } from 'lucide-react';
import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AdminService } from '../../../api/models.ts';
import { CardFields, DataTable } from '../../../components/list/DataTable.tsx';
import { Badge } from '../../../components/ui/Badge.tsx';
import { useFormat } from '../../../lib/format.ts';
import { Expiry } from '../../panel/servers/serverBits.tsx';
import { serviceKey } from './billingRules.ts';

function ServiceName({ service }: { service: AdminService }) {
  const name = service.displayName || service.name || String(service.contaboInstanceId);
  return (
    <>
      <Link
        to={`/admin/servers?search=${encodeURIComponent(String(service.contaboInstanceId))}`}
        className="font-medium break-all hover:text-primary hover:underline"
      >
        {name}
      </Link>
      <span className="block font-mono text-xs text-muted-foreground">#{service.contaboInstanceId}</span>
    </>
  );
}

/** Which list of services: the date and the note shown depend on it. */
type ServiceKind = 'expiring' | 'suspended' | 'terminations' | 'cancellations';

/** Services of one billing list, as a table on wide screens and cards on narrow ones. */
export function BillingServices({ services, kind }: { services: AdminService[]; kind: ServiceKind }) {
  const { t } = useTranslation();
  const format = useFormat();
  const date = (iso: string | null) => (iso ? <time dateTime={iso}>{format.date(iso)}</time> : '—');
  const when = (service: AdminService): ReactNode => {
    switch (kind) {
      case 'suspended':
        return (
          <span className="flex flex-col">
            <span>{date(service.suspendedAt)}</span>
            {service.terminatesAt && (
              <span className="text-xs font-medium text-red-700 dark:text-red-300">
                {t('admin.billing.terminatesAt', { date: format.date(service.terminatesAt) })}
              </span>
            )}
          </span>
        );
      case 'terminations':
        return date(service.terminatedAt);
      default:
        return (
          <span className="flex flex-col">
            <span>{date(service.expiresAt)}</span>
            <Expiry iso={service.expiresAt} className="text-xs" />
          </span>
        );
    }
  };
  const note = (service: AdminService): ReactNode => {
    if (kind === 'cancellations')
      return service.cancelAtPeriodEnd ? t('admin.billing.cancelAtEnd') : t('admin.billing.autoRenewOff');
    if (kind === 'terminations') return t(`admin.service.${serviceKey(service.serviceStatus)}`);
    if (service.openInvoiceId)
      return (
        <Badge tone={kind === 'suspended' ? 'danger' : 'warning'}>
          <Receipt aria-hidden="true" />
          {t('admin.billing.invoiceOpen')}
        </Badge>
      );
    return kind === 'expiring' && service.autoRenew
      ? t('admin.billing.autoRenewOn')
      : t('admin.billing.autoRenewOff');
  };
  const whenLabel = t(`admin.billing.when.${kind}`);
  return (
    <DataTable
      scroll
      tableData={{ 'data-testid': `billing-${kind}` }}
      rows={services}
      rowKey={(service) => service.id}
      columns={[
        {
          id: 'server',
          header: t('admin.billing.colServer'),
          cell: (service) => <ServiceName service={service} />,
        },
        {
          id: 'customer',
          header: t('admin.billing.colCustomer'),
          className: 'max-w-52',
          cell: (service) => (
            <span className="block truncate" title={service.customerEmail}>
              {service.customerEmail}
            </span>
          ),
        },
        { id: 'when', header: whenLabel, className: 'whitespace-nowrap', cell: when },
        {
          id: 'period',
          header: t('admin.billing.colPeriod'),
          className: 'whitespace-nowrap',
          cell: (service) => t('period.months', { count: service.periodMonths }),
        },
        { id: 'note', header: t('admin.billing.colNote'), cell: note },
      ]}
      cardClassName="gap-2 text-sm"
      card={(service) => (
        <>
          <div className="min-w-0">
            <ServiceName service={service} />
          </div>
          <p className="truncate text-muted-foreground">{service.customerEmail}</p>
          <CardFields
            fields={[
              { label: whenLabel, value: when(service) },
              { label: t('admin.billing.colNote'), value: note(service) },
            ]}
          />
        </>
      )}
    />
  );
}
