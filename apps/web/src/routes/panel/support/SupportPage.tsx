import { LifeBuoy, Plus } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TICKET_STATUSES, useTickets, type Ticket } from '../../../api/tickets.ts';
import { PageHeader } from '../../../components/layout/PageHeader.tsx';
import { CardFields, CardHead, DataTable } from '../../../components/list/DataTable.tsx';
import { FilterBar, FilterSelect } from '../../../components/list/filters.tsx';
import { PagedList } from '../../../components/list/ListState.tsx';
import { useListParams } from '../../../components/list/useListParams.ts';
import { TicketStatusBadge, TicketSubjectLink } from '../../../components/tickets/ticketBits.tsx';
import { buttonVariants } from '../../../components/ui/Button.tsx';
import { EmptyState } from '../../../components/ui/EmptyState.tsx';
import { useFormat } from '../../../lib/format.ts';

const PAGE_SIZE = 20;
const PARAMS = ['status'] as const;

/** `/panel/support`: the customer's tickets, latest activity first, with their status in words. */
export function SupportPage() {
  const { t } = useTranslation();
  const { values, page, set, paging } = useListParams(PARAMS);
  const status = (TICKET_STATUSES as readonly string[]).includes(values.status ?? '')
    ? values.status
    : undefined;
  const tickets = useTickets({ status, page, pageSize: PAGE_SIZE });
  const newTicket = (
    <Link to="/panel/support/new" className={buttonVariants()} data-testid="new-ticket">
      <Plus aria-hidden="true" />
      {t('tickets.new')}
    </Link>
  );
  return (
    <div className="flex flex-col gap-6">
      <title>{t('tickets.documentTitle')}</title>
      <PageHeader title={t('tickets.title')} subtitle={t('tickets.subtitle')} aside={newTicket} />
      <FilterBar spread count={tickets.data ? t('tickets.count', { count: tickets.data.total }) : null}>
        <FilterSelect
          label={t('tickets.filterStatus')}
          value={status ?? ''}
          onChange={(value) => set({ status: value })}
        >
          <option value="">{t('tickets.allStatuses')}</option>
          {TICKET_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`tickets.status.${s}`)}
            </option>
          ))}
        </FilterSelect>
      </FilterBar>
      <PagedList
        {...paging}
        pageSize={PAGE_SIZE}
        query={tickets}
        skeleton={{ rows: 3, height: 'h-16' }}
        empty={
          <EmptyState
            icon={LifeBuoy}
            title={t('tickets.emptyTitle')}
            description={t('tickets.emptyText')}
            action={newTicket}
          />
        }
      >
        {(items) => <TicketList tickets={items} />}
      </PagedList>
    </div>
  );
}

function TicketList({ tickets }: { tickets: Ticket[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const subject = (ticket: Ticket) => (
    <TicketSubjectLink to={`/panel/support/${ticket.id}`} ticket={ticket} />
  );
  const when = (ticket: Ticket) => {
    const iso = ticket.lastMessageAt ?? ticket.createdAt;
    return <time dateTime={iso}>{format.relative(iso)}</time>;
  };
  return (
    <DataTable
      rows={tickets}
      rowKey={(ticket) => ticket.id}
      rowData={(ticket) => ({ 'data-testid': 'ticket-row', 'data-status': ticket.status })}
      columns={[
        {
          id: 'number',
          header: t('tickets.colNumber'),
          cell: (ticket) => <span className="font-mono text-xs">{ticket.number}</span>,
        },
        { id: 'subject', header: t('tickets.colSubject'), cell: subject },
        {
          id: 'status',
          header: t('tickets.colStatus'),
          cell: (ticket) => <TicketStatusBadge status={ticket.status} />,
        },
        { id: 'updated', header: t('tickets.colUpdated'), cell: when },
      ]}
      cardData={(ticket) => ({ 'data-testid': 'ticket-card', 'data-status': ticket.status })}
      card={(ticket) => (
        <>
          <CardHead aside={<TicketStatusBadge status={ticket.status} />}>
            <span className="font-mono text-xs text-muted-foreground">{ticket.number}</span>
            <p>{subject(ticket)}</p>
          </CardHead>
          <CardFields
            fields={[{ label: t('tickets.colUpdated'), value: when(ticket), className: 'col-span-2' }]}
          />
        </>
      )}
    />
  );
}
