// The signed-in user, shared by the public header and the panel: `useMe()` answers `null` for a visitor (401)
// instead of failing, so the header can choose between "Iniciar sesión" and the account menu. Kept tiny because it
// ships in the public bundle; the account pages' fetchers live in account.ts (lazy).
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ApiError } from './client.ts';
import { client } from './contract.ts';
import type { User } from './models.ts';

export const sessionKeys = {
  me: ['me'] as const,
};

/** Error codes that mean "this browser has no valid session" (not "wrong password"). */
export function isSessionError(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.status === 401 &&
    (error.code === 'unauthorized' || error.code === 'token_expired' || error.code === 'http_401')
  );
}

export async function fetchMe(signal?: AbortSignal): Promise<User | null> {
  try {
    // `/api/auth/session` answers `{ user: null }` for a visitor: no 401 in the console of every public page.
    const { user } = await client.get('/api/auth/session', { signal });
    return user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: sessionKeys.me, queryFn: ({ signal }) => fetchMe(signal), staleTime: 60_000 });
}

let signedOutOnPurpose = false;

/** True after the user signed out themselves (not an expired session): the panel guard then asks for no `next`. */
export function wasSignedOutOnPurpose(): boolean {
  return signedOutOnPurpose;
}

/** Remembers the user who just signed in (login or second factor). */
export function setSignedIn(queryClient: QueryClient, user: User): void {
  signedOutOnPurpose = false;
  queryClient.setQueryData(sessionKeys.me, user);
}

/** Forgets everything that belonged to the signed-in user (the catalogue stays cached). */
export function clearSession(queryClient: QueryClient, { onPurpose = false } = {}): void {
  if (onPurpose) signedOutOnPurpose = true;
  queryClient.setQueryData(sessionKeys.me, null);
  queryClient.removeQueries({ queryKey: ['account'] });
  queryClient.removeQueries({ queryKey: ['orders'] });
  queryClient.removeQueries({ queryKey: ['payments'] });
  queryClient.removeQueries({ queryKey: ['vps'] });
  queryClient.removeQueries({ queryKey: ['invoices'] });
  queryClient.removeQueries({ queryKey: ['tickets'] });
  queryClient.removeQueries({ queryKey: ['admin'] });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => client.post('/api/auth/logout'),
    // Even if the call fails (session already gone), this browser is signed out.
    onSettled: () => clearSession(queryClient, { onPurpose: true }),
  });
}

/** Saves the UI language in the profile of a signed-in user (fire and forget: the UI has already switched). */
export function saveProfileLanguage(queryClient: QueryClient, language: 'es' | 'en'): void {
  const me = queryClient.getQueryData<User | null>(sessionKeys.me);
  if (!me || me.language === language) return;
  const updated: User = { ...me, language };
  queryClient.setQueryData<User | null>(sessionKeys.me, updated);
  client.patch('/api/account/profile', { body: { language } }).catch(() => {
    // Not critical: the device keeps the choice in localStorage and the cookie.
  });
}
