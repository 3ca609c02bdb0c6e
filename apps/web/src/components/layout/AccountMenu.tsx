import { ChevronDown, LayoutDashboard, LogOut, ShieldCheck } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLogout, useMe } from '../../api/session.ts';
import type { User } from '../../api/models.ts';
import { cn } from '../../lib/cn.ts';
import { Button, buttonVariants } from '../ui/Button.tsx';
import { Skeleton } from '../ui/Skeleton.tsx';

export function displayName(user: Pick<User, 'firstName' | 'lastName' | 'email'>): string {
  return `${user.firstName} ${user.lastName}`.trim() || user.email;
}

export function initials(user: Pick<User, 'firstName' | 'lastName' | 'email'>): string {
  const letters = `${user.firstName.charAt(0)}${user.lastName.charAt(0)}`.trim();
  return (letters || user.email.charAt(0)).toUpperCase();
}

export function Avatar({ user, className }: { user: User; className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cn(
        'flex size-8 shrink-0 items-center justify-center rounded-full bg-accent text-xs font-semibold text-accent-foreground',
        className,
      )}
    >
      {initials(user)}
    </span>
  );
}

/** Signs out and leaves the page for the sign-in screen when asked to. */
export function useSignOut() {
  const logout = useLogout();
  const navigate = useNavigate();
  return {
    pending: logout.isPending,
    signOut: (redirectTo?: string) =>
      logout.mutate(undefined, {
        onSettled: () => {
          if (redirectTo) void navigate(redirectTo, { replace: true });
        },
      }),
  };
}

/**
 * Header slot for the session: sign-in / create-account links for visitors, an account menu (name, "Mi panel",
 * "Cerrar sesión") for a signed-in user. The menu is a disclosure: a button that shows a short list of links.
 */
export function AccountMenu({ signOutTo }: { signOutTo?: string }) {
  const { t } = useTranslation();
  const { data: user, isPending } = useMe();
  const { signOut, pending } = useSignOut();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (isPending) return <Skeleton className="h-10 w-40" />;

  if (!user) {
    return (
      <>
        <Link to="/login" className={buttonVariants({ variant: 'ghost', size: 'sm' })}>
          {t('nav.login')}
        </Link>
        <Link to="/register" className={buttonVariants({ variant: 'primary', size: 'sm' })}>
          {t('nav.register')}
        </Link>
      </>
    );
  }

  const name = displayName(user);
  return (
    <div
      ref={rootRef}
      className="relative"
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <Button
        ref={buttonRef}
        variant="ghost"
        size="sm"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={t('account.menu.label', { name })}
        onClick={() => setOpen((value) => !value)}
        className="max-w-56 gap-2 px-2"
      >
        <Avatar user={user} className="size-7" />
        <span className="truncate max-sm:hidden">{user.firstName || name}</span>
        <ChevronDown aria-hidden="true" className={cn('transition-transform', open && 'rotate-180')} />
      </Button>
      <div
        id={menuId}
        hidden={!open}
        className="absolute right-0 z-40 mt-2 w-64 rounded-xl border border-border bg-card p-1.5 text-foreground shadow-lg"
      >
        <div className="border-b border-border px-3 pt-1.5 pb-2.5">
          <p className="truncate text-sm font-semibold">{name}</p>
          <p className="truncate text-xs text-muted-foreground">{user.email}</p>
        </div>
        <ul className="flex flex-col pt-1.5">
          <li>
            <Link
              to="/panel"
              onClick={() => setOpen(false)}
              className={buttonVariants({ variant: 'ghost', size: 'sm', className: 'w-full justify-start' })}
            >
              <LayoutDashboard aria-hidden="true" />
              {t('account.menu.panel')}
            </Link>
          </li>
          {user.role === 'admin' && (
            <li>
              <Link
                to="/admin"
                onClick={() => setOpen(false)}
                className={buttonVariants({
                  variant: 'ghost',
                  size: 'sm',
                  className: 'w-full justify-start',
                })}
              >
                <ShieldCheck aria-hidden="true" />
                {t('account.menu.admin')}
              </Link>
            </li>
          )}
          <li>
            <Button
              variant="ghost"
              size="sm"
              className="w-full justify-start"
              disabled={pending}
              onClick={() => {
                setOpen(false);
                signOut(signOutTo);
              }}
            >
              <LogOut aria-hidden="true" />
              {t('account.menu.signOut')}
            </Button>
          </li>
        </ul>
      </div>
    </div>
  );
}
