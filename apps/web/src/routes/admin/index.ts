// Administration (/admin/*), lazy-loaded so it never weighs on the public bundle. AdminLayout is the shell and the
// guard (visitor → /login?next=…, customer → /panel); every page is its own chunk.
import type { RouteObject } from 'react-router';
import { createElement } from 'react';
import { NotFoundPage } from '../public/NotFoundPage.tsx';
import { RouteErrorPage } from '../RouteErrorPage.tsx';

export const adminRoutes: RouteObject[] = [
  {
    path: 'admin',
    lazy: () => import('./AdminLayout.tsx').then((m) => ({ Component: m.AdminLayout })),
    children: [
      {
        errorElement: createElement(RouteErrorPage),
        children: [
          {
            index: true,
            lazy: () => import('./console/DashboardPage.tsx').then((m) => ({ Component: m.DashboardPage })),
          },
          {
            path: 'customers',
            lazy: () => import('./console/CustomersPage.tsx').then((m) => ({ Component: m.CustomersPage })),
          },
          {
            path: 'customers/:id',
            lazy: () =>
              import('./console/CustomerDetailPage.tsx').then((m) => ({ Component: m.CustomerDetailPage })),
          },
          {
            path: 'reports',
            lazy: () => import('./console/ReportsPage.tsx').then((m) => ({ Component: m.ReportsPage })),
          },
          {
            path: 'orders',
            lazy: () => import('./AdminOrdersPage.tsx').then((m) => ({ Component: m.AdminOrdersPage })),
          },
          {
            path: 'orders/:id',
            lazy: () =>
              import('./AdminOrderDetailPage.tsx').then((m) => ({ Component: m.AdminOrderDetailPage })),
          },
          {
            path: 'servers',
            lazy: () => import('./AdminServersPage.tsx').then((m) => ({ Component: m.AdminServersPage })),
          },
          {
            path: 'contabo',
            lazy: () =>
              import('./ContaboInventoryPage.tsx').then((m) => ({ Component: m.ContaboInventoryPage })),
          },
          {
            path: 'products',
            lazy: () => import('./AdminProductsPage.tsx').then((m) => ({ Component: m.AdminProductsPage })),
          },
          {
            path: 'products/new',
            lazy: () => import('./ProductEditPage.tsx').then((m) => ({ Component: m.ProductEditPage })),
          },
          {
            path: 'products/:id',
            lazy: () => import('./ProductEditPage.tsx').then((m) => ({ Component: m.ProductEditPage })),
          },
          {
            path: 'invoices',
            lazy: () => import('./AdminInvoicesPage.tsx').then((m) => ({ Component: m.AdminInvoicesPage })),
          },
          {
            path: 'billing',
            lazy: () => import('./AdminBillingPage.tsx').then((m) => ({ Component: m.AdminBillingPage })),
          },
          {
            path: 'tickets',
            lazy: () =>
              import('./tickets/AdminTicketsPage.tsx').then((m) => ({ Component: m.AdminTicketsPage })),
          },
          {
            path: 'tickets/canned',
            lazy: () =>
              import('./tickets/CannedResponsesPage.tsx').then((m) => ({ Component: m.CannedResponsesPage })),
          },
          {
            path: 'tickets/unmatched',
            lazy: () =>
              import('./tickets/UnmatchedMailPage.tsx').then((m) => ({ Component: m.UnmatchedMailPage })),
          },
          {
            path: 'tickets/:id',
            lazy: () =>
              import('./tickets/AdminTicketPage.tsx').then((m) => ({ Component: m.AdminTicketPage })),
          },
          {
            path: 'outbox',
            lazy: () => import('./OutboxPage.tsx').then((m) => ({ Component: m.OutboxPage })),
          },
          {
            path: 'emails',
            lazy: () => import('./EmailTemplatesPage.tsx').then((m) => ({ Component: m.EmailTemplatesPage })),
          },
          {
            path: 'staff',
            lazy: () => import('./StaffPage.tsx').then((m) => ({ Component: m.StaffPage })),
          },
          {
            path: 'settings',
            lazy: () => import('./AdminSettingsPage.tsx').then((m) => ({ Component: m.AdminSettingsPage })),
          },
          {
            path: 'settings/legal',
            lazy: () => import('./AdminLegalPage.tsx').then((m) => ({ Component: m.AdminLegalPage })),
          },
          { path: '*', element: createElement(NotFoundPage) },
        ],
      },
    ],
  },
];
