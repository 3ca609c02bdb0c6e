// The server page's console, reverse DNS, firewall and reinstall: types, fetchers and TanStack Query hooks. Keys
// start with 'vps' so signing out drops them with the rest of the panel's data.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { refreshServer, vpsKeys } from './vps.ts';
import type { VpsAction } from './models.ts';

const id = (value: string) => encodeURIComponent(value);

export const serverPageKeys = {
  rdns: (vpsId: string) => ['vps', 'rdns', vpsId] as const,
  firewall: (vpsId: string) => ['vps', 'firewall', vpsId] as const,
  images: ['vps', 'images'] as const,
};

export type RdnsRecord = { ip: string; version: 4 | 6; ptr: string | null };
export type FirewallProtocol = 'tcp' | 'udp' | 'icmp' | 'any';
export type FirewallRule = {
  direction: 'inbound';
  protocol: FirewallProtocol;
  ports: string[];
  sources: string[];
  description: string | null;
};
export type FirewallPreset = 'ssh' | 'web' | 'rdp';
export type Firewall = {
  preset: FirewallPreset | null;
  enabled: boolean;
  rules: FirewallRule[];
  createdAt: string;
  updatedAt: string;
};
export type FirewallInput = {
  preset?: FirewallPreset;
  rules?: Array<Omit<FirewallRule, 'direction' | 'description'> & { description?: string | null }>;
  enabled?: boolean;
};
export type OsImage = { id: string; name: string; osType: string; version: string; description: string };
export type ReinstallBody = {
  imageId: string;
  sshKeyIds?: string[];
  rootPassword?: string;
  generate?: true;
  userData?: string;
  confirm: string;
  password: string;
};
export type ConsoleTicket = { ticket: string; expiresAt: string };
export type VncAccess = { host: string; port: number; password: string | null };

export const fetchRdns = (vpsId: string, signal?: AbortSignal) =>
  api.get<{ items: RdnsRecord[] }>(`/api/vps/${id(vpsId)}/rdns`, { signal });
export const updateRdns = (vpsId: string, ip: string, ptr: string) =>
  api.put<RdnsRecord>(`/api/vps/${id(vpsId)}/rdns/${id(ip)}`, { ptr });
export const fetchFirewall = (vpsId: string, signal?: AbortSignal) =>
  api.get<{ firewall: Firewall | null }>(`/api/vps/${id(vpsId)}/firewall`, { signal });
export const fetchImages = (signal?: AbortSignal) => api.get<{ items: OsImage[] }>('/api/images', { signal });
export const reinstallServer = (vpsId: string, body: ReinstallBody) =>
  api.post<{ action: VpsAction; generatedPassword: string | null }>(`/api/vps/${id(vpsId)}/reinstall`, body);
export const openConsoleTicket = (vpsId: string) => api.post<ConsoleTicket>(`/api/vps/${id(vpsId)}/console`);
export const fetchVncAccess = (vpsId: string, password: string) =>
  api.post<VncAccess>(`/api/vps/${id(vpsId)}/vnc`, { password });

/** The WebSocket URL of a console ticket, on this origin. */
export function consoleSocketUrl(vpsId: string, ticket: string): string {
  const { protocol, host } = window.location;
  const scheme = protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${host}/api/vps/${id(vpsId)}/console/ws?ticket=${encodeURIComponent(ticket)}`;
}

export function useRdns(vpsId: string) {
  return useQuery({
    queryKey: serverPageKeys.rdns(vpsId),
    queryFn: ({ signal }) => fetchRdns(vpsId, signal),
  });
}

export function useUpdateRdns(vpsId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ ip, ptr }: { ip: string; ptr: string }) => updateRdns(vpsId, ip, ptr),
    onSuccess: (record) =>
      queryClient.setQueryData<{ items: RdnsRecord[] }>(serverPageKeys.rdns(vpsId), (old) =>
        old ? { items: old.items.map((r) => (r.ip === record.ip ? record : r)) } : old,
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: vpsKeys.actions(vpsId) }),
  });
}

export function useFirewall(vpsId: string) {
  return useQuery({
    queryKey: serverPageKeys.firewall(vpsId),
    queryFn: ({ signal }) => fetchFirewall(vpsId, signal),
  });
}

/** Create (POST), change (PUT) or remove (DELETE) the server's firewall. */
export function useFirewallMutation(vpsId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (
      request: { kind: 'create' | 'update'; body: FirewallInput } | { kind: 'remove' },
    ): Promise<{ firewall: Firewall | null }> => {
      const url = `/api/vps/${id(vpsId)}/firewall`;
      if (request.kind === 'remove') return api.delete<unknown>(url).then(() => ({ firewall: null }));
      return request.kind === 'create'
        ? api.post<{ firewall: Firewall | null }>(url, request.body)
        : api.put<{ firewall: Firewall | null }>(url, request.body);
    },
    onSuccess: (view) => queryClient.setQueryData(serverPageKeys.firewall(vpsId), view),
    onSettled: () => queryClient.invalidateQueries({ queryKey: vpsKeys.actions(vpsId) }),
  });
}

export function useImages() {
  return useQuery({ queryKey: serverPageKeys.images, queryFn: ({ signal }) => fetchImages(signal) });
}

export function useReinstall(vpsId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReinstallBody) => reinstallServer(vpsId, body),
    onSettled: () => refreshServer(queryClient, vpsId),
  });
}

export function useVncAccess(vpsId: string) {
  return useMutation({ mutationFn: (password: string) => fetchVncAccess(vpsId, password) });
}
