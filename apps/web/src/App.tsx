import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router/dom';
import { ApiError } from './api/client.ts';
import { clearSession, isSessionError, sessionKeys } from './api/session.ts';
import { router } from './routes/router.tsx';

/** A request answered "no session" (expired or signed out elsewhere): forget the user; the panel guard redirects. */
function onSessionLost(error: unknown, queryKey?: readonly unknown[]) {
  if (queryKey?.[0] === sessionKeys.me[0] || !isSessionError(error)) return;
  clearSession(queryClient);
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error, query) => onSessionLost(error, query.queryKey) }),
  mutationCache: new MutationCache({ onError: (error) => onSessionLost(error) }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Retry network hiccups and server errors once; a 4xx will not change by retrying.
      retry: (failureCount, error) =>
        failureCount < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
