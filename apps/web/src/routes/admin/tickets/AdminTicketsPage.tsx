import { LifeBuoy, MailQuestion, MessageSquareText } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../../api/session.ts';
import {
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  useAdminTickets,
  useTicketDepartments,
  type AdminTicket,
} from '../../../api/tickets.ts';
import { PageHeader } from '../../../components/layout/PageHeader.tsx';
import { CardFields, CardHead, DataTable } from '../../../components/list/DataTable.tsx';
import { FilterBar, FilterSelect, SearchBox } from '../../../components/list/filters.tsx';
import { PagedList } from '../../../components/list/ListState.tsx';
import { useListParams } from '../../../components/list/useListParams.ts';
import {
  TicketStatusBadge,
  TicketSubjectLink,
  useWaitingText,
} from '../../../components/tickets/ticketBits.tsx';
import { Badge } from '../../../components/ui/Badge.tsx';
import { buttonVariants } from '../../../components/ui/Button.tsx';
import { EmptyState } from '../../../components/ui/EmptyState.tsx';

const PAGE_SIZE = 25;
const PARAMS = ['status', 'priority', 'department', 'assignee', 'q'] as const;

/** `/admin/tickets`: the queue — waiting on staff first, oldest wait first — with filters and search. */
export function AdminTicketsPage() {
  const { t } = useTranslation();
  const { values, page, bindFilter, paging } = useListParams(PARAMS);
  const tickets = useAdminTickets({ ...values, page, pageSize: PAGE_SIZE });
  const departments = useTicketDepartments();
  const { data: me } = useMe();
  return (
    <div className="flex flex-col gap-6">
      <title>{t('tickets.admin.documentTitle')}</title>
      <PageHeader
        title={t('tickets.admin.title')}
        subtitle={t('tickets.admin.subtitle')}
        aside={
          // Canned responses and the mailbox are the administrators' (tickets.manage); support uses the picker.
          me?.role === 'admin' && (
            <div className="flex flex-wrap gap-2">
              <Link to="/admin/tickets/canned" className={buttonVariants({ variant: 'outline', size: 'sm' })}>
                <MessageSquareText aria-hidden="true" />
                {t('tickets.canned.nav')}
              </Link>
              <Link
                to="/admin/tickets/unmatched"
                className={buttonVariants({ variant: 'outline', size: 'sm' })}
              >
                <MailQuestion aria-hidden="true" />
                {t('tickets.unmatched.nav')}
              </Link>
            </div>
          )
        }
      />
      <FilterBar className="flex-col items-stretch sm:flex-row sm:items-end">
        <SearchBox
          label={t('tickets.admin.search')}
          placeholder={t('tickets.admin.searchHint')}
          {...bindFilter('q')}
        />
      </FilterBar>
      <FilterBar count={tickets.data ? t('tickets.count', { count: tickets.data.total }) : null}>
        <FilterSelect label={t('tickets.colStatus')} {...bindFilter('status')}>
          <option value="">{t('tickets.allStatuses')}</option>
          <option value="waiting_staff">{t('tickets.admin.waitingStaff')}</option>
          {TICKET_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`tickets.staffStatus.${s}`)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect label={t('tickets.form.priority')} {...bindFilter('priority')}>
          <option value="">{t('tickets.admin.any')}</option>
          {TICKET_PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`tickets.priority.${p}`)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect label={t('tickets.form.department')} {...bindFilter('department')}>
          <option value="">{t('tickets.admin.any')}</option>
          {departments.data?.map((d) => (
            <option key={d} value={d}>
              {t(`tickets.department.${d}`, d)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect label={t('tickets.admin.assignee')} {...bindFilter('assignee')}>
          <option value="">{t('tickets.admin.any')}</option>
          <option value="none">{t('tickets.admin.unassigned')}</option>
        </FilterSelect>
      </FilterBar>
      <PagedList
        {...paging}
        pageSize={PAGE_SIZE}
        query={tickets}
        skeleton={{ rows: 5, height: 'h-14' }}
        empty={
          <EmptyState
            icon={LifeBuoy}
            title={t('tickets.admin.emptyTitle')}
            description={t('tickets.admin.emptyText')}
          />
        }
      >
        {(items) => <Queue tickets={items} />}
      </PagedList>
    </div>
  );
}

function Queue({ tickets }: { tickets: AdminTicket[] }) {
  const { t } = useTranslation();
  const waiting = useWaitingText();
  const subject = (ticket: AdminTicket) => (
    <TicketSubjectLink to={`/admin/tickets/${ticket.id}`} ticket={ticket} />
  );
  const wait = (ticket: AdminTicket) =>
    ticket.waitingOn === 'staff' ? (
      <span className="font-medium text-amber-800 dark:text-amber-300">{waiting(ticket.waitingSeconds)}</span>
    ) : ticket.waitingOn === 'customer' ? (
      <span className="text-muted-foreground">
        {t('tickets.admin.customerSince', { time: waiting(ticket.waitingSeconds) })}
      </span>
    ) : (
      <span className="text-muted-foreground">—</span>
    );
  const priority = (ticket: AdminTicket) => (
    <Badge
      tone={ticket.priority === 'urgent' ? 'danger' : ticket.priority === 'high' ? 'warning' : 'neutral'}
    >
      {t(`tickets.priority.${ticket.priority}`)}
    </Badge>
  );
  return (
    <DataTable
      rows={tickets}
      rowKey={(ticket) => ticket.id}
      scroll
      rowData={(ticket) => ({ 'data-testid': 'queue-row', 'data-number': ticket.number })}
      columns={[
        {
          id: 'subject',
          header: t('tickets.colSubject'),
          cell: (ticket) => (
            <>
              {subject(ticket)}
              <span className="block text-xs text-muted-foreground">
                <span className="font-mono">{ticket.number}</span> · {ticket.customer.name}
              </span>
            </>
          ),
        },
        {
          id: 'status',
          header: t('tickets.colStatus'),
          cell: (ticket) => <TicketStatusBadge status={ticket.status} staff />,
        },
        { id: 'priority', header: t('tickets.form.priority'), cell: priority },
        { id: 'wait', header: t('tickets.admin.waiting'), cell: wait },
        {
          id: 'assignee',
          header: t('tickets.admin.assignee'),
          cell: (ticket) => ticket.assignee?.name ?? '—',
        },
      ]}
      cardData={(ticket) => ({ 'data-testid': 'queue-card', 'data-number': ticket.number })}
      card={(ticket) => (
        <>
          <CardHead aside={<TicketStatusBadge status={ticket.status} staff />}>
            <span className="font-mono text-xs text-muted-foreground">
              {ticket.number} · {ticket.customer.name}
            </span>
            <p>{subject(ticket)}</p>
          </CardHead>
          <CardFields
            fields={[
              { label: t('tickets.form.priority'), value: priority(ticket) },
              { label: t('tickets.admin.waiting'), value: wait(ticket) },
            ]}
          />
        </>
      )}
    />
  );
}
