// Customer panel sidebar. Only sections that exist are linked.
import { House, LifeBuoy, Package, Receipt, Server, UserCog, type LucideIcon } from 'lucide-react';

export type PanelNavItem = {
  to: string;
  labelKey:
    'panel.home' | 'panel.servers' | 'panel.orders' | 'panel.invoices' | 'tickets.nav' | 'panel.account';
  icon: LucideIcon;
  /** Active only on the exact path (Inicio would otherwise match every panel page). */
  end?: boolean;
};

export const panelNav: PanelNavItem[] = [
  { to: '/panel', labelKey: 'panel.home', icon: House, end: true },
  { to: '/panel/servers', labelKey: 'panel.servers', icon: Server },
  { to: '/panel/orders', labelKey: 'panel.orders', icon: Package },
  { to: '/panel/invoices', labelKey: 'panel.invoices', icon: Receipt },
  { to: '/panel/support', labelKey: 'tickets.nav', icon: LifeBuoy },
  { to: '/panel/account', labelKey: 'panel.account', icon: UserCog },
];
