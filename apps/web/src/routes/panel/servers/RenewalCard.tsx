// "Renovación": how long the server is paid for and what happens then — automatic renewal on or off, cancel at the
// end of the period (and undo it), renew by hand now, and the unpaid renewal invoice if there is one.
import { CalendarX2, CreditCard, RefreshCw, Undo2 } from 'lucide-react';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useRenewServer, useUpdateRenewal } from '../../../api/billing.ts';
import type { Vps } from '../../../api/models.ts';
import { FormError, SubmitButton } from '../../../components/form/FormBits.tsx';
import { Button, buttonVariants } from '../../../components/ui/Button.tsx';
import { Card, CardContent, CardHeader, CardTitle } from '../../../components/ui/Card.tsx';
import { Dialog } from '../../../components/ui/Dialog.tsx';
import { StatusBadge } from '../../../components/ui/StatusBadge.tsx';
import { toast } from '../../../components/ui/Toast.tsx';
import { cn } from '../../../lib/cn.ts';
import { errorMessageKey } from '../../../lib/errors.ts';
import { useFormat } from '../../../lib/format.ts';
import { serverName } from '../../../lib/vps.ts';
import { Expiry, Fact, Facts } from './serverBits.tsx';
import { ConfirmFooter } from '../../../components/form/ConfirmFooter.tsx';

export function RenewalCard({ vps }: { vps: Vps }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const update = useUpdateRenewal(vps.id);
  const renew = useRenewServer(vps.id);
  const renewing = useRef(false);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const hintId = useId();
  const active = vps.serviceStatus === 'active';
  const ended = vps.serviceStatus === 'terminated' || vps.serviceStatus === 'cancelled';
  const invoice = vps.openInvoice;
  const expires = vps.expiresAt ? format.date(vps.expiresAt) : null;
  const busy = update.isPending || renew.isPending;

  const save = (body: { autoRenew?: boolean; cancelAtPeriodEnd?: boolean }, done: string) => {
    if (update.isPending) return;
    update.mutate(body, {
      onSuccess: () => {
        setConfirmCancel(false);
        toast.success(done);
      },
      onError: (error) => {
        if (!confirmCancel) toast.error(t('servers.renewal.saveFailed'), t(errorMessageKey(error)));
      },
    });
  };

  return (
    <Card data-testid="renewal-card">
      <CardHeader>
        <CardTitle>{t('servers.renewal.title')}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <Facts>
          <Fact label={ended ? t('servers.renewal.ended') : t('servers.system.expires')}>
            {ended ? (
              vps.terminatedAt ? (
                <time dateTime={vps.terminatedAt}>{format.date(vps.terminatedAt)}</time>
              ) : (
                '—'
              )
            ) : vps.expiresAt ? (
              <span
                className="flex flex-wrap gap-x-2"
                data-testid="renewal-expires"
                data-expires={vps.expiresAt}
              >
                <time dateTime={vps.expiresAt}>{expires}</time>
                <Expiry iso={vps.expiresAt} className="text-muted-foreground" />
              </span>
            ) : (
              '—'
            )}
          </Fact>
          <Fact label={t('servers.system.period')}>{t('period.months', { count: vps.periodMonths })}</Fact>
          {!ended && (
            <Fact label={t('servers.system.autoRenew')}>
              <span className="flex flex-wrap items-center gap-3">
                <Switch
                  checked={vps.autoRenew && !vps.cancelAtPeriodEnd}
                  disabled={!active || vps.cancelAtPeriodEnd || busy}
                  label={t('servers.system.autoRenew')}
                  describedBy={hintId}
                  onChange={(autoRenew) =>
                    save(
                      { autoRenew },
                      autoRenew ? t('servers.renewal.autoOnDone') : t('servers.renewal.autoOffDone'),
                    )
                  }
                />
                <span id={hintId} className="text-xs text-muted-foreground">
                  {vps.cancelAtPeriodEnd
                    ? t('servers.renewal.autoCancelled')
                    : vps.autoRenew
                      ? t('servers.renewal.autoOnHint')
                      : t('servers.renewal.autoOffHint')}
                </span>
              </span>
            </Fact>
          )}
        </Facts>

        {invoice && (
          <div
            data-testid="renewal-invoice"
            className={cn(
              'flex flex-col gap-3 rounded-lg border p-3 text-sm sm:flex-row sm:items-center',
              invoice.status === 'overdue'
                ? 'border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950/50'
                : 'border-amber-300 bg-amber-50 dark:border-amber-700 dark:bg-amber-950/40',
            )}
          >
            <div className="min-w-0 flex-1">
              <p className="flex flex-wrap items-center gap-2 font-medium">
                {t('servers.renewal.invoice', { number: invoice.invoiceNumber ?? '—' })}
                <StatusBadge kind="invoice" status={invoice.status} />
              </p>
              <p className="text-muted-foreground">
                {invoice.dueAt
                  ? t('servers.renewal.invoiceDue', {
                      amount: format.money(invoice.totalMinor, invoice.currency),
                      date: format.date(invoice.dueAt),
                    })
                  : format.money(invoice.totalMinor, invoice.currency)}
              </p>
            </div>
            <Link
              to={`/panel/invoices/${invoice.id}?pay=1`}
              className={buttonVariants({ size: 'sm' })}
              aria-label={t('servers.renewal.payLabel', { number: invoice.invoiceNumber ?? '' })}
            >
              <CreditCard aria-hidden="true" />
              {t('servers.renewal.pay')}
            </Link>
          </div>
        )}

        {active && vps.cancelAtPeriodEnd && (
          <div
            role="status"
            data-testid="renewal-cancelled"
            className="flex flex-col gap-3 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 sm:flex-row sm:items-center dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-100"
          >
            <CalendarX2 aria-hidden="true" className="size-5 shrink-0" />
            <p className="flex-1">
              {expires
                ? t('servers.renewal.cancelledText', { date: expires })
                : t('servers.renewal.cancelledNoDate')}
            </p>
            <Button
              variant="outline"
              size="sm"
              disabled={busy}
              onClick={() =>
                save({ cancelAtPeriodEnd: false, autoRenew: true }, t('servers.renewal.undoDone'))
              }
            >
              <Undo2 aria-hidden="true" />
              {t('servers.renewal.undo')}
            </Button>
          </div>
        )}

        {ended ? (
          <p className="text-sm text-muted-foreground">{t('servers.renewal.endedText')}</p>
        ) : vps.cancelAtPeriodEnd ? null : (
          <div className="flex flex-col gap-2">
            <div className="flex flex-wrap gap-2">
              {!invoice && (
                <SubmitButton
                  type="button"
                  variant="primary"
                  pending={renew.isPending}
                  pendingLabel={t('servers.renewal.renewing')}
                  disabled={!active || busy}
                  onClick={() => {
                    if (renew.isPending || renewing.current) return;
                    renewing.current = true;
                    renew.mutate(undefined, {
                      onSuccess: (issued) => void navigate(`/panel/invoices/${issued.id}`),
                      onError: (error) =>
                        toast.error(t('servers.renewal.renewFailed'), t(errorMessageKey(error))),
                      onSettled: () => {
                        renewing.current = false;
                      },
                    });
                  }}
                >
                  <RefreshCw aria-hidden="true" />
                  {t('servers.renewal.renew')}
                </SubmitButton>
              )}
              {active && (
                <Button variant="outline" disabled={busy} onClick={() => setConfirmCancel(true)}>
                  <CalendarX2 aria-hidden="true" />
                  {t('servers.renewal.cancel')}
                </Button>
              )}
            </div>
            <p className="text-xs text-muted-foreground">
              {!active
                ? t('servers.renewal.suspendedHint')
                : invoice
                  ? t('servers.renewal.invoiceHint')
                  : t('servers.renewal.renewHint')}
            </p>
          </div>
        )}
      </CardContent>

      <Dialog
        open={confirmCancel}
        onClose={() => {
          update.reset();
          setConfirmCancel(false);
        }}
        busy={update.isPending}
        title={t('servers.renewal.cancelTitle', { name: serverName(vps) })}
        description={
          expires
            ? t('servers.renewal.cancelText', { name: serverName(vps), date: expires })
            : t('servers.renewal.cancelTextNoDate', { name: serverName(vps) })
        }
        footer={
          <ConfirmFooter
            cancel={t('servers.renewal.keep')}
            onCancel={() => setConfirmCancel(false)}
            onConfirm={() => save({ cancelAtPeriodEnd: true }, t('servers.renewal.cancelDone'))}
            pending={update.isPending}
          >
            {t('servers.renewal.cancelConfirm')}
          </ConfirmFooter>
        }
      >
        {invoice && (
          <p className="text-sm">
            {t('servers.renewal.cancelVoids', { number: invoice.invoiceNumber ?? '—' })}
          </p>
        )}
        {update.error && confirmCancel && <FormError error={update.error} />}
      </Dialog>
    </Card>
  );
}

/** An on/off switch (a button with role="switch"): the state is said in words by the label, not by colour. */
function Switch({
  checked,
  disabled,
  label,
  describedBy,
  onChange,
}: {
  checked: boolean;
  disabled?: boolean;
  label: string;
  describedBy?: string;
  onChange: (checked: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      aria-describedby={describedBy}
      disabled={disabled}
      onClick={() => onChange(!checked)}
      className={cn(
        'inline-flex h-10 items-center gap-2 rounded-lg pr-1 text-sm font-medium',
        'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring',
        'disabled:cursor-not-allowed disabled:opacity-60',
      )}
    >
      <span
        aria-hidden="true"
        className={cn(
          'relative inline-flex h-6 w-11 shrink-0 rounded-full border-2 border-transparent transition-colors',
          checked ? 'bg-primary' : 'bg-slate-300 dark:bg-slate-600',
        )}
      >
        <span
          className={cn(
            'inline-block size-5 rounded-full bg-white shadow transition-transform',
            checked ? 'translate-x-5' : 'translate-x-0',
          )}
        />
      </span>
      <span aria-hidden="true">{checked ? t('servers.system.yes') : t('servers.system.no')}</span>
    </button>
  );
}
