// The operator's console: dashboard figures, customers and sales reports (their shapes from the generated contract).
// Used only by the lazy admin pages; every key starts with 'admin' so signing out drops them all.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from './client.ts';
import type { ResponseOf } from './contract.ts';
import { downloadFile } from './download.ts';

export type Dashboard = ResponseOf<'/api/admin/dashboard'>;
export type Figure = Dashboard['figures']['revenueMinor'];
export type QueueFigure = Dashboard['figures']['ordersAwaitingPayment'];
export type MarginFigure = Dashboard['figures']['marginMinor'];
export type Alert = Dashboard['alerts'][number];
export type AlertKind = Alert['kind'];
export type MonthPoint = Dashboard['charts']['monthlySales'][number];

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

export type CustomerRow = ResponseOf<'/api/admin/customers'>['items'][number];
export type CustomerDetail = ResponseOf<'/api/admin/customers/{id}'>;

export const REPORT_GROUPS = ['day', 'week', 'month'] as const;
export const REPORT_DIMENSIONS = ['none', 'plan', 'region', 'method', 'kind'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];
export type SalesQuery = { from: string; to: string; group: ReportGroup; dimension: ReportDimension };

export type SalesReport = ResponseOf<'/api/admin/reports/sales'>;
export type SalesFigures = SalesReport['totals'];
export type SalesRow = SalesReport['rows'][number];
export type TaxReport = ResponseOf<'/api/admin/reports/tax'>;

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
