import { LayoutDashboard, LogOut } from 'lucide-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/session.ts';
import { Button, buttonVariants } from '../ui/Button.tsx';
import { Skeleton } from '../ui/Skeleton.tsx';
import { Avatar, displayName, useSignOut } from './AccountMenu.tsx';
import { Drawer } from './Drawer.tsx';
import { publicNav } from './navigation.ts';

type MobileMenuProps = { open: boolean; onClose: () => void };

/** The public site's menu on small screens: its pages, then the visitor's or the user's account links. */
export function MobileMenu({ open, onClose }: MobileMenuProps) {
  const { t } = useTranslation();
  return (
    <Drawer
      open={open}
      side="right"
      label={t('nav.menuLabel')}
      closeLabel={t('nav.closeMenu')}
      onClose={onClose}
    >
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
    </Drawer>
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
