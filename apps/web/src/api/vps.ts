// The signed-in customer's servers: fetchers, TanStack Query hooks and the live event stream. Used only by lazy
// panel pages; every key starts with 'vps' so signing out drops them all.
import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { client } from './contract.ts';
import type { List, SnapshotList, Vps, VpsActionResponse } from './models.ts';

export const vpsKeys = {
  all: ['vps'] as const,
  list: (query: { page?: number; pageSize?: number } = {}) => ['vps', 'list', query] as const,
  lists: ['vps', 'list'] as const,
  detail: (id: string) => ['vps', 'detail', id] as const,
  snapshots: (id: string) => ['vps', 'snapshots', id] as const,
  actions: (id: string) => ['vps', 'actions', id] as const,
  history: (id: string) => ['vps', 'history', id] as const,
};

/** Power actions that take no body. */
export type PowerAction = 'start' | 'stop' | 'restart' | 'shutdown';
export type ResetPasswordBody = { rootPassword: string } | { generate: true };
export type RescueBody = { rootPassword?: string; sshKeyIds?: string[] };

export const fetchServers = (query: { page?: number; pageSize?: number }, signal?: AbortSignal) =>
  client.get('/api/vps', { query, signal });
export const fetchServer = (vpsId: string, signal?: AbortSignal) =>
  client.get('/api/vps/{id}', { params: { id: vpsId }, signal });
export const powerAction = (vpsId: string, action: PowerAction) =>
  client.post(`/api/vps/{id}/${action}`, { params: { id: vpsId } });
export const startRescue = (vpsId: string, body: RescueBody) =>
  client.post('/api/vps/{id}/rescue', { params: { id: vpsId }, body });
/** Answers `{ action, generatedPassword }`; flattened here like the other actions. */
export const resetPassword = (vpsId: string, body: ResetPasswordBody): Promise<VpsActionResponse> =>
  client
    .post('/api/vps/{id}/reset-password', { params: { id: vpsId }, body })
    .then(({ action, generatedPassword }) => ({
      ...action,
      ...(generatedPassword ? { generatedPassword } : {}),
    }));
export const renameServer = (vpsId: string, displayName: string) =>
  client.patch('/api/vps/{id}', { params: { id: vpsId }, body: { displayName } });
export const fetchCredentials = (vpsId: string, password: string) =>
  client.post('/api/vps/{id}/credentials', { params: { id: vpsId }, body: { password } });

export const fetchSnapshots = (vpsId: string, signal?: AbortSignal) =>
  client.get('/api/vps/{id}/snapshots', { params: { id: vpsId }, signal });
/** Contabo takes the snapshot within the request; the answer is the (completed) action. */
export const createSnapshot = (vpsId: string, body: { name: string; description?: string }) =>
  client.post('/api/vps/{id}/snapshots', { params: { id: vpsId }, body });
export const restoreSnapshot = (vpsId: string, snapshotId: string) =>
  client.post('/api/vps/{id}/snapshots/{snapId}/restore', { params: { id: vpsId, snapId: snapshotId } });
export const deleteSnapshot = (vpsId: string, snapshotId: string) =>
  client.delete('/api/vps/{id}/snapshots/{snapId}', { params: { id: vpsId, snapId: snapshotId } });

export const fetchActions = (vpsId: string, signal?: AbortSignal) =>
  client.get('/api/vps/{id}/actions', { params: { id: vpsId }, signal });
export const fetchHistory = (vpsId: string, signal?: AbortSignal) =>
  client.get('/api/vps/{id}/history', { params: { id: vpsId }, signal });

export function useServers(query: { page?: number; pageSize?: number } = {}) {
  return useQuery({
    queryKey: vpsKeys.list(query),
    queryFn: ({ signal }) => fetchServers(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useServer(vpsId: string) {
  return useQuery({
    queryKey: vpsKeys.detail(vpsId),
    queryFn: ({ signal }) => fetchServer(vpsId, signal),
    // The event stream keeps it current; this slow poll only covers a dropped stream while an action runs.
    refetchInterval: (query) => (query.state.data?.actionInFlight ? 15_000 : false),
  });
}

export function useSnapshots(vpsId: string) {
  return useQuery({
    queryKey: vpsKeys.snapshots(vpsId),
    queryFn: ({ signal }) => fetchSnapshots(vpsId, signal),
  });
}

export function useActions(vpsId: string) {
  return useQuery({ queryKey: vpsKeys.actions(vpsId), queryFn: ({ signal }) => fetchActions(vpsId, signal) });
}

export function useStatusHistory(vpsId: string) {
  return useQuery({ queryKey: vpsKeys.history(vpsId), queryFn: ({ signal }) => fetchHistory(vpsId, signal) });
}

/** Actions whose end the event stream already reported (the 202 answer can arrive after the event). */
export const finishedActions = new Set<string>();

/** Writes a change into the cached server, in its detail and in every cached list. */
export function patchServer(queryClient: QueryClient, vpsId: string, patch: (vps: Vps) => Vps): void {
  queryClient.setQueryData<Vps>(vpsKeys.detail(vpsId), (vps) => (vps ? patch(vps) : vps));
  queryClient.setQueriesData<List<Vps>>({ queryKey: vpsKeys.lists }, (list) =>
    list ? { ...list, items: list.items.map((vps) => (vps.id === vpsId ? patch(vps) : vps)) } : list,
  );
}

/** Refetches what an action may have changed (state, actions, history, snapshots). */
export function refreshServer(queryClient: QueryClient, vpsId: string): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: vpsKeys.detail(vpsId) }),
    queryClient.invalidateQueries({ queryKey: vpsKeys.lists }),
    queryClient.invalidateQueries({ queryKey: vpsKeys.actions(vpsId) }),
    queryClient.invalidateQueries({ queryKey: vpsKeys.history(vpsId) }),
  ]);
}

export type ServerActionRequest =
  | { type: PowerAction }
  | { type: 'rescue'; body: RescueBody }
  | { type: 'reset_password'; body: ResetPasswordBody }
  | { type: 'restore'; snapshotId: string };

function runAction(vpsId: string, request: ServerActionRequest): Promise<VpsActionResponse> {
  switch (request.type) {
    case 'rescue':
      return startRescue(vpsId, request.body);
    case 'reset_password':
      return resetPassword(vpsId, request.body);
    case 'restore':
      return restoreSnapshot(vpsId, request.snapshotId);
    default:
      return powerAction(vpsId, request.type);
  }
}

/** Starts an action; the server answers 202 with it, and the event stream reports how it ends. */
export function useServerAction(vpsId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ServerActionRequest) => runAction(vpsId, request),
    onSuccess: (action) => {
      const { generatedPassword: _secret, ...inFlight } = action;
      void _secret;
      if (!finishedActions.has(inFlight.id))
        patchServer(queryClient, vpsId, (vps) => ({ ...vps, actionInFlight: inFlight }));
      void queryClient.invalidateQueries({ queryKey: vpsKeys.actions(vpsId) });
    },
    onError: () => refreshServer(queryClient, vpsId),
  });
}

export function useRenameServer(vpsId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (displayName: string) => renameServer(vpsId, displayName),
    onSuccess: (vps) => {
      patchServer(queryClient, vpsId, (old) => ({ ...old, displayName: vps.displayName }));
    },
  });
}

export function useCredentials(vpsId: string) {
  return useMutation({ mutationFn: (password: string) => fetchCredentials(vpsId, password) });
}

export function useCreateSnapshot(vpsId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; description?: string }) => createSnapshot(vpsId, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: vpsKeys.snapshots(vpsId) }),
  });
}

export function useDeleteSnapshot(vpsId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (snapshotId: string) => deleteSnapshot(vpsId, snapshotId),
    onSuccess: (_data, snapshotId) =>
      queryClient.setQueryData<SnapshotList>(vpsKeys.snapshots(vpsId), (list) =>
        list
          ? {
              ...list,
              items: list.items.filter((s) => s.id !== snapshotId),
              total: Math.max(0, list.total - 1),
            }
          : list,
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: vpsKeys.snapshots(vpsId) }),
  });
}
