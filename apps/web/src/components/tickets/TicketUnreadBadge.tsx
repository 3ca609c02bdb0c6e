import { useTranslation } from 'react-i18next';
import { useAdminTicketUnread, useTicketUnread } from '../../api/tickets.ts';
import { NavCount } from '../layout/NavCount.tsx';

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
    <NavCount
      data-testid="ticket-unread"
      data-count={count}
      count={count}
      label={t(staff ? 'tickets.admin.waitingCount' : 'tickets.unreadCount', { count })}
      activeClass="bg-primary text-primary-foreground"
    />
  );
}
