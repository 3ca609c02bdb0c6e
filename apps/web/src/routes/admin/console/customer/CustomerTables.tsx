import type { ParseKeys } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CustomerDetail } from '../../../../api/console.ts';
import { useFormat } from '../../../../lib/format.ts';
import { FiguresTable } from '../../../../components/charts/ChartCard.tsx';
import { CustomerSection } from './CustomerSection.tsx';

/** A titled card holding one small table: three column headings (i18n keys) and the rows. */
function TableSection({ title, head, rows }: { title: ParseKeys; head: ParseKeys[]; rows: ReactNode[][] }) {
  const { t } = useTranslation();
  return (
    <CustomerSection title={t(title)}>
      <FiguresTable head={head.map((key) => t(key))} rows={rows} />
    </CustomerSection>
  );
}

export function CustomerServices({ services }: { services: CustomerDetail['services'] }) {
  const format = useFormat();
  return (
    <TableSection
      title="console.customer.services"
      head={['console.customer.server', 'console.customer.status', 'console.customer.expires']}
      rows={services.map((s) => [
        <Link key={s.id} to="/admin/servers" className="text-primary hover:underline">
          {s.name ?? s.ipAddress ?? s.id.slice(0, 8)}
          {s.plan ? ` · ${s.plan}` : ''}
        </Link>,
        `${s.serviceStatus} · ${s.status}`,
        s.expiresAt ? format.date(s.expiresAt) : '—',
      ])}
    />
  );
}

/** Orders, invoices, payments and tickets: two columns on wide screens. */
export function CustomerHistory({ data }: { data: CustomerDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const numberHead: ParseKeys[] = [
    'console.customer.number',
    'console.customer.status',
    'console.customer.total',
  ];
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <TableSection
        title="console.customer.orders"
        head={numberHead}
        rows={data.orders.map((o) => [
          <Link
            key={o.id}
            to={`/admin/orders/${o.id}`}
            className="font-mono text-xs text-primary hover:underline"
          >
            {o.orderNumber}
          </Link>,
          o.status,
          format.money(o.totalMinor, o.currency),
        ])}
      />
      <TableSection
        title="console.customer.invoices"
        head={numberHead}
        rows={data.invoices.map((i) => [
          <span key={i.id} className="font-mono text-xs">
            {i.number ?? '—'}
            {i.type === 'credit_note' ? ` (${t('console.customer.creditNote')})` : ''}
          </span>,
          i.status,
          format.money(i.totalMinor, i.currency),
        ])}
      />
      <TableSection
        title="console.customer.payments"
        head={['console.customer.date', 'console.customer.method', 'console.customer.total']}
        rows={data.transactions.map((x) => [
          format.date(x.createdAt),
          `${x.provider} · ${x.kind} · ${x.status}`,
          format.money(x.amountMinor, x.currency),
        ])}
      />
      <TableSection
        title="console.customer.tickets"
        head={['console.customer.subject', 'console.customer.status', 'console.customer.date']}
        rows={data.tickets.map((x) => [x.subject, x.status, format.date(x.updatedAt)])}
      />
    </div>
  );
}

export function CustomerSessions({ sessions }: { sessions: CustomerDetail['sessions'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <TableSection
      title="console.customer.sessions"
      head={['console.customer.device', 'console.customer.ip', 'console.customer.lastUsed']}
      rows={sessions.map((s) => [
        s.viewAs ? t('console.customer.viewAsSession') : (s.userAgent ?? '—'),
        s.ipAddress ?? '—',
        format.dateTime(s.lastUsedAt),
      ])}
    />
  );
}

export function CustomerAudit({ audit }: { audit: CustomerDetail['audit'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <TableSection
      title="console.customer.audit"
      head={['console.customer.date', 'console.customer.event', 'console.customer.ip']}
      rows={audit.map((a) => [
        format.dateTime(a.createdAt),
        `${a.action} (${a.direction === 'by' ? t('console.customer.byCustomer') : t('console.customer.byStaff')})`,
        a.ipAddress ?? '—',
      ])}
    />
  );
}
