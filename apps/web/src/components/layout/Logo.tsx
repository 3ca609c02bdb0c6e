import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn.ts';

export function LogoMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={cn('size-8', className)}>
      <rect width="32" height="32" rx="7" className="fill-primary" />
      <path
        d="M8 10l8 14 8-14"
        fill="none"
        className="stroke-primary-foreground"
        strokeWidth="3.2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      <circle cx="16" cy="8" r="2.4" className="fill-primary-foreground opacity-70" />
    </svg>
  );
}

/** `compact` hides the name between md and lg, where the full header would not fit. */
export function Logo({ onClick, compact = false }: { onClick?: () => void; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <Link
      to="/"
      onClick={onClick}
      className="flex min-h-10 items-center gap-2 rounded-lg text-lg font-bold tracking-tight"
      aria-label={t('nav.homeLabel')}
    >
      <LogoMark />
      <span className={cn(compact && 'md:max-lg:sr-only')}>{t('brand.name')}</span>
    </Link>
  );
}
