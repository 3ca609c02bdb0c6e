import {
  LifeBuoy,
  BarChart3,
  Boxes,
  CalendarClock,
  LayoutDashboard,
  Mail,
  MailCheck,
  PackageCheck,
  Receipt,
  Server,
  Settings,
  Tags,
  Users,
} from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useWaitingOrders } from '../../api/admin.ts';
import { useMe, wasSignedOutOnPurpose } from '../../api/session.ts';
import { AppShell, ShellSkeleton, type ShellNavItem } from '../../components/layout/AppShell.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { TicketUnreadBadge } from '../../components/tickets/TicketUnreadBadge.tsx';
import { useTicketEvents } from '../../api/tickets.ts';
import { NavCount } from '../../components/layout/NavCount.tsx';

/**
 * Shell of the administration, and its guard: a visitor goes to /login?next=…, a signed-in customer to /panel
 * (the API refuses them anyway; this only spares them a page of errors).
 */
export function AdminLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const { data: user, isPending, error, refetch } = useMe();

  if (!isPending && !error && !user) {
    if (wasSignedOutOnPurpose()) return <Navigate to="/login" replace />;
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  // Staff (admin or support) enter; the API decides per page what a support member may see.
  if (user && !['admin', 'support'].includes(user.role as string)) return <Navigate to="/panel" replace />;

  return (
    <AdminShell>
      {isPending ? (
        <ShellSkeleton label={t('admin.loading')} />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <Outlet />
      )}
    </AdminShell>
  );
}

function AdminShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { data: user } = useMe();
  const isAdmin = user?.role === 'admin';
  const isStaff = isAdmin || user?.role === 'support';
  useTicketEvents(true, isStaff);
  const items: ShellNavItem[] = [
    { to: '/admin', label: t('admin.nav.home'), icon: LayoutDashboard, end: true },
    {
      to: '/admin/orders',
      label: t('admin.nav.orders'),
      icon: PackageCheck,
      badge: isAdmin ? <WaitingCount /> : null,
    },
    { to: '/admin/servers', label: t('admin.nav.servers'), icon: Server },
    { to: '/admin/customers', label: t('console.nav.customers'), icon: Users },
    {
      to: '/admin/tickets',
      label: t('tickets.admin.nav'),
      icon: LifeBuoy,
      badge: isStaff ? <TicketUnreadBadge staff /> : null,
    },
    // Support sees customers, tickets, orders and servers; the rest is for administrators (permissions.ts).
    ...(isAdmin
      ? [
          { to: '/admin/contabo', label: t('admin.nav.contabo'), icon: Boxes },
          { to: '/admin/products', label: t('admin.nav.products'), icon: Tags },
          { to: '/admin/invoices', label: t('admin.nav.invoices'), icon: Receipt },
          { to: '/admin/billing', label: t('admin.nav.billing'), icon: CalendarClock },
          { to: '/admin/reports', label: t('console.nav.reports'), icon: BarChart3 },
          { to: '/admin/outbox', label: t('admin.nav.outbox'), icon: Mail },
          { to: '/admin/emails', label: t('ops.nav.emails'), icon: MailCheck },
          { to: '/admin/staff', label: t('ops.nav.staff'), icon: Users },
          { to: '/admin/settings', label: t('admin.nav.settings'), icon: Settings },
        ]
      : []),
  ];
  return (
    <AppShell navLabel={t('admin.nav.label')} areaLabel={t('admin.nav.area')} items={items} showCart={false}>
      {children}
    </AppShell>
  );
}

/** Paid orders waiting to be prepared: always visible next to "Pedidos por preparar". */
function WaitingCount() {
  const { t } = useTranslation();
  const { data: count } = useWaitingOrders();
  if (count === undefined) return null;
  return (
    <NavCount
      data-testid="waiting-count"
      count={count}
      label={t('admin.nav.waiting', { count })}
      activeClass="bg-amber-500 text-amber-950"
    />
  );
}
