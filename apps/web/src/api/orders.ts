// Orders and payments of the signed-in customer: fetchers plus TanStack Query hooks. Used only by lazy pages
// (checkout, payment pages, panel); the keys start with 'orders' / 'payments' so signing out drops them.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client } from './contract.ts';
import type { CartItemRequest, OrderQuery, Payment, PaymentProviderId, PayScope } from './models.ts';

export const orderKeys = {
  all: ['orders'] as const,
  list: (query: OrderQuery) => ['orders', 'list', query] as const,
  detail: (id: string) => ['orders', 'detail', id] as const,
};

export const paymentKeys = {
  all: ['payments'] as const,
  providers: ['payments', 'providers'] as const,
  detail: (id: string) => ['payments', 'detail', id] as const,
  confirm: (id: string, query: string) => ['payments', 'confirm', id, query] as const,
};

export const createOrders = ({
  items,
  legalAccepted,
}: {
  items: CartItemRequest[];
  /** The versions of the terms and refund policy the customer accepted: `{ terms: 3, refunds: 1 }`. */
  legalAccepted: { terms?: number; refunds?: number };
}) => client.post('/api/orders', { body: { items, legalAccepted } });
export const fetchOrders = (query: OrderQuery, signal?: AbortSignal) =>
  client.get('/api/orders', { query, signal });
export const fetchOrder = (orderId: string, signal?: AbortSignal) =>
  client.get('/api/orders/{id}', { params: { id: orderId }, signal });
export const cancelOrder = (orderId: string) =>
  client.post('/api/orders/{id}/cancel', { params: { id: orderId } });
export const payOrder = (orderId: string, body: { provider: PaymentProviderId; scope: PayScope }) =>
  client.post('/api/orders/{id}/pay', { params: { id: orderId }, body });

export const fetchProviders = (signal?: AbortSignal) => client.get('/api/payments/providers', { signal });
export const fetchPayment = (paymentId: string, signal?: AbortSignal) =>
  client.get('/api/payments/{id}', { params: { id: paymentId }, signal });
export const confirmPayment = (paymentId: string, query: Record<string, string>) =>
  client.post('/api/payments/{id}/confirm', { params: { id: paymentId }, body: { query } });
export const decideSandboxPayment = (paymentId: string, decision: 'approve' | 'decline') =>
  client.post('/api/payments/sandbox/{id}/{decision}', { params: { id: paymentId, decision } });

export function useOrders(query: OrderQuery) {
  return useQuery({
    queryKey: orderKeys.list(query),
    queryFn: ({ signal }) => fetchOrders(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useOrder(orderId: string) {
  return useQuery({
    queryKey: orderKeys.detail(orderId),
    queryFn: ({ signal }) => fetchOrder(orderId, signal),
  });
}

export function useCreateOrders() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createOrders,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orderKeys.all }),
  });
}

export function useCancelOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelOrder,
    onSuccess: (order) => {
      queryClient.setQueryData(orderKeys.detail(order.id), order);
      return queryClient.invalidateQueries({ queryKey: orderKeys.all });
    },
  });
}

export function usePayOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      orderId,
      provider,
      scope,
    }: {
      orderId: string;
      provider: PaymentProviderId;
      scope: PayScope;
    }) => payOrder(orderId, { provider, scope }),
    onSuccess: (payment) => {
      queryClient.setQueryData(paymentKeys.detail(payment.id), payment);
      return queryClient.invalidateQueries({ queryKey: orderKeys.all });
    },
  });
}

export function useProviders() {
  return useQuery({
    queryKey: paymentKeys.providers,
    queryFn: ({ signal }) => fetchProviders(signal),
    staleTime: 60_000,
  });
}

export function usePayment(paymentId: string, options: { pollWhilePending?: boolean } = {}) {
  return useQuery({
    queryKey: paymentKeys.detail(paymentId),
    queryFn: ({ signal }) => fetchPayment(paymentId, signal),
    refetchInterval: (query) =>
      options.pollWhilePending && query.state.data?.status === 'pending' ? 5_000 : false,
  });
}

/**
 * After a payment settles, every order, invoice and payment view must show the new state (a paid renewal also
 * moves its server's expiry).
 */
export function useRefreshAfterPayment() {
  const queryClient = useQueryClient();
  return (payment: Payment) => {
    queryClient.setQueryData(paymentKeys.detail(payment.id), payment);
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: orderKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['invoices'] }),
      queryClient.invalidateQueries({ queryKey: ['vps'] }),
    ]);
  };
}

export function useSandboxDecision() {
  const refresh = useRefreshAfterPayment();
  return useMutation({
    mutationFn: ({ paymentId, decision }: { paymentId: string; decision: 'approve' | 'decline' }) =>
      decideSandboxPayment(paymentId, decision),
    onSuccess: (payment) => refresh(payment),
  });
}
