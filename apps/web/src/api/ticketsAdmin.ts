// Support administration: canned responses, the reply-by-e-mail mailbox (IMAP settings and its test) and the mail
// that matched no ticket. Query keys live under 'admin', 'tickets' so the live stream's refreshes stay apart.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { List } from './models.ts';
import { ticketKeys, type CannedResponse } from './tickets.ts';

/** The variables a canned response may use (the API's CANNED_VARIABLES, rendered when staff inserts it). */
export const CANNED_VARIABLES = [
  'customer.firstName',
  'customer.lastName',
  'customer.name',
  'customer.email',
  'ticket.number',
  'ticket.subject',
  'vps.name',
  'vps.ip',
  'staff.firstName',
  'staff.name',
  'company.name',
] as const;

export type CannedResponseInput = { title: string; body: string; department: string | null };

export type MailSettings = {
  enabled: boolean;
  address: string;
  host: string;
  port: number;
  secure: boolean;
  user: string;
  folder: string;
  passwordSet: boolean;
};
export type MailSettingsInput = Omit<MailSettings, 'enabled' | 'passwordSet'> & { password?: string };
export type MailTestResult =
  | { ok: true; messages: number; unseen: number }
  | { ok: false; reason: 'auth' | 'folder' | 'connect' | 'not_configured'; message: string };

export type UnmatchedMail = {
  id: string;
  fromAddress: string;
  toAddress: string;
  subject: string;
  body: string;
  reason: string;
  receivedAt: string;
};

const keys = {
  mailSettings: ['admin', 'tickets', 'mail-settings'] as const,
  unmatched: (page: number) => ['admin', 'tickets', 'unmatched', page] as const,
};
const enc = encodeURIComponent;

/** Create, change or delete a canned response; the picker's list is refreshed after each. */
export function useCannedResponseActions() {
  const queryClient = useQueryClient();
  const onSuccess = () => void queryClient.invalidateQueries({ queryKey: ticketKeys.canned });
  return {
    create: useMutation({
      mutationFn: (input: CannedResponseInput) =>
        api.post<CannedResponse>('/api/admin/canned-responses', input),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, ...input }: CannedResponseInput & { id: string }) =>
        api.put<CannedResponse>(`/api/admin/canned-responses/${enc(id)}`, input),
      onSuccess,
    }),
    remove: useMutation({
      mutationFn: (id: string) => api.delete<void>(`/api/admin/canned-responses/${enc(id)}`),
      onSuccess,
    }),
  };
}

export function useMailSettings() {
  return useQuery({
    queryKey: keys.mailSettings,
    queryFn: ({ signal }) => api.get<MailSettings>('/api/admin/tickets/email-settings', { signal }),
  });
}

export function useSaveMailSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MailSettingsInput) =>
      api.put<MailSettings>('/api/admin/tickets/email-settings', input),
    onSuccess: (saved) => queryClient.setQueryData(keys.mailSettings, saved),
  });
}

export function useTestMailSettings() {
  return useMutation({
    mutationFn: (input: Partial<MailSettingsInput>) =>
      api.post<MailTestResult>('/api/admin/tickets/email-settings/test', input),
  });
}

export function useUnmatchedMail(page: number, pageSize = 20) {
  return useQuery({
    queryKey: keys.unmatched(page),
    queryFn: ({ signal }) =>
      api.get<List<UnmatchedMail>>('/api/admin/tickets/unmatched-mail', {
        query: { page, pageSize },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** Assign an unmatched e-mail to a ticket (as the customer's reply or an internal note), or discard it. */
export function useUnmatchedMailActions() {
  const queryClient = useQueryClient();
  const onSuccess = () => {
    void queryClient.invalidateQueries({ queryKey: ['admin', 'tickets', 'unmatched'] });
    void queryClient.invalidateQueries({ queryKey: ['admin', 'tickets', 'list'] });
  };
  return {
    assign: useMutation({
      mutationFn: ({ id, ticketId, as }: { id: string; ticketId: string; as: 'customer' | 'note' }) =>
        api.post<{ ticketId: string }>(`/api/admin/tickets/unmatched-mail/${enc(id)}/assign`, {
          ticketId,
          as,
        }),
      onSuccess,
    }),
    discard: useMutation({
      mutationFn: (id: string) => api.delete<void>(`/api/admin/tickets/unmatched-mail/${enc(id)}`),
      onSuccess,
    }),
  };
}
