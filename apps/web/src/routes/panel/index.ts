// Customer panel (/panel/*), lazy-loaded so it never weighs on the public bundle.
// Add entries with `lazy` so Vite splits them into their own chunk, e.g.
//   { path: 'panel', lazy: () => import('./PanelLayout.tsx').then((m) => ({ Component: m.PanelLayout })), children: [...] }
import type { RouteObject } from 'react-router';

export const panelRoutes: RouteObject[] = [];
