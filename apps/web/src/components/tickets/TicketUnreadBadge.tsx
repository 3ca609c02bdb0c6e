import { useTranslation } from 'react-i18next';
import { useAdminTicketUnread, useTicketUnread } from '../../api/tickets.ts';
import { cn } from '../../lib/cn.ts';

/** The navigation count: tickets with a reply not read yet (customer) or waiting on staff (admin). */
export function TicketUnreadBadge({ staff = false }: { staff?: boolean }) {
  const { t } = useTranslation();
  const customer = useTicketUnread(!staff);
  const admin = useAdminTicketUnread(staff);
  const data = staff ? admin.data : customer.data;
  if (!data) return null;
  const count = staff ? data.waiting : data.unread;
  if (!staff && count === 0) return null;
  return (
    <span data-testid="ticket-unread" data-count={count}>
      <span
        aria-hidden="true"
        className={cn(
          'inline-flex min-w-6 items-center justify-center rounded-full px-1.5 text-xs font-semibold',
          count > 0 ? 'bg-primary text-primary-foreground' : 'bg-muted text-muted-foreground',
        )}
      >
        {count}
      </span>
      <span className="sr-only">
        {t(staff ? 'tickets.admin.waitingCount' : 'tickets.unreadCount', { count })}
      </span>
    </span>
  );
}
