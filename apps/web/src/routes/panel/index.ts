// Customer panel (/panel/*), lazy-loaded so it never weighs on the public bundle. PanelLayout is the shell and the
// guard (401 → /login?next=…); every page is its own chunk.
import type { RouteObject } from 'react-router';
import { createElement } from 'react';
import { NotFoundPage } from '../public/NotFoundPage.tsx';
import { RouteErrorPage } from '../RouteErrorPage.tsx';

export const panelRoutes: RouteObject[] = [
  // A staff "view as customer" link (token in the fragment, never sent to the server), then the panel read-only.
  {
    path: 'view-as',
    lazy: () => import('./ViewAsBanner.tsx').then((m) => ({ Component: m.ViewAsStart })),
  },
  {
    path: 'panel',
    lazy: () => import('./PanelLayout.tsx').then((m) => ({ Component: m.PanelLayout })),
    children: [
      {
        errorElement: createElement(RouteErrorPage),
        children: [
          {
            index: true,
            lazy: () => import('./PanelHomePage.tsx').then((m) => ({ Component: m.PanelHomePage })),
          },
          {
            path: 'servers',
            lazy: () => import('./servers/ServersPage.tsx').then((m) => ({ Component: m.ServersPage })),
          },
          {
            path: 'servers/:id',
            lazy: () => import('./servers/ServerLayout.tsx').then((m) => ({ Component: m.ServerLayout })),
            children: [
              {
                index: true,
                lazy: () => import('./servers/OverviewTab.tsx').then((m) => ({ Component: m.OverviewTab })),
              },
              {
                path: 'stats',
                lazy: () => import('./servers/StatsTab.tsx').then((m) => ({ Component: m.StatsTab })),
              },
              {
                path: 'snapshots',
                lazy: () => import('./servers/SnapshotsTab.tsx').then((m) => ({ Component: m.SnapshotsTab })),
              },
              {
                path: 'console',
                lazy: () => import('./servers/ConsoleTab.tsx').then((m) => ({ Component: m.ConsoleTab })),
              },
              {
                path: 'network',
                lazy: () => import('./servers/NetworkTab.tsx').then((m) => ({ Component: m.NetworkTab })),
              },
              {
                path: 'firewall',
                lazy: () => import('./servers/FirewallTab.tsx').then((m) => ({ Component: m.FirewallTab })),
              },
              {
                path: 'reinstall',
                lazy: () => import('./servers/ReinstallTab.tsx').then((m) => ({ Component: m.ReinstallTab })),
              },
              {
                path: 'history',
                lazy: () => import('./servers/HistoryTab.tsx').then((m) => ({ Component: m.HistoryTab })),
              },
            ],
          },
          {
            path: 'orders',
            lazy: () => import('./orders/OrdersPage.tsx').then((m) => ({ Component: m.OrdersPage })),
          },
          {
            path: 'orders/:id',
            lazy: () =>
              import('./orders/OrderDetailPage.tsx').then((m) => ({ Component: m.OrderDetailPage })),
          },
          {
            path: 'invoices',
            lazy: () => import('./invoices/InvoicesPage.tsx').then((m) => ({ Component: m.InvoicesPage })),
          },
          {
            path: 'invoices/:id',
            lazy: () =>
              import('./invoices/InvoiceDetailPage.tsx').then((m) => ({ Component: m.InvoiceDetailPage })),
          },
          {
            path: 'support',
            lazy: () => import('./support/SupportPage.tsx').then((m) => ({ Component: m.SupportPage })),
          },
          {
            path: 'support/new',
            lazy: () => import('./support/NewTicketPage.tsx').then((m) => ({ Component: m.NewTicketPage })),
          },
          {
            path: 'support/:id',
            lazy: () => import('./support/TicketPage.tsx').then((m) => ({ Component: m.TicketPage })),
          },
          {
            path: 'account',
            lazy: () => import('./account/AccountLayout.tsx').then((m) => ({ Component: m.AccountLayout })),
            children: [
              {
                index: true,
                lazy: () => import('./account/ProfilePage.tsx').then((m) => ({ Component: m.ProfilePage })),
              },
              {
                path: 'security',
                lazy: () => import('./account/SecurityPage.tsx').then((m) => ({ Component: m.SecurityPage })),
              },
              {
                path: 'ssh-keys',
                lazy: () => import('./account/SshKeysPage.tsx').then((m) => ({ Component: m.SshKeysPage })),
              },
              {
                path: 'sessions',
                lazy: () => import('./account/SessionsPage.tsx').then((m) => ({ Component: m.SessionsPage })),
              },
            ],
          },
          { path: '*', element: createElement(NotFoundPage) },
        ],
      },
    ],
  },
];
