// Store settings of the administration: the company's data (printed on new invoices, shown in the footer and
// e-mails) and the payment gateways (keys are write-only). Billing settings live in admin.ts with the billing cycle.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { catalogKeys } from './catalog.ts';
import { client } from './contract.ts';
import { paymentKeys } from './orders.ts';
import type { CompanySettings, PaymentSettingsUpdate } from './models.ts';

export const settingsKeys = {
  company: ['admin', 'settings', 'company'] as const,
  payments: ['admin', 'settings', 'payments'] as const,
};

export const fetchCompanySettings = (signal?: AbortSignal) =>
  client.get('/api/admin/settings/company', { signal });
export const updateCompanySettings = (body: Partial<CompanySettings>) =>
  client.put('/api/admin/settings/company', { body });
export const fetchPaymentSettings = (signal?: AbortSignal) =>
  client.get('/api/admin/settings/payments', { signal });
export const updatePaymentSettings = (body: PaymentSettingsUpdate) =>
  client.put('/api/admin/settings/payments', { body });

export function useCompanySettings() {
  return useQuery({ queryKey: settingsKeys.company, queryFn: ({ signal }) => fetchCompanySettings(signal) });
}

export function useUpdateCompanySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateCompanySettings,
    onSuccess: (settings) => {
      queryClient.setQueryData(settingsKeys.company, settings);
      // The footer shows the company's data from /api/site.
      return queryClient.invalidateQueries({ queryKey: catalogKeys.site });
    },
  });
}

export function usePaymentSettings() {
  return useQuery({ queryKey: settingsKeys.payments, queryFn: ({ signal }) => fetchPaymentSettings(signal) });
}

export function useUpdatePaymentSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updatePaymentSettings,
    onSuccess: (settings) => {
      queryClient.setQueryData(settingsKeys.payments, settings);
      // Checkout offers the providers that are configured now; the demo banner reads /api/site.
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: paymentKeys.providers }),
        queryClient.invalidateQueries({ queryKey: catalogKeys.site }),
      ]);
    },
  });
}
