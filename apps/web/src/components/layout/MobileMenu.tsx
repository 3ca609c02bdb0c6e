import { LayoutDashboard, LogOut, X } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/session.ts';
import { Button, buttonVariants } from '../ui/Button.tsx';
import { Skeleton } from '../ui/Skeleton.tsx';
import { Avatar, displayName, useSignOut } from './AccountMenu.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Logo } from './Logo.tsx';
import { publicNav } from './navigation.ts';
import { ThemeSwitch } from './ThemeSwitch.tsx';

type MobileMenuProps = { open: boolean; onClose: () => void };

/**
 * Side drawer for small screens. A modal <dialog> gives focus trapping, Escape to close and an inert page behind it
 * without extra dependencies.
 */
export function MobileMenu({ open, onClose }: MobileMenuProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-label={t('nav.menuLabel')}
      onClose={onClose}
      onClick={(event) => {
        // A click on the backdrop lands on the <dialog> itself.
        if (event.target === event.currentTarget) onClose();
      }}
      className="m-0 ml-auto h-dvh max-h-none border-l border-border w-[min(20rem,85vw)] max-w-none bg-background p-0 text-foreground shadow-xl backdrop:bg-black/50 md:hidden"
    >
      <div className="flex h-full flex-col gap-6 p-4">
        <div className="flex items-center justify-between">
          <Logo onClick={onClose} />
          <Button variant="ghost" size="icon" aria-label={t('nav.closeMenu')} onClick={onClose}>
            <X aria-hidden="true" className="size-5!" />
          </Button>
        </div>
        <nav aria-label={t('nav.mainLabel')}>
          <ul className="flex flex-col gap-1">
            {publicNav.map((item) => (
              <li key={item.to}>
                <Link
                  to={item.to}
                  onClick={onClose}
                  className={buttonVariants({
                    variant: 'ghost',
                    size: 'md',
                    className: 'w-full justify-start text-base',
                  })}
                >
                  {t(item.labelKey)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <MobileAccountLinks onNavigate={onClose} />
        <div className="mt-auto flex items-center justify-between gap-2 border-t border-border pt-4">
          <LanguageSwitch />
          <ThemeSwitch withLabel />
        </div>
      </div>
    </dialog>
  );
}

/** Visitors get "Crear cuenta" / "Iniciar sesión"; a signed-in user gets their name, "Mi panel" and "Cerrar sesión". */
function MobileAccountLinks({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const { data: user, isPending } = useMe();
  const { signOut, pending } = useSignOut();
  if (isPending) return <Skeleton className="h-24 w-full" />;
  if (!user) {
    return (
      <div className="flex flex-col gap-2">
        <Link
          to="/register"
          onClick={onNavigate}
          className={buttonVariants({ variant: 'primary', size: 'md' })}
        >
          {t('nav.register')}
        </Link>
        <Link to="/login" onClick={onNavigate} className={buttonVariants({ variant: 'outline', size: 'md' })}>
          {t('nav.login')}
        </Link>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-2 border-t border-border pt-4">
      <div className="flex items-center gap-3 px-1 pb-1">
        <Avatar user={user} />
        <div className="min-w-0">
          <p className="truncate text-sm font-semibold">{displayName(user)}</p>
          <p className="truncate text-xs text-muted-foreground">{user.email}</p>
        </div>
      </div>
      <Link to="/panel" onClick={onNavigate} className={buttonVariants({ variant: 'primary', size: 'md' })}>
        <LayoutDashboard aria-hidden="true" />
        {t('account.menu.panel')}
      </Link>
      <Button
        variant="outline"
        disabled={pending}
        onClick={() => {
          onNavigate();
          signOut();
        }}
      >
        <LogOut aria-hidden="true" />
        {t('account.menu.signOut')}
      </Button>
    </div>
  );
}
