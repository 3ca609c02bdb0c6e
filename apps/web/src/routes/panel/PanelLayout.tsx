import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useMe, wasSignedOutOnPurpose } from '../../api/session.ts';
import { AppShell, ShellSkeleton } from '../../components/layout/AppShell.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { UnpaidBanner } from './invoices/UnpaidBanner.tsx';
import { panelNav } from './panelNav.ts';
import { TicketUnreadBadge } from '../../components/tickets/TicketUnreadBadge.tsx';
import { useTicketEvents } from '../../api/tickets.ts';
import { ViewAsBanner } from './ViewAsBanner.tsx';

/**
 * Shell of the customer panel: top bar, sidebar on ≥ md, drawer on phones. It is also the guard: while
 * `GET /api/auth/me` answers 401 the visitor goes to /login?next=<this page>.
 */
export function PanelLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const { data: user, isPending, error, refetch } = useMe();
  // Ticket activity refreshes the open ticket, the list and the unread count, wherever the customer is.
  useTicketEvents(false, Boolean(user));

  if (!isPending && !error && !user) {
    // After "Cerrar sesión" the sign-in page starts afresh; otherwise it brings the visitor back here.
    if (wasSignedOutOnPurpose()) return <Navigate to="/login" replace />;
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }

  const items = panelNav.map(({ labelKey, ...item }) => ({
    ...item,
    label: t(labelKey),
    badge: item.to === '/panel/support' && user ? <TicketUnreadBadge /> : null,
  }));
  return (
    <AppShell navLabel={t('panel.navLabel')} items={items}>
      {isPending ? (
        <ShellSkeleton label={t('panel.loading')} />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <>
          <ViewAsBanner />
          {/* The invoice pages say it themselves. */}
          {!location.pathname.startsWith('/panel/invoices') && <UnpaidBanner />}
          <Outlet />
        </>
      )}
    </AppShell>
  );
}
