// The route tree. Public pages render inside PublicLayout; the auth, panel and admin areas plug in their own
// lazily loaded route lists (see routes/<area>/index.ts), so their code stays out of the public bundle.
import { createBrowserRouter, type RouteObject } from 'react-router';
import { PublicLayout } from '../components/layout/PublicLayout.tsx';
import { adminRoutes } from './admin/index.ts';
import { authRoutes } from './auth/index.ts';
import { panelRoutes } from './panel/index.ts';
import { publicRoutes } from './public/index.tsx';
import { NotFoundPage } from './public/NotFoundPage.tsx';
import { RouteErrorPage } from './RouteErrorPage.tsx';
import { shopRoutes } from './shop/index.ts';

export const routes: RouteObject[] = [
  {
    element: <PublicLayout />,
    children: [
      {
        errorElement: <RouteErrorPage />,
        children: [...publicRoutes, ...shopRoutes, ...authRoutes, { path: '*', element: <NotFoundPage /> }],
      },
    ],
  },
  // Panel and admin bring their own layout (sidebar shell), so they sit beside the public layout.
  ...panelRoutes,
  ...adminRoutes,
];

export const router = createBrowserRouter(routes);
