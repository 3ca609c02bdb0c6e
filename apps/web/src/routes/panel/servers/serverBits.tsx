// Small pieces shared by the server pages (list, detail, Inicio): badge with the live transition, expiry, values
// with a copy button and the banner of a suspended service.
import { AlertOctagon, CircleSlash, CreditCard, Loader2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Vps } from '../../../api/models.ts';
import { TextField, type TextFieldProps } from '../../../components/form/fields.tsx';
import { buttonVariants } from '../../../components/ui/Button.tsx';
import { CopyButton } from '../../../components/ui/CopyButton.tsx';
import { StatusBadge } from '../../../components/ui/StatusBadge.tsx';
import { cn } from '../../../lib/cn.ts';
import { useFormat } from '../../../lib/format.ts';
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

/** A suspended or ended service cannot be operated: say why and how to fix it (pay the renewal invoice). */
export function ServiceBanner({ vps }: { vps: Vps }) {
  const { t } = useTranslation();
  const format = useFormat();
  const suspended = vps.serviceStatus === 'suspended';
  const invoice = vps.openInvoice;
  const amount = invoice ? format.money(invoice.totalMinor, invoice.currency) : '';
  return (
    <div
      role="alert"
      data-testid="service-banner"
      data-service={vps.serviceStatus}
      className={cn(
        'flex flex-col gap-3 rounded-xl border p-4 text-sm sm:flex-row sm:items-center',
        suspended
          ? 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950/60 dark:text-red-100'
          : 'border-slate-300 bg-slate-50 text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100',
      )}
    >
      {suspended ? (
        <AlertOctagon aria-hidden="true" className="size-5 shrink-0" />
      ) : (
        <CircleSlash aria-hidden="true" className="size-5 shrink-0" />
      )}
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <p className="font-semibold">
          {suspended ? t('servers.service.suspendedTitle') : t('servers.service.inactiveTitle')}
        </p>
        {suspended ? (
          <>
            <p>
              {invoice
                ? t('servers.service.suspendedInvoice', { number: invoice.invoiceNumber ?? '—', amount })
                : t('servers.service.suspendedText')}
            </p>
            {vps.terminatesAt && (
              <p className="font-medium">
                {t('servers.service.terminatesAt', { date: format.date(vps.terminatesAt) })}
              </p>
            )}
          </>
        ) : (
          <p>
            {vps.terminatedAt
              ? t('servers.service.endedAt', { date: format.date(vps.terminatedAt) })
              : t('servers.service.inactiveText')}
          </p>
        )}
      </div>
      {suspended && invoice ? (
        <Link
          to={`/panel/invoices/${invoice.id}?pay=1`}
          className={buttonVariants({ variant: 'danger', size: 'sm' })}
        >
          <CreditCard aria-hidden="true" />
          {t('servers.service.payInvoice', { amount })}
        </Link>
      ) : (
        <Link
          to={suspended ? '/panel/invoices?status=unpaid' : '/panel/invoices'}
          className={buttonVariants({ variant: 'outline', size: 'sm' })}
        >
          {t('servers.service.pay')}
        </Link>
      )}
    </div>
  );
}

/** "Escribe el nombre del servidor para confirmar": the server's name typed out before an action that erases it. */
export function ConfirmNameField({
  serverName,
  ...props
}: Omit<TextFieldProps, 'label'> & { serverName: string }) {
  const { t } = useTranslation();
  return (
    <TextField
      label={t('servers.confirmName', { name: serverName })}
      autoComplete="off"
      autoCapitalize="none"
      spellCheck={false}
      autoFocus
      {...props}
    />
  );
}
