// Small pieces shared by the server pages (list, detail, Inicio): badge with the live transition, expiry, values
// with a copy button and the banner of a suspended service.
import { AlertOctagon, Loader2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Vps } from '../../../api/types.ts';
import { buttonVariants } from '../../../components/ui/Button.tsx';
import { CopyButton } from '../../../components/ui/CopyButton.tsx';
import { StatusBadge } from '../../../components/ui/StatusBadge.tsx';
import { cn } from '../../../lib/cn.ts';
import { badgeStatus, useActionText, useExpiry } from '../../../lib/vps.ts';

/** The state badge, and while an action runs, what is happening ("Tu servidor se está deteniendo…"). */
export function ServerState({ vps, live = false }: { vps: Vps; live?: boolean }) {
  const actionText = useActionText();
  const status = badgeStatus(vps);
  return (
    <span
      className="inline-flex flex-wrap items-center gap-x-2 gap-y-1"
      data-testid="server-state"
      data-status={status}
      aria-live={live ? 'polite' : undefined}
    >
      <StatusBadge kind="vps" status={status} />
      {vps.actionInFlight && (
        <span className="inline-flex items-center gap-1.5 text-xs text-muted-foreground">
          <Loader2 aria-hidden="true" className="size-3.5 animate-spin" />
          {actionText.running(vps.actionInFlight)}
        </span>
      )}
    </span>
  );
}

export function Expiry({ iso, className }: { iso: string | null; className?: string }) {
  const expiry = useExpiry()(iso);
  if (!expiry || !iso) return <span className={cn('text-muted-foreground', className)}>—</span>;
  return (
    <time
      dateTime={iso}
      className={cn(expiry.soon && 'font-medium text-amber-800 dark:text-amber-300', className)}
    >
      {expiry.text}
    </time>
  );
}

/** A monospace value with an icon copy button named after what it copies. */
export function CopyValue({
  value,
  label,
  nowrap = false,
}: {
  value: string | null | undefined;
  label: string;
  /** In table cells: keep short values (an IPv4) on one line. */
  nowrap?: boolean;
}) {
  const { t } = useTranslation();
  if (!value) return <span className="text-muted-foreground">—</span>;
  return (
    <span className="flex min-w-0 items-center gap-2">
      <code className={cn('min-w-0 font-mono text-sm', nowrap ? 'whitespace-nowrap' : 'break-all')}>
        {value}
      </code>
      <CopyButton
        text={value}
        iconOnly
        label={t('servers.copyLabel', { what: label })}
        copiedLabel={t('servers.copiedLabel', { what: label })}
        className="size-9 shrink-0"
      />
    </span>
  );
}

/** Label/value rows of a card. */
export function Facts({ children }: { children: ReactNode }) {
  return <dl className="flex flex-col divide-y divide-border">{children}</dl>;
}

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5 py-2.5 sm:flex-row sm:items-center sm:gap-4">
      <dt className="shrink-0 text-sm text-muted-foreground sm:w-40">{label}</dt>
      <dd className="min-w-0 flex-1 text-sm">{children}</dd>
    </div>
  );
}

/** A suspended or ended service cannot be operated: say why and how to fix it. */
export function ServiceBanner({ serviceStatus }: { serviceStatus: string }) {
  const { t } = useTranslation();
  const suspended = serviceStatus === 'suspended';
  return (
    <div
      role="alert"
      data-testid="service-banner"
      className="flex flex-col gap-3 rounded-xl border border-red-300 bg-red-50 p-4 text-sm text-red-900 sm:flex-row sm:items-center dark:border-red-800 dark:bg-red-950/60 dark:text-red-100"
    >
      <AlertOctagon aria-hidden="true" className="size-5 shrink-0" />
      <div className="flex-1">
        <p className="font-semibold">
          {suspended ? t('servers.service.suspendedTitle') : t('servers.service.inactiveTitle')}
        </p>
        <p>{suspended ? t('servers.service.suspendedText') : t('servers.service.inactiveText')}</p>
      </div>
      <Link to="/panel/orders" className={buttonVariants({ variant: 'outline', size: 'sm' })}>
        {t('servers.service.pay')}
      </Link>
    </div>
  );
}
