// Sign-in, registration and password pages (accounts work). Lazy-loaded: keep them out of the public bundle.
// Add entries with `lazy` so Vite splits them into their own chunk, e.g.
//   { path: 'login', lazy: () => import('./LoginPage.tsx').then((m) => ({ Component: m.LoginPage })) }
import type { RouteObject } from 'react-router';

export const authRoutes: RouteObject[] = [];
