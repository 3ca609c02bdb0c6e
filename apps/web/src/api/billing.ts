// The signed-in customer's invoices (list, detail, summary, PDF, payment) and the renewal of their servers. Used
// only by lazy panel and payment pages; invoice keys start with 'invoices' so signing out drops them.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client } from './contract.ts';
import { downloadFile } from './download.ts';
import { orderKeys, paymentKeys } from './orders.ts';
import type { Invoice, InvoiceQuery, PaymentProviderId, RenewalUpdate } from './models.ts';
import { patchServer, vpsKeys } from './vps.ts';

export const invoiceKeys = {
  all: ['invoices'] as const,
  lists: ['invoices', 'list'] as const,
  list: (query: InvoiceQuery) => ['invoices', 'list', query] as const,
  detail: (id: string) => ['invoices', 'detail', id] as const,
  summary: ['invoices', 'summary'] as const,
};

const id = (value: string) => encodeURIComponent(value);

export const fetchInvoices = (query: InvoiceQuery, signal?: AbortSignal) =>
  client.get('/api/invoices', { query, signal });
export const fetchInvoice = (invoiceId: string, signal?: AbortSignal) =>
  client.get('/api/invoices/{id}', { params: { id: invoiceId }, signal });
export const fetchInvoiceSummary = (signal?: AbortSignal) => client.get('/api/invoices/summary', { signal });
export const payInvoice = (invoiceId: string, provider: PaymentProviderId) =>
  client.post('/api/invoices/{id}/pay', { params: { id: invoiceId }, body: { provider } });
export const updateRenewal = (vpsId: string, body: RenewalUpdate) =>
  client.patch('/api/vps/{id}/renewal', { params: { id: vpsId }, body });
export const renewServer = (vpsId: string) => client.post('/api/vps/{id}/renew', { params: { id: vpsId } });

/** Saves the invoice as a PDF named after its number (the server's file name). */
export const downloadInvoicePdf = (invoice: Pick<Invoice, 'id' | 'invoiceNumber'>) =>
  downloadFile(`/api/invoices/${id(invoice.id)}/pdf`, `${invoice.invoiceNumber ?? invoice.id}.pdf`);

export function useInvoices(query: InvoiceQuery) {
  return useQuery({
    queryKey: invoiceKeys.list(query),
    queryFn: ({ signal }) => fetchInvoices(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useInvoice(invoiceId: string) {
  return useQuery({
    queryKey: invoiceKeys.detail(invoiceId),
    queryFn: ({ signal }) => fetchInvoice(invoiceId, signal),
  });
}

/** What the customer owes: drives the unpaid banner of the panel. */
export function useInvoiceSummary() {
  return useQuery({
    queryKey: invoiceKeys.summary,
    queryFn: ({ signal }) => fetchInvoiceSummary(signal),
    staleTime: 60_000,
  });
}

export function usePayInvoice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ invoiceId, provider }: { invoiceId: string; provider: PaymentProviderId }) =>
      payInvoice(invoiceId, provider),
    onSuccess: (payment) => {
      queryClient.setQueryData(paymentKeys.detail(payment.id), payment);
      return queryClient.invalidateQueries({ queryKey: invoiceKeys.all });
    },
  });
}

/** After anything that may change what the customer owes or how long a server runs. */
export function refreshBilling(queryClient: ReturnType<typeof useQueryClient>) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: invoiceKeys.all }),
    queryClient.invalidateQueries({ queryKey: vpsKeys.all }),
    queryClient.invalidateQueries({ queryKey: orderKeys.all }),
  ]);
}

export function useUpdateRenewal(vpsId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RenewalUpdate) => updateRenewal(vpsId, body),
    onSuccess: (vps) => {
      patchServer(queryClient, vpsId, (old) => ({
        ...old,
        autoRenew: vps.autoRenew,
        cancelAtPeriodEnd: vps.cancelAtPeriodEnd,
        expiresAt: vps.expiresAt,
        openInvoice: vps.openInvoice,
      }));
      // Turning renewal off voids a renewal invoice that is not due yet.
      return queryClient.invalidateQueries({ queryKey: invoiceKeys.all });
    },
  });
}

export function useRenewServer(vpsId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => renewServer(vpsId),
    onSuccess: (invoice) => {
      queryClient.setQueryData(invoiceKeys.detail(invoice.id), invoice);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: invoiceKeys.lists }),
        queryClient.invalidateQueries({ queryKey: invoiceKeys.summary }),
        queryClient.invalidateQueries({ queryKey: vpsKeys.detail(vpsId) }),
        queryClient.invalidateQueries({ queryKey: vpsKeys.lists }),
      ]);
    },
  });
}
