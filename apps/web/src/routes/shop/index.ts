// Shop pages: plan page, comparison, cart, checkout and the payment pages. They render inside the public layout
// but are lazy-loaded, each its own chunk, so the public bundle stays small (the cart store and the header's cart
// icon are the only shop code in it).
import type { RouteObject } from 'react-router';

export const shopRoutes: RouteObject[] = [
  { path: 'plans/:id', lazy: () => import('./ProductPage.tsx').then((m) => ({ Component: m.ProductPage })) },
  { path: 'compare', lazy: () => import('./ComparePage.tsx').then((m) => ({ Component: m.ComparePage })) },
  { path: 'cart', lazy: () => import('./CartPage.tsx').then((m) => ({ Component: m.CartPage })) },
  { path: 'checkout', lazy: () => import('./CheckoutPage.tsx').then((m) => ({ Component: m.CheckoutPage })) },
  {
    path: 'pay/sandbox/:paymentId',
    lazy: () => import('./SandboxPaymentPage.tsx').then((m) => ({ Component: m.SandboxPaymentPage })),
  },
  {
    path: 'payments/:paymentId/return',
    lazy: () => import('./PaymentPages.tsx').then((m) => ({ Component: m.PaymentReturnPage })),
  },
  {
    path: 'payments/:paymentId',
    lazy: () => import('./PaymentPages.tsx').then((m) => ({ Component: m.PaymentPage })),
  },
];
