// Small pieces shared by the shop pages (product, compare, cart, checkout, payment pages). Lazy chunks only.
import { AlertCircle } from 'lucide-react';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/session.ts';
import type { User } from '../../api/models.ts';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../components/ui/Skeleton.tsx';
import type { CartErrorKey, NewKeyError } from './cartRules.ts';

/** Same look as the form fields (components/form/fields.tsx) without pulling the form libraries in. */
export const controlClass =
  'block w-full min-w-0 rounded-lg border border-border bg-card px-3 text-base text-foreground shadow-xs sm:text-sm ' +
  'placeholder:text-muted-foreground/80 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring ' +
  'disabled:cursor-not-allowed disabled:opacity-60 aria-invalid:border-red-600 dark:aria-invalid:border-red-400';

/** The plan's description in the UI language (the API's text is English). */
export function useDiskDescription() {
  const { t } = useTranslation();
  return (diskType: string) =>
    diskType === 'NVMe'
      ? t('plan.descriptions.NVMe')
      : diskType === 'SSD'
        ? t('plan.descriptions.SSD')
        : t('plan.descriptions.other');
}

/**
 * Pages of the public layout that need a session (checkout, payment pages): a visitor goes to sign in and comes
 * back here afterwards.
 */
export function RequireUser({ children }: { children: (user: User) => ReactNode }) {
  const location = useLocation();
  const { data: user, isPending, error, refetch } = useMe();
  if (isPending) {
    return (
      <div aria-busy="true" className="flex flex-col gap-4">
        <Skeleton className="h-9 w-64" />
        <Skeleton className="h-48 w-full rounded-xl" />
      </div>
    );
  }
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!user) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return children(user);
}

/** Page frame of the shop pages: width and vertical rhythm like the pricing page. */
export function ShopPage({ children, narrow = false }: { children: ReactNode; narrow?: boolean }) {
  return (
    <div
      className={
        narrow
          ? 'mx-auto max-w-3xl px-4 py-8 sm:px-6 sm:py-12'
          : 'mx-auto max-w-6xl px-4 py-8 sm:px-6 sm:py-12'
      }
    >
      {children}
    </div>
  );
}

/** An error under a cart field (cart page and checkout review). */
export function FieldMessage({ id, message }: { id?: string; message: CartErrorKey | NewKeyError }) {
  const { t } = useTranslation();
  return (
    <p
      id={id}
      className="flex items-start gap-1.5 text-sm text-red-700 dark:text-red-300"
      data-testid="field-error"
    >
      <AlertCircle aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      {t(message)}
    </p>
  );
}
