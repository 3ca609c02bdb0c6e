// The signed-in user's account: profile, password, SSH keys, two-factor authentication and sessions.
// Used only by the lazy panel pages. Every key starts with 'account' so signing out can drop them all.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client } from './contract.ts';
import { sessionKeys } from './session.ts';
import type { ProfileUpdate, SshKey, User } from './models.ts';

export const accountKeys = {
  all: ['account'] as const,
  sshKeys: ['account', 'ssh-keys'] as const,
  sessions: ['account', 'sessions'] as const,
};

type Items<T> = { items: T[] };

export const updateProfile = (body: ProfileUpdate) => client.patch('/api/account/profile', { body });
export const changePassword = (body: { currentPassword: string; newPassword: string }) =>
  client.post('/api/account/change-password', { body });

export const fetchSshKeys = (signal?: AbortSignal) => client.get('/api/account/ssh-keys', { signal });
export const addSshKey = (body: { name: string; publicKey: string }) =>
  client.post('/api/account/ssh-keys', { body });
export const deleteSshKey = (id: string) => client.delete('/api/account/ssh-keys/{id}', { params: { id } });

export const setupTwoFactor = (password: string) =>
  client.post('/api/account/2fa/setup', { body: { password } });
export const enableTwoFactor = (code: string) => client.post('/api/account/2fa/enable', { body: { code } });
export const disableTwoFactor = (body: { password: string; code: string }) =>
  client.post('/api/account/2fa/disable', { body });
export const regenerateRecoveryCodes = (password: string) =>
  client.post('/api/account/2fa/recovery-codes', { body: { password } });

export const fetchSessions = (signal?: AbortSignal) => client.get('/api/account/sessions', { signal });
export const revokeSession = (id: string) => client.delete('/api/account/sessions/{id}', { params: { id } });

/** Keeps the cached user in step after a change that the server answered with the new user (or not). */
function useUserUpdated() {
  const queryClient = useQueryClient();
  return (user?: User) => {
    if (user) queryClient.setQueryData(sessionKeys.me, user);
    return queryClient.invalidateQueries({ queryKey: sessionKeys.me });
  };
}

export function useUpdateProfile() {
  const userUpdated = useUserUpdated();
  return useMutation({
    mutationFn: updateProfile,
    onSuccess: (data) => userUpdated(data?.user),
  });
}

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}

export function useSshKeys() {
  return useQuery({ queryKey: accountKeys.sshKeys, queryFn: ({ signal }) => fetchSshKeys(signal) });
}

export function useAddSshKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addSshKey,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.sshKeys }),
  });
}

export function useDeleteSshKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteSshKey,
    onSuccess: (_data, id) => {
      queryClient.setQueryData<Items<SshKey>>(accountKeys.sshKeys, (old) =>
        old ? { ...old, items: old.items.filter((key) => key.id !== id) } : old,
      );
      return queryClient.invalidateQueries({ queryKey: accountKeys.sshKeys });
    },
  });
}

export function useSetupTwoFactor() {
  return useMutation({ mutationFn: setupTwoFactor });
}

export function useEnableTwoFactor() {
  const userUpdated = useUserUpdated();
  return useMutation({ mutationFn: enableTwoFactor, onSuccess: () => userUpdated() });
}

export function useDisableTwoFactor() {
  const userUpdated = useUserUpdated();
  return useMutation({ mutationFn: disableTwoFactor, onSuccess: () => userUpdated() });
}

export function useRegenerateRecoveryCodes() {
  return useMutation({ mutationFn: regenerateRecoveryCodes });
}

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeSession,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.sessions }),
  });
}

export function useSessions() {
  return useQuery({ queryKey: accountKeys.sessions, queryFn: ({ signal }) => fetchSessions(signal) });
}
