import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { buttonVariants } from '../ui/Button.tsx';
import { AccountMenu } from './AccountMenu.tsx';
import { CartLink } from './CartLink.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Logo } from './Logo.tsx';
import { MenuButton } from './MenuButton.tsx';
import { MobileMenu } from './MobileMenu.tsx';
import { publicNav } from './navigation.ts';
import { ThemeSwitch } from './ThemeSwitch.tsx';

export function Header() {
  const { t } = useTranslation();
  const [menuOpen, setMenuOpen] = useState(false);

  return (
    <header className="sticky top-0 z-30 border-b border-border bg-background/90 backdrop-blur supports-[backdrop-filter]:bg-background/75">
      <div className="mx-auto flex h-16 max-w-6xl items-center gap-2 px-4 sm:px-6 lg:gap-4">
        <Logo compact />
        <nav aria-label={t('nav.mainLabel')} className="hidden md:block lg:ml-4">
          <ul className="flex items-center lg:gap-1">
            {publicNav.map((item) => (
              <li key={item.to}>
                <Link to={item.to} className={buttonVariants({ variant: 'ghost', size: 'sm' })}>
                  {t(item.labelKey)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="ml-auto hidden items-center gap-1 md:flex lg:gap-2">
          <LanguageSwitch />
          <ThemeSwitch />
          <CartLink />
          <AccountMenu />
        </div>
        <CartLink className="ml-auto md:hidden" />
        <MenuButton label={t('nav.openMenu')} open={menuOpen} onOpen={() => setMenuOpen(true)} />
      </div>
      <MobileMenu open={menuOpen} onClose={() => setMenuOpen(false)} />
    </header>
  );
}
