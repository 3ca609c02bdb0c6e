// Sign-in, registration and password pages (accounts work). Lazy-loaded: each page is its own chunk, and the form
// code they share (react-hook-form, zod) lands in a shared lazy chunk, out of the public bundle.
import type { RouteObject } from 'react-router';

export const authRoutes: RouteObject[] = [
  { path: 'login', lazy: () => import('./LoginPage.tsx').then((m) => ({ Component: m.LoginPage })) },
  { path: 'register', lazy: () => import('./RegisterPage.tsx').then((m) => ({ Component: m.RegisterPage })) },
  {
    path: 'verify-email/:token',
    lazy: () => import('./VerifyEmailPage.tsx').then((m) => ({ Component: m.VerifyEmailPage })),
  },
  {
    path: 'resend-verification',
    lazy: () => import('./ResendVerificationPage.tsx').then((m) => ({ Component: m.ResendVerificationPage })),
  },
  {
    path: 'forgot-password',
    lazy: () => import('./ForgotPasswordPage.tsx').then((m) => ({ Component: m.ForgotPasswordPage })),
  },
  {
    path: 'reset-password/:token',
    lazy: () => import('./ResetPasswordPage.tsx').then((m) => ({ Component: m.ResetPasswordPage })),
  },
];
