// Admin area (/admin/*), lazy-loaded so it never weighs on the public bundle.
// Add entries with `lazy` so Vite splits them into their own chunk, e.g.
//   { path: 'admin', lazy: () => import('./AdminLayout.tsx').then((m) => ({ Component: m.AdminLayout })), children: [...] }
import type { RouteObject } from 'react-router';

export const adminRoutes: RouteObject[] = [];
