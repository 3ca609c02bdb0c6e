// Issue #19: Ajustes → Contabo, Ajustes → Correos, staff members and the notifications bell.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { catalogKeys } from './catalog.ts';
import { api } from './client.ts';

export interface Masked {
  set: boolean;
  last4: string | null;
}
export interface ContaboSettings {
  source: 'env' | 'settings' | 'none';
  mode: 'live' | 'simulated';
  editable: boolean;
  credentials: { clientId: Masked; clientSecret: Masked; apiUser: Masked; apiPassword: Masked };
  authUrl: string;
  apiUrl: string;
  contractPeriod: 1 | 12 | 24;
  syncIntervalMinutes: number;
  rateLimitPerSecond: number;
  cancelAtContabo: boolean;
}
export type ContaboSettingsInput = Partial<
  Omit<ContaboSettings, 'source' | 'mode' | 'editable' | 'credentials'> & {
    clientId: string;
    clientSecret: string;
    apiUser: string;
    apiPassword: string;
  }
>;
export type ContaboTestResult =
  | {
      ok: true;
      total: number;
      instances: { instanceId: number; name: string; displayName: string; status: string; region: string }[];
    }
  | { ok: false; reason: string; message: string };

export interface EmailSources {
  subject: string;
  html: string;
  text: string;
}
export interface EmailTemplate {
  key: string;
  language: 'es' | 'en';
  description: string;
  variables: string[];
  sample: Record<string, string>;
  defaults: EmailSources;
  customised: boolean;
  updatedAt: string | null;
  sources: EmailSources;
}
export interface EmailTemplateItem {
  key: string;
  language: 'es' | 'en';
  description: string;
  customised: boolean;
  subject: string;
}
export interface StaffMember {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'support';
  disabled: boolean;
  twoFactorEnabled: boolean;
  hasLoggedIn: boolean;
  createdAt: string;
}
export interface NotificationItem {
  id: string;
  type: string;
  title: string;
  body: string;
  link: string | null;
  /** Set on coded notifications: the web renders `notices.<type>` with them (title/body are then a fallback). */
  params: Record<string, string | number> | null;
  read: boolean;
  createdAt: string;
}

const keys = {
  contabo: ['admin', 'settings', 'contabo'] as const,
  templates: ['admin', 'email-templates'] as const,
  template: (key: string, language: string) => ['admin', 'email-templates', key, language] as const,
  staff: ['admin', 'staff'] as const,
  notifications: ['notifications'] as const,
};

export function useContaboSettings() {
  return useQuery({
    queryKey: keys.contabo,
    queryFn: ({ signal }) => api.get<ContaboSettings>('/api/admin/settings/contabo', { signal }),
  });
}
export function useUpdateContaboSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ContaboSettingsInput) => api.put<ContaboSettings>('/api/admin/settings/contabo', body),
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.contabo, saved);
      // The demo banner reads /api/site.
      return queryClient.invalidateQueries({ queryKey: catalogKeys.site });
    },
  });
}
export function useTestContabo() {
  return useMutation({
    mutationFn: (body: ContaboSettingsInput) =>
      api.post<ContaboTestResult>('/api/admin/settings/contabo/test', body),
  });
}

export function useEmailTemplates() {
  return useQuery({
    queryKey: keys.templates,
    queryFn: ({ signal }) =>
      api.get<{ items: EmailTemplateItem[] }>('/api/admin/email-templates', { signal }),
  });
}
export function useEmailTemplate(key: string | null, language: string) {
  return useQuery({
    queryKey: keys.template(key ?? '', language),
    enabled: Boolean(key),
    queryFn: ({ signal }) =>
      api.get<EmailTemplate>(`/api/admin/email-templates/${key}/${language}`, { signal }),
  });
}
export function useSaveEmailTemplate(key: string, language: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: EmailSources | null) =>
      body
        ? api.put<EmailTemplate>(`/api/admin/email-templates/${key}/${language}`, body)
        : api.delete<EmailTemplate>(`/api/admin/email-templates/${key}/${language}`),
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.template(key, language), saved);
      return queryClient.invalidateQueries({ queryKey: keys.templates, exact: true });
    },
  });
}
export function usePreviewEmailTemplate(key: string) {
  return useMutation({
    mutationFn: (body: Partial<EmailSources> & { language: string }) =>
      api.post<EmailSources>(`/api/admin/email-templates/${key}/preview`, body),
  });
}
export function useSendTestEmail(key: string) {
  return useMutation({
    mutationFn: (language: string) =>
      api.post<{ sentTo: string }>(`/api/admin/email-templates/${key}/test`, { language }),
  });
}

export function useStaff() {
  return useQuery({
    queryKey: keys.staff,
    queryFn: ({ signal }) =>
      api.get<{ items: StaffMember[]; permissions: string[]; roles: Record<string, string[]> }>(
        '/api/admin/staff',
        { signal },
      ),
  });
}
export function useInviteStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; role: 'admin' | 'support'; firstName?: string; language?: string }) =>
      api.post<StaffMember>('/api/admin/staff', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.staff }),
  });
}
export function useUpdateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; role?: 'admin' | 'support'; disabled?: boolean }) =>
      api.patch<StaffMember>(`/api/admin/staff/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.staff }),
  });
}

const staffSecurityKey = ['admin', 'staff', 'security'] as const;
export function useStaffSecurity() {
  return useQuery({
    queryKey: staffSecurityKey,
    queryFn: ({ signal }) => api.get<{ requireTwoFactor: boolean }>('/api/admin/staff/security', { signal }),
  });
}
export function useUpdateStaffSecurity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { requireTwoFactor: boolean }) =>
      api.put<{ requireTwoFactor: boolean }>('/api/admin/staff/security', body),
    onSuccess: (saved) => queryClient.setQueryData(staffSecurityKey, saved),
  });
}

export function useNotifications(enabled: boolean) {
  return useQuery({
    queryKey: keys.notifications,
    enabled,
    queryFn: ({ signal }) =>
      api.get<{ unread: number; items: NotificationItem[] }>('/api/notifications', { signal }),
    refetchInterval: 60_000,
  });
}
export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string | null) =>
      api.post<{ unread: number }>(id ? `/api/notifications/${id}/read` : '/api/notifications/read-all'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.notifications }),
  });
}
