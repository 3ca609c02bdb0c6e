// Support tickets: the customer's (keys under 'tickets') and staff's (keys under 'admin', 'tickets'), their types,
// and the live stream that refreshes them. Types are written here, not in the frozen types.ts.
import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from './client.ts';
import type { List } from './models.ts';

export const TICKET_STATUSES = ['open', 'answered', 'customer_reply', 'on_hold', 'closed'] as const;
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export type TicketAttachment = { id: string; filename: string; contentType: string; sizeBytes: number };
export type TicketMessage = {
  id: string;
  body: string;
  author: 'customer' | 'staff' | 'system';
  authorName: string;
  source: string;
  createdAt: string;
  editedAt: string | null;
  attachments: TicketAttachment[];
};
export type StaffTicketMessage = TicketMessage & {
  internal: boolean;
  authorId: string | null;
  revisions: Array<{ previousBody: string; editedAt: string; editedBy: string | null }>;
};
export type Ticket = {
  id: string;
  number: string;
  subject: string;
  department: string;
  priority: TicketPriority;
  status: TicketStatus;
  vpsId: string | null;
  orderId: string | null;
  invoiceId: string | null;
  previousTicketId: string | null;
  statusChangedAt: string;
  firstResponseAt: string | null;
  lastMessageAt: string | null;
  closedAt: string | null;
  createdAt: string;
  rating: number | null;
  ratingComment: string | null;
  unread: boolean;
};
export type TicketDetail = Ticket & { messages: TicketMessage[]; canReopen: boolean };
export type AdminTicket = Ticket & {
  customer: { id: string; name: string; email: string };
  assignee: { id: string; name: string } | null;
  waitingSeconds: number;
  waitingOn: 'staff' | 'customer' | 'none';
};
export type AdminTicketDetail = Omit<AdminTicket, 'customer'> & {
  messages: StaffTicketMessage[];
  customer: { id: string; name: string; email: string; language: string; createdAt: string };
  services: Array<{
    id: string;
    name: string;
    ipAddress: string | null;
    status: string;
    serviceStatus: string;
    expiresAt: string | null;
  }>;
  invoices: Array<{
    id: string;
    number: string | null;
    status: string;
    totalMinor: number;
    currency: string;
    dueAt: string | null;
  }>;
  vpsActions: Array<{ id: string; actionType: string; status: string; requestedAt: string }>;
  staff: Array<{ id: string; name: string }>;
};
export type CannedResponse = {
  id: string;
  title: string;
  body: string;
  department: string | null;
  updatedAt: string;
};
export type UnreadCount = { unread: number; waiting: number };
export type AdminTicketQuery = {
  status?: string;
  priority?: string;
  department?: string;
  assignee?: string;
  q?: string;
  page?: number;
  pageSize?: number;
};

export const ticketKeys = {
  all: ['tickets'] as const,
  list: (query: { status?: string; page?: number }) => ['tickets', 'list', query] as const,
  detail: (id: string) => ['tickets', 'detail', id] as const,
  unread: ['tickets', 'unread'] as const,
  adminAll: ['admin', 'tickets'] as const,
  adminList: (query: AdminTicketQuery) => ['admin', 'tickets', 'list', query] as const,
  adminDetail: (id: string) => ['admin', 'tickets', 'detail', id] as const,
  adminUnread: ['admin', 'tickets', 'unread'] as const,
  canned: ['admin', 'tickets', 'canned'] as const,
  departments: ['tickets', 'departments'] as const,
};

const id = (value: string) => encodeURIComponent(value);

/** JSON when there are no files, multipart (fields + `files`) when there are. */
function body(fields: Record<string, string | boolean | null | undefined>, files: File[]) {
  if (files.length === 0) return fields;
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined && value !== null && value !== '') form.append(key, String(value));
  }
  for (const file of files) form.append('files', file, file.name);
  return form;
}

export const attachmentUrl = (ticketId: string, attachmentId: string, staff = false) =>
  `/api/${staff ? 'admin/' : ''}tickets/${id(ticketId)}/attachments/${id(attachmentId)}`;

// ── customer ──────────────────────────────────────────────────────────────────────────────────────────────────────

export function useTickets(query: { status?: string; page?: number; pageSize?: number }) {
  return useQuery({
    queryKey: ticketKeys.list(query),
    queryFn: ({ signal }) => api.get<List<Ticket>>('/api/tickets', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useTicket(ticketId: string) {
  return useQuery({
    queryKey: ticketKeys.detail(ticketId),
    queryFn: ({ signal }) => api.get<TicketDetail>(`/api/tickets/${id(ticketId)}`, { signal }),
  });
}

/** The departments from the `tickets.departments` setting (the first is the default); they rarely change. */
export function useTicketDepartments() {
  return useQuery({
    queryKey: ticketKeys.departments,
    queryFn: ({ signal }) => api.get<{ departments: string[] }>('/api/tickets/departments', { signal }),
    select: (data) => data.departments,
    staleTime: 5 * 60_000,
  });
}

export function useTicketUnread(enabled = true) {
  return useQuery({
    queryKey: ticketKeys.unread,
    queryFn: ({ signal }) => api.get<UnreadCount>('/api/tickets/unread-count', { signal }),
    enabled,
  });
}

export type NewTicket = {
  subject: string;
  message: string;
  /** Left out: the first department of the setting. */
  department?: string;
  priority: TicketPriority;
  vpsId?: string;
};

export function useCreateTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ ticket, files }: { ticket: NewTicket; files: File[] }) =>
      api.post<TicketDetail>('/api/tickets', body(ticket, files)),
    onSuccess: (ticket) => {
      queryClient.setQueryData(ticketKeys.detail(ticket.id), ticket);
      void queryClient.invalidateQueries({ queryKey: ['tickets', 'list'] });
    },
  });
}

/** Reply, close and rate: each answers with the ticket (a late reply may answer with a new ticket). */
export function useTicketActions(ticketId: string) {
  const queryClient = useQueryClient();
  const settle = (ticket: TicketDetail) => {
    queryClient.setQueryData(ticketKeys.detail(ticket.id), ticket);
    void queryClient.invalidateQueries({ queryKey: ['tickets', 'list'] });
  };
  return {
    reply: useMutation({
      mutationFn: ({ message, files }: { message: string; files: File[] }) =>
        api.post<TicketDetail>(`/api/tickets/${id(ticketId)}/messages`, body({ message }, files)),
      onSuccess: settle,
    }),
    close: useMutation({
      mutationFn: () => api.post<TicketDetail>(`/api/tickets/${id(ticketId)}/close`),
      onSuccess: settle,
    }),
    rate: useMutation({
      mutationFn: (rating: { rating: number; comment?: string }) =>
        api.post<TicketDetail>(`/api/tickets/${id(ticketId)}/rating`, rating),
      onSuccess: settle,
    }),
  };
}

// ── staff ─────────────────────────────────────────────────────────────────────────────────────────────────────────

export function useAdminTickets(query: AdminTicketQuery) {
  return useQuery({
    queryKey: ticketKeys.adminList(query),
    queryFn: ({ signal }) => api.get<List<AdminTicket>>('/api/admin/tickets', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useAdminTicket(ticketId: string) {
  return useQuery({
    queryKey: ticketKeys.adminDetail(ticketId),
    queryFn: ({ signal }) => api.get<AdminTicketDetail>(`/api/admin/tickets/${id(ticketId)}`, { signal }),
  });
}

export function useAdminTicketUnread(enabled = true) {
  return useQuery({
    queryKey: ticketKeys.adminUnread,
    queryFn: ({ signal }) => api.get<UnreadCount>('/api/admin/tickets/unread-count', { signal }),
    enabled,
  });
}

export function useCannedResponses() {
  return useQuery({
    queryKey: ticketKeys.canned,
    queryFn: ({ signal }) => api.get<CannedResponse[]>('/api/admin/canned-responses', { signal }),
  });
}

export const renderCanned = (cannedId: string, ticketId: string) =>
  api.post<{ body: string }>(`/api/admin/canned-responses/${id(cannedId)}/render`, { ticketId });

export function useStaffTicketActions(ticketId: string) {
  const queryClient = useQueryClient();
  const settle = (ticket: AdminTicketDetail) => {
    queryClient.setQueryData(ticketKeys.adminDetail(ticket.id), ticket);
    void queryClient.invalidateQueries({ queryKey: ['admin', 'tickets', 'list'] });
  };
  return {
    reply: useMutation({
      mutationFn: (input: { message: string; internal: boolean; files: File[] }) =>
        api.post<AdminTicketDetail>(
          `/api/admin/tickets/${id(ticketId)}/messages`,
          body({ message: input.message, internal: input.internal }, input.files),
        ),
      onSuccess: settle,
    }),
    update: useMutation({
      mutationFn: (patch: {
        status?: string;
        priority?: string;
        department?: string;
        assigneeId?: string | null;
      }) => api.patch<AdminTicketDetail>(`/api/admin/tickets/${id(ticketId)}`, patch),
      onSuccess: settle,
    }),
    edit: useMutation({
      mutationFn: ({ messageId, message }: { messageId: string; message: string }) =>
        api.patch<AdminTicketDetail>(`/api/admin/tickets/${id(ticketId)}/messages/${id(messageId)}`, {
          message,
        }),
      onSuccess: settle,
    }),
  };
}

// ── live updates ──────────────────────────────────────────────────────────────────────────────────────────────────

function refresh(queryClient: QueryClient, staff: boolean, ticketId: string) {
  if (staff) {
    void queryClient.invalidateQueries({ queryKey: ticketKeys.adminDetail(ticketId) });
    void queryClient.invalidateQueries({ queryKey: ['admin', 'tickets', 'list'] });
    void queryClient.invalidateQueries({ queryKey: ticketKeys.adminUnread });
  } else {
    void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticketId) });
    void queryClient.invalidateQueries({ queryKey: ['tickets', 'list'] });
    void queryClient.invalidateQueries({ queryKey: ticketKeys.unread });
  }
}

/**
 * Ticket activity over Server-Sent Events (cookie auth). Events carry no text: the affected queries are refetched,
 * so what each side may see is decided by the API as always. Mounted once per shell (panel or admin).
 */
export function useTicketEvents(staff: boolean, enabled = true) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource(staff ? '/api/admin/tickets/events' : '/api/tickets/events', {
      withCredentials: true,
    });
    const onEvent = (message: MessageEvent<string>) => {
      try {
        const event = JSON.parse(message.data) as { ticketId: string };
        refresh(queryClient, staff, event.ticketId);
      } catch {
        // A malformed event is ignored; the next one (or a reload) brings the state.
      }
    };
    source.addEventListener('ticket', onEvent as EventListener);
    return () => source.close();
  }, [queryClient, staff, enabled]);
}
