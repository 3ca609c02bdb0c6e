// Public pages: part of the main bundle because they are the first thing every visitor loads.
import type { RouteObject } from 'react-router';
import { LandingPage } from './LandingPage.tsx';
import { PricingPage } from './PricingPage.tsx';

export const publicRoutes: RouteObject[] = [
  { index: true, element: <LandingPage /> },
  { path: 'pricing', element: <PricingPage /> },
  { path: 'legal/:doc', lazy: () => import('./LegalPage.tsx').then((m) => ({ Component: m.LegalPage })) },
];
