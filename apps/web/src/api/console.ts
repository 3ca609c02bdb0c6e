// The operator's console: dashboard figures, customers and sales reports. Used only by the lazy admin pages; every
// key starts with 'admin' so signing out drops them all.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from './client.ts';
import { downloadFile } from './download.ts';

export type Figure = { value: number; previous: number | null };
export type QueueFigure = Figure & { oldestSince: string | null };
export type MarginFigure = Figure & { percent: number | null; previousPercent: number | null };

export const ALERT_KINDS = [
  'new_paid_orders',
  'paid_orders_waiting',
  'provisioning_failed',
  'expiring_soon',
  'expired_unpaid',
  'payment_mismatch',
  'contabo_errors',
  'unassigned_instances',
  'admin_tasks',
  'tickets_waiting',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export type Alert = {
  kind: AlertKind;
  severity: 'error' | 'warning' | 'info';
  count: number | null;
  href: string;
  hours?: number;
  items: Array<{
    id: string;
    label: string;
    at: string | null;
    href: string;
    customer: { id: string; email: string } | null;
  }>;
};

export type MonthPoint = {
  month: string;
  revenueMinor: number;
  refundsMinor: number;
  netMinor: number;
  costMinor: number;
  marginMinor: number;
};

export type Dashboard = {
  currency: string;
  generatedAt: string;
  periodStart: string;
  previousPeriodStart: string;
  figures: {
    ordersAwaitingPayment: QueueFigure;
    ordersAwaitingFulfilment: QueueFigure;
    revenueMinor: Figure;
    mrrMinor: Figure;
    contaboCostMinor: Figure;
    marginMinor: MarginFigure;
    activeCustomers: Figure;
    activeVps: Figure;
    suspendedServices: Figure;
    newCustomers: Figure;
    ticketsWaitingOnStaff?: QueueFigure;
  };
  charts: {
    monthlySales: MonthPoint[];
    plans: Array<{
      productId: string | null;
      name: string | null;
      activeServices: number;
      revenueMinor: number;
    }>;
    regions: Array<{ region: string | null; name: string | null; count: number }>;
    newCustomers: Array<{ month: string; count: number }>;
  };
  alerts: Alert[];
  /** Off: staff may sign in with a password alone; the dashboard warns. */
  security: { staffTwoFactorRequired: boolean };
  unconverted: { documents: number; services: number; currencies: string[] };
};

export const CUSTOMER_FILTERS = ['active', 'suspended', 'unpaid', 'unverified', 'banned'] as const;
export type CustomerFilter = (typeof CUSTOMER_FILTERS)[number];
export const CUSTOMER_SORTS = ['created', 'spend', 'services'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

export type CustomerQuery = {
  search?: string;
  filter?: CustomerFilter;
  sort?: CustomerSort;
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
};

export type CustomerRow = {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  country: string | null;
  emailVerified: boolean;
  banned: boolean;
  createdAt: string;
  lastLoginAt: string | null;
  services: number;
  activeServices: number;
  spendMinor: number;
};

export type CustomerDetail = {
  profile: {
    id: string;
    email: string;
    name: string;
    firstName: string;
    lastName: string;
    phone: string | null;
    language: string;
    country: string | null;
    companyName: string | null;
    taxId: string | null;
    addressLine1: string | null;
    addressLine2: string | null;
    city: string | null;
    state: string | null;
    postalCode: string | null;
    emailVerified: boolean;
    twoFactorEnabled: boolean;
    banned: boolean;
    banReason: string | null;
    createdAt: string;
    lastLoginAt: string | null;
  };
  services: Array<{
    id: string;
    name: string | null;
    plan: string | null;
    region: string | null;
    ipAddress: string | null;
    status: string;
    serviceStatus: string;
    expiresAt: string | null;
  }>;
  orders: Array<{
    id: string;
    orderNumber: string;
    status: string;
    createdAt: string;
    totalMinor: number;
    currency: string;
  }>;
  invoices: Array<{
    id: string;
    number: string | null;
    type: string;
    status: string;
    issuedAt: string | null;
    paidAt: string | null;
    totalMinor: number;
    currency: string;
  }>;
  transactions: Array<{
    id: string;
    kind: string;
    provider: string;
    status: string;
    amountMinor: number;
    currency: string;
    createdAt: string;
  }>;
  tickets: Array<{ id: string; subject: string; status: string; updatedAt: string }>;
  sshKeyCount: number;
  sessions: Array<{
    id: string;
    createdAt: string;
    lastUsedAt: string;
    expiresAt: string;
    ipAddress: string | null;
    userAgent: string | null;
    viewAs: boolean;
  }>;
  lifetime: { currency: string; netMinor: number; taxMinor: number; costMinor: number; marginMinor: number };
  notes: Array<{ id: string; body: string; authorEmail: string | null; createdAt: string }>;
  audit: Array<{
    id: string;
    action: string;
    actorId: string | null;
    actorRole: string | null;
    direction: 'by' | 'to';
    ipAddress: string | null;
    createdAt: string;
  }>;
};

export const REPORT_GROUPS = ['day', 'week', 'month'] as const;
export const REPORT_DIMENSIONS = ['none', 'plan', 'region', 'method', 'kind'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];
export type SalesQuery = { from: string; to: string; group: ReportGroup; dimension: ReportDimension };

export type SalesFigures = {
  revenueMinor: number;
  refundsMinor: number;
  netMinor: number;
  taxMinor: number;
  costMinor: number;
  marginMinor: number;
  invoices: number;
  creditNotes: number;
};
export type SalesRow = SalesFigures & { period: string | null; key: string | null; label: string | null };
export type SalesReport = {
  currency: string;
  from: string;
  to: string;
  group: ReportGroup;
  dimension: ReportDimension;
  rows: SalesRow[];
  totals: SalesFigures;
  unconverted: { documents: number; currencies: string[] };
};
export type TaxReport = {
  currency: string;
  from: string;
  to: string;
  rows: Array<{
    country: string | null;
    taxableMinor: number;
    taxMinor: number;
    totalMinor: number;
    invoices: number;
    creditNotes: number;
  }>;
  totals: {
    taxableMinor: number;
    taxMinor: number;
    totalMinor: number;
    invoices: number;
    creditNotes: number;
  };
};

export const consoleKeys = {
  dashboard: ['admin', 'console', 'dashboard'] as const,
  customers: ['admin', 'console', 'customers'] as const,
  customerList: (q: CustomerQuery) => ['admin', 'console', 'customers', 'list', q] as const,
  customer: (id: string) => ['admin', 'console', 'customers', 'detail', id] as const,
  sales: (q: SalesQuery) => ['admin', 'console', 'reports', 'sales', q] as const,
  tax: (from: string, to: string) => ['admin', 'console', 'reports', 'tax', from, to] as const,
};

const id = (value: string) => encodeURIComponent(value);
/** The dashboard refreshes itself this often (one cheap aggregate request; paused while the tab is hidden). */
/** The poll while the live stream is down (or before it connects): short, the dashboard is a few aggregate queries. */
export const DASHBOARD_REFRESH_MS = 15_000;
/** The poll while the live stream is up: only for what no event announces (a sign-up, an expiry date passing). */
export const DASHBOARD_LIVE_REFRESH_MS = 120_000;

/**
 * The dashboard, refreshed live: `/api/admin/dashboard/events` (SSE, cookie auth) says when the figures may have
 * moved (a paid order, a server status change, ticket activity) and the query refetches; the poll is the fallback.
 */
export function useDashboard() {
  const queryClient = useQueryClient();
  const [live, setLive] = useState(false);
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/admin/dashboard/events', { withCredentials: true });
    source.addEventListener('ready', () => setLive(true));
    source.addEventListener('dashboard', () => {
      void queryClient.invalidateQueries({ queryKey: consoleKeys.dashboard });
    });
    // EventSource reconnects by itself; until it does, the short poll keeps the page fresh.
    source.onerror = () => setLive(false);
    return () => source.close();
  }, [queryClient]);
  const query = useQuery({
    queryKey: consoleKeys.dashboard,
    queryFn: ({ signal }) => api.get<Dashboard>('/api/admin/dashboard', { signal }),
    refetchInterval: live ? DASHBOARD_LIVE_REFRESH_MS : DASHBOARD_REFRESH_MS,
    refetchOnWindowFocus: true,
  });
  return { ...query, live };
}

export function useConsoleCustomers(query: CustomerQuery) {
  return useQuery({
    queryKey: consoleKeys.customerList(query),
    queryFn: ({ signal }) =>
      api.get<{ items: CustomerRow[]; total: number; currency: string }>('/api/admin/customers', {
        query,
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export const downloadCustomersCsv = (query: Omit<CustomerQuery, 'page' | 'pageSize'>) =>
  downloadFile('/api/admin/customers', 'customers.csv', { ...query, format: 'csv' });

export function useCustomerDetail(customerId: string) {
  return useQuery({
    queryKey: consoleKeys.customer(customerId),
    queryFn: ({ signal }) => api.get<CustomerDetail>(`/api/admin/customers/${id(customerId)}`, { signal }),
  });
}

export type CustomerAction =
  | { kind: 'verify-email' }
  | { kind: 'password-reset' }
  | { kind: 'two-factor/reset' }
  | { kind: 'unban' }
  | { kind: 'sessions/revoke' }
  | { kind: 'ban'; reason: string }
  | { kind: 'notes'; body: string }
  | { kind: 'profile'; patch: Partial<CustomerDetail['profile']> };

function runAction(customerId: string, action: CustomerAction) {
  const base = `/api/admin/customers/${id(customerId)}`;
  switch (action.kind) {
    case 'ban':
      return api.post<{ ok: true }>(`${base}/ban`, { reason: action.reason });
    case 'notes':
      return api.post<{ ok: true }>(`${base}/notes`, { body: action.body });
    case 'profile':
      return api.patch<{ ok: true }>(base, action.patch);
    default:
      return api.post<{ ok: true }>(`${base}/${action.kind}`);
  }
}

export function useCustomerAction(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: CustomerAction) => runAction(customerId, action),
    onSettled: () => queryClient.invalidateQueries({ queryKey: consoleKeys.customers }),
  });
}

export const startViewAs = (customerId: string) =>
  api.post<{ accessToken: string; expiresAt: string; userId: string }>(
    `/api/admin/customers/${id(customerId)}/view-as`,
  );

export function useSalesReport(query: SalesQuery) {
  return useQuery({
    queryKey: consoleKeys.sales(query),
    queryFn: ({ signal }) => api.get<SalesReport>('/api/admin/reports/sales', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export const downloadSalesCsv = (query: SalesQuery) =>
  downloadFile('/api/admin/reports/sales', 'sales.csv', { ...query, format: 'csv' });

export function useTaxReport(from: string, to: string) {
  return useQuery({
    queryKey: consoleKeys.tax(from, to),
    queryFn: ({ signal }) => api.get<TaxReport>('/api/admin/reports/tax', { query: { from, to }, signal }),
    placeholderData: keepPreviousData,
  });
}

export const downloadTaxCsv = (from: string, to: string) =>
  downloadFile('/api/admin/reports/tax', 'tax.csv', { from, to, format: 'csv' });
