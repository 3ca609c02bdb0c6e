// The signed-in shell shared by the customer panel and the administration: top bar, sidebar on ≥ md, drawer on
// phones, and the toasts. Each area passes its own navigation and is its own guard.
import { ExternalLink, type LucideIcon } from 'lucide-react';
import { NotificationsBell } from './NotificationsBell.tsx';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, ScrollRestoration } from 'react-router';
import { cn } from '../../lib/cn.ts';
import { buttonVariants } from '../ui/Button.tsx';
import { Skeleton } from '../ui/Skeleton.tsx';
import { Toaster } from '../ui/Toast.tsx';
import { AccountMenu } from './AccountMenu.tsx';
import { CartLink } from './CartLink.tsx';
import { DemoBanner } from './DemoBanner.tsx';
import { SkipLink } from './SkipLink.tsx';
import { Drawer } from './Drawer.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Logo } from './Logo.tsx';
import { MenuButton } from './MenuButton.tsx';
import { ThemeSwitch } from './ThemeSwitch.tsx';

export type ShellNavItem = {
  to: string;
  label: string;
  icon: LucideIcon;
  /** Active only on the exact path (the area's home would otherwise match every page). */
  end?: boolean;
  /** Shown after the label, e.g. a count (it must carry its own accessible text). */
  badge?: ReactNode;
};

type AppShellProps = {
  navLabel: string;
  items: ShellNavItem[];
  /** Shown above the navigation (e.g. "Administración"). */
  areaLabel?: string;
  /** The cart link makes sense in the customer panel only. */
  showCart?: boolean;
  children: ReactNode;
};

export function AppShell({ navLabel, items, areaLabel, showCart = true, children }: AppShellProps) {
  const { t } = useTranslation();
  const [menuOpen, setMenuOpen] = useState(false);
  const nav = (onNavigate?: () => void) => (
    <ShellNav label={navLabel} items={items} areaLabel={areaLabel} onNavigate={onNavigate} />
  );

  return (
    <div className="flex min-h-dvh flex-col">
      <SkipLink />
      <DemoBanner />
      <header className="sticky top-0 z-30 border-b border-border bg-background/90 backdrop-blur supports-[backdrop-filter]:bg-background/75">
        <div className="flex h-16 items-center gap-2 px-4 sm:px-6">
          <MenuButton
            label={t('panel.openMenu')}
            open={menuOpen}
            onOpen={() => setMenuOpen(true)}
            className="-ml-2"
          />
          <Logo />
          <div className="ml-auto flex items-center gap-1 lg:gap-2">
            <div className="hidden items-center gap-1 md:flex lg:gap-2">
              <LanguageSwitch />
              <ThemeSwitch />
            </div>
            {showCart && <CartLink />}
            <NotificationsBell />
            <AccountMenu signOutTo="/login" />
          </div>
        </div>
      </header>
      <div className="flex flex-1">
        <aside className="hidden w-60 shrink-0 border-r border-border bg-card md:block">
          <div className="sticky top-16 p-3">{nav()}</div>
        </aside>
        <main id="contenido" tabIndex={-1} className="min-w-0 flex-1 outline-none">
          <div className="mx-auto w-full max-w-5xl px-4 py-6 sm:px-6 lg:px-10 lg:py-8">{children}</div>
        </main>
      </div>
      <Drawer
        open={menuOpen}
        side="left"
        label={navLabel}
        closeLabel={t('panel.closeMenu')}
        onClose={() => setMenuOpen(false)}
      >
        {nav(() => setMenuOpen(false))}
      </Drawer>
      <Toaster />
      <ScrollRestoration />
    </div>
  );
}

function ShellNav({
  label,
  items,
  areaLabel,
  onNavigate,
}: {
  label: string;
  items: ShellNavItem[];
  areaLabel?: string | undefined;
  onNavigate?: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  return (
    <nav aria-label={label} className="flex flex-col gap-4">
      {areaLabel && (
        <p className="px-4 pt-1 text-xs font-semibold tracking-wide text-muted-foreground uppercase">
          {areaLabel}
        </p>
      )}
      <ul className="flex flex-col gap-1">
        {items.map(({ to, label: itemLabel, icon: Icon, end, badge }) => (
          <li key={to}>
            <NavLink
              to={to}
              end={end}
              onClick={onNavigate}
              className={({ isActive }) =>
                cn(
                  buttonVariants({ variant: 'ghost', size: 'md', className: 'w-full justify-start gap-3' }),
                  isActive && 'bg-accent text-accent-foreground hover:bg-accent',
                )
              }
            >
              <Icon aria-hidden="true" className="size-5!" />
              <span className="min-w-0 flex-1 text-left leading-tight whitespace-normal">{itemLabel}</span>
              {badge}
            </NavLink>
          </li>
        ))}
      </ul>
      <Link
        to="/"
        onClick={onNavigate}
        className={buttonVariants({
          variant: 'ghost',
          size: 'sm',
          className: 'justify-start gap-3 text-muted-foreground',
        })}
      >
        <ExternalLink aria-hidden="true" />
        {t('panel.backToSite')}
      </Link>
    </nav>
  );
}

export function ShellSkeleton({ label }: { label: string }) {
  return (
    <div aria-busy="true" className="flex flex-col gap-6">
      <span className="sr-only" role="status">
        {label}
      </span>
      <Skeleton className="h-9 w-64" />
      <Skeleton className="h-5 w-96 max-w-full" />
      <Skeleton className="h-40 w-full rounded-xl" />
      <Skeleton className="h-40 w-full rounded-xl" />
    </div>
  );
}
