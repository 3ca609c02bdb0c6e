// Administration: orders to fulfil, every server, the Contabo inventory, customers and the e-mail outbox. Used only
// by the lazy admin pages; every key starts with 'admin' so signing out drops them all.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client } from './contract.ts';
import { downloadFile } from './download.ts';
import type {
  AdminInvoice,
  AdminInvoiceQuery,
  BillingSettings,
  CreditNoteRequest,
  AdminOrderQuery,
  AdminVpsQuery,
  AdminVpsUpdate,
  AssignInstanceRequest,
  OrderStatus,
  OutboxQuery,
  ProvisionRequest,
} from './models.ts';

export const adminKeys = {
  all: ['admin'] as const,
  orders: ['admin', 'orders'] as const,
  orderList: (query: AdminOrderQuery) => ['admin', 'orders', 'list', query] as const,
  order: (id: string) => ['admin', 'orders', 'detail', id] as const,
  waiting: ['admin', 'orders', 'waiting'] as const,
  servers: ['admin', 'vps'] as const,
  serverList: (query: AdminVpsQuery) => ['admin', 'vps', 'list', query] as const,
  instances: ['admin', 'contabo'] as const,
  instanceList: (assigned?: boolean) => ['admin', 'contabo', 'instances', assigned ?? 'all'] as const,
  customers: (search: string) => ['admin', 'customers', search] as const,
  outbox: (query: OutboxQuery) => ['admin', 'outbox', query] as const,
  outboxItem: (id: string) => ['admin', 'outbox', 'detail', id] as const,
  invoices: ['admin', 'invoices'] as const,
  invoiceList: (query: AdminInvoiceQuery) => ['admin', 'invoices', 'list', query] as const,
  billing: ['admin', 'billing'] as const,
  billingOverview: ['admin', 'billing', 'overview'] as const,
  billingSettings: ['admin', 'billing', 'settings'] as const,
};

const id = (value: string) => encodeURIComponent(value);

export const fetchAdminOrders = (query: AdminOrderQuery, signal?: AbortSignal) =>
  client.get('/api/admin/orders', { query, signal });
export const fetchAdminOrder = (orderId: string, signal?: AbortSignal) =>
  client.get('/api/admin/orders/{id}', { params: { id: orderId }, signal });
export const provisionOrder = (orderId: string, body: ProvisionRequest) =>
  client.post('/api/admin/orders/{id}/provision', { params: { id: orderId }, body });
export const setOrderStatus = (orderId: string, body: { status: OrderStatus; note?: string }) =>
  client.put('/api/admin/orders/{id}/status', { params: { id: orderId }, body });
export const recordPayment = (orderId: string, reference: string) =>
  client.post('/api/admin/orders/{id}/payments', { params: { id: orderId }, body: { reference } });

export const fetchAdminServers = (query: AdminVpsQuery, signal?: AbortSignal) =>
  client.get('/api/admin/vps', { query, signal });
export const updateAdminServer = (vpsId: string, body: AdminVpsUpdate) =>
  client.put('/api/admin/vps/{id}', { params: { id: vpsId }, body });
export const assignInstance = (body: AssignInstanceRequest) => client.post('/api/admin/vps/assign', { body });

export const fetchInstances = (assigned: boolean | undefined, signal?: AbortSignal) =>
  client.get('/api/admin/contabo/instances', {
    query: { assigned: assigned === undefined ? undefined : assigned ? 'true' : 'false' },
    signal,
  });
export const fetchCustomers = (search: string, signal?: AbortSignal) =>
  client.get('/api/admin/customers', { query: { search }, signal });

export const fetchOutbox = (query: OutboxQuery, signal?: AbortSignal) =>
  client.get('/api/admin/outbox', { query, signal });
export const fetchOutboxItem = (itemId: string, signal?: AbortSignal) =>
  client.get('/api/admin/outbox/{id}', { params: { id: itemId }, signal });

export const fetchAdminInvoices = (query: AdminInvoiceQuery, signal?: AbortSignal) =>
  client.get('/api/admin/invoices', { query, signal });
export const voidInvoice = (invoiceId: string, reason?: string) =>
  client.post('/api/admin/invoices/{id}/void', { params: { id: invoiceId }, body: reason ? { reason } : {} });
export const markInvoicePaid = (invoiceId: string, reference: string) =>
  client.post('/api/admin/invoices/{id}/mark-paid', { params: { id: invoiceId }, body: { reference } });
export const createCreditNote = (invoiceId: string, body: CreditNoteRequest) =>
  client.post('/api/admin/invoices/{id}/credit-note', { params: { id: invoiceId }, body });
/** The accounting CSV of [from, to) (ISO dates), saved as a file. */
export const downloadInvoicesCsv = (from: string, to: string) =>
  downloadFile('/api/admin/invoices/export', `invoices-${from}-${to}.csv`, { from, to });
/** Any invoice's PDF (admins may read every invoice). */
export const downloadAdminInvoicePdf = (invoice: Pick<AdminInvoice, 'id' | 'invoiceNumber'>) =>
  downloadFile(`/api/invoices/${id(invoice.id)}/pdf`, `${invoice.invoiceNumber ?? invoice.id}.pdf`);

export const fetchBillingOverview = (signal?: AbortSignal) =>
  client.get('/api/admin/billing/overview', { signal });
export const markTaskDone = (taskId: string, notes?: string) =>
  client.post('/api/admin/tasks/{id}/done', { params: { id: taskId }, body: notes ? { notes } : {} });
export const runBillingCycle = () => client.post('/api/admin/billing/run');
export const fetchBillingSettings = (signal?: AbortSignal) =>
  client.get('/api/admin/settings/billing', { signal });
export const updateBillingSettings = (body: Partial<BillingSettings>) =>
  client.put('/api/admin/settings/billing', { body });

export function useAdminOrders(query: AdminOrderQuery) {
  return useQuery({
    queryKey: adminKeys.orderList(query),
    queryFn: ({ signal }) => fetchAdminOrders(query, signal),
    placeholderData: keepPreviousData,
  });
}

/** Paid orders waiting to be prepared: the number the sidebar always shows. */
export function useWaitingOrders() {
  return useQuery({
    queryKey: adminKeys.waiting,
    queryFn: ({ signal }) => fetchAdminOrders({ status: 'paid', page: 1, pageSize: 1 }, signal),
    select: (list) => list.total,
    refetchInterval: 60_000,
  });
}

export function useAdminOrder(orderId: string) {
  return useQuery({
    queryKey: adminKeys.order(orderId),
    queryFn: ({ signal }) => fetchAdminOrder(orderId, signal),
    // While the server is being bought, follow the order until it completes.
    refetchInterval: (query) =>
      query.state.data?.status === 'provisioning' || query.state.data?.status === 'processing'
        ? 3_000
        : false,
  });
}

function useOrderChanged(orderId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: adminKeys.orders }),
      queryClient.invalidateQueries({ queryKey: adminKeys.order(orderId) }),
      queryClient.invalidateQueries({ queryKey: adminKeys.instances }),
      queryClient.invalidateQueries({ queryKey: adminKeys.servers }),
    ]);
}

export function useProvisionOrder(orderId: string) {
  const queryClient = useQueryClient();
  const changed = useOrderChanged(orderId);
  return useMutation({
    mutationFn: (body: ProvisionRequest) => provisionOrder(orderId, body),
    onSuccess: (result) => queryClient.setQueryData(adminKeys.order(orderId), result.order),
    onSettled: changed,
  });
}

export function useSetOrderStatus(orderId: string) {
  const changed = useOrderChanged(orderId);
  return useMutation({
    mutationFn: (body: { status: OrderStatus; note?: string }) => setOrderStatus(orderId, body),
    onSettled: changed,
  });
}

export function useRecordPayment(orderId: string) {
  const changed = useOrderChanged(orderId);
  return useMutation({
    mutationFn: (reference: string) => recordPayment(orderId, reference),
    onSettled: changed,
  });
}

export function useAdminServers(query: AdminVpsQuery) {
  return useQuery({
    queryKey: adminKeys.serverList(query),
    queryFn: ({ signal }) => fetchAdminServers(query, signal),
    placeholderData: keepPreviousData,
    // The servers' state changes on its own (sync, customers' actions): keep the list fresh while it is open.
    refetchInterval: 15_000,
  });
}

export function useUpdateAdminServer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ vpsId, body }: { vpsId: string; body: AdminVpsUpdate }) => updateAdminServer(vpsId, body),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: adminKeys.servers }),
        queryClient.invalidateQueries({ queryKey: adminKeys.instances }),
      ]),
  });
}

export function useInstances(assigned?: boolean) {
  return useQuery({
    queryKey: adminKeys.instanceList(assigned),
    queryFn: ({ signal }) => fetchInstances(assigned, signal),
  });
}

export function useAssignInstance() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: assignInstance,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: adminKeys.instances }),
        queryClient.invalidateQueries({ queryKey: adminKeys.servers }),
      ]),
  });
}

export function useCustomers(search: string) {
  return useQuery({
    queryKey: adminKeys.customers(search),
    queryFn: ({ signal }) => fetchCustomers(search, signal),
    enabled: search.trim().length >= 2,
    placeholderData: keepPreviousData,
  });
}

export function useOutbox(query: OutboxQuery) {
  return useQuery({
    queryKey: adminKeys.outbox(query),
    queryFn: ({ signal }) => fetchOutbox(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useOutboxItem(itemId: string | null) {
  return useQuery({
    queryKey: adminKeys.outboxItem(itemId ?? ''),
    queryFn: ({ signal }) => fetchOutboxItem(itemId ?? '', signal),
    enabled: Boolean(itemId),
  });
}

export function useAdminInvoices(query: AdminInvoiceQuery) {
  return useQuery({
    queryKey: adminKeys.invoiceList(query),
    queryFn: ({ signal }) => fetchAdminInvoices(query, signal),
    placeholderData: keepPreviousData,
  });
}

/** Anything done to an invoice may change the lists, the billing overview and the servers it renews. */
function useInvoiceChanged() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: adminKeys.invoices }),
      queryClient.invalidateQueries({ queryKey: adminKeys.billing }),
      queryClient.invalidateQueries({ queryKey: adminKeys.servers }),
    ]);
}

export function useVoidInvoice() {
  const changed = useInvoiceChanged();
  return useMutation({
    mutationFn: ({ invoiceId, reason }: { invoiceId: string; reason?: string }) =>
      voidInvoice(invoiceId, reason),
    onSettled: changed,
  });
}

export function useMarkInvoicePaid() {
  const changed = useInvoiceChanged();
  return useMutation({
    mutationFn: ({ invoiceId, reference }: { invoiceId: string; reference: string }) =>
      markInvoicePaid(invoiceId, reference),
    onSettled: changed,
  });
}

export function useCreateCreditNote() {
  const changed = useInvoiceChanged();
  return useMutation({
    mutationFn: ({ invoiceId, body }: { invoiceId: string; body: CreditNoteRequest }) =>
      createCreditNote(invoiceId, body),
    onSettled: changed,
  });
}

export function useBillingOverview() {
  return useQuery({
    queryKey: adminKeys.billingOverview,
    queryFn: ({ signal }) => fetchBillingOverview(signal),
    refetchInterval: 60_000,
  });
}

export function useMarkTaskDone() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ taskId, notes }: { taskId: string; notes?: string }) => markTaskDone(taskId, notes),
    onSettled: () => queryClient.invalidateQueries({ queryKey: adminKeys.billingOverview }),
  });
}

export function useRunBillingCycle() {
  const changed = useInvoiceChanged();
  return useMutation({ mutationFn: runBillingCycle, onSettled: changed });
}

export function useBillingSettings() {
  return useQuery({
    queryKey: adminKeys.billingSettings,
    queryFn: ({ signal }) => fetchBillingSettings(signal),
  });
}

export function useUpdateBillingSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateBillingSettings,
    onSuccess: (settings) => queryClient.setQueryData(adminKeys.billingSettings, settings),
  });
}
