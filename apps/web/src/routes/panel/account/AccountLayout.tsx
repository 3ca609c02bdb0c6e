import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { PageHeader } from '../../../components/layout/PageHeader.tsx';
import { cn } from '../../../lib/cn.ts';

const tabs = [
  { to: '/panel/account', labelKey: 'account.tabs.profile', end: true },
  { to: '/panel/account/security', labelKey: 'account.tabs.security' },
  { to: '/panel/account/ssh-keys', labelKey: 'account.tabs.sshKeys' },
  { to: '/panel/account/sessions', labelKey: 'account.tabs.sessions' },
] as const;

/** "Cuenta": a title and one tab per section (profile, security, SSH keys, sessions). */
export function AccountLayout() {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t('account.title')} subtitle={t('account.subtitle')} />
      <nav aria-label={t('account.tabs.label')} className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
        <ul className="flex min-w-max gap-1 border-b border-border">
          {tabs.map((tab) => (
            <li key={tab.to}>
              <NavLink
                to={tab.to}
                end={'end' in tab}
                className={({ isActive }) =>
                  cn(
                    '-mb-px inline-flex h-11 items-center border-b-2 px-3 text-sm font-medium whitespace-nowrap transition-colors',
                    'rounded-t-md focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-ring',
                    isActive
                      ? 'border-primary text-foreground'
                      : 'border-transparent text-muted-foreground hover:border-border hover:text-foreground',
                  )
                }
              >
                {t(tab.labelKey)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}

/** A titled block of an account page. */
export function Section({
  title,
  description,
  children,
  headingId,
  aside,
}: {
  title: string;
  description?: string;
  children: ReactNode;
  headingId: string;
  aside?: ReactNode;
}) {
  return (
    <section
      aria-labelledby={headingId}
      className="flex flex-col gap-5 rounded-xl border border-border bg-card p-5 shadow-sm sm:p-6"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex min-w-0 flex-col gap-1">
          <h2 id={headingId} className="text-lg font-semibold">
            {title}
          </h2>
          {description && <p className="max-w-2xl text-sm text-muted-foreground">{description}</p>}
        </div>
        {aside}
      </div>
      {children}
    </section>
  );
}
