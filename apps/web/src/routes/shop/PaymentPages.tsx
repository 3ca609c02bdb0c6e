import { useQuery } from '@tanstack/react-query';
import {
  AlertTriangle,
  Building2,
  CheckCircle2,
  Clock,
  Loader2,
  XCircle,
  type LucideIcon,
} from 'lucide-react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { confirmPayment, paymentKeys, usePayment, useRefreshAfterPayment } from '../../api/orders.ts';
import type { Payment } from '../../api/models.ts';
import { buttonVariants } from '../../components/ui/Button.tsx';
import { Card } from '../../components/ui/Card.tsx';
import { CopyButton } from '../../components/ui/CopyButton.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../components/ui/Skeleton.tsx';
import { StatusBadge } from '../../components/ui/StatusBadge.tsx';
import { cn } from '../../lib/cn.ts';
import { useFormat } from '../../lib/format.ts';
import { invoiceOf, InvoiceLine } from './InvoiceLine.tsx';
import { PaymentForm, useProviderName } from './PaymentForm.tsx';
import { RequireUser, ShopPage } from './shopBits.tsx';

/** Polling a pending return stops after this many confirmations (about two minutes). */
const MAX_CONFIRMS = 24;

/**
 * `/payments/:paymentId/return`: the provider sent the customer back. The server confirms with the provider
 * (`POST /api/payments/:id/confirm` with every query parameter the provider added) and answers the result.
 */
export function PaymentReturnPage() {
  const { t } = useTranslation();
  const { paymentId = '' } = useParams();
  return (
    <ShopPage narrow>
      <title>{t('payment.return.documentTitle')}</title>
      <RequireUser>{() => <ConfirmReturn paymentId={paymentId} />}</RequireUser>
    </ShopPage>
  );
}

function ConfirmReturn({ paymentId }: { paymentId: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const refresh = useRefreshAfterPayment();
  const query = Object.fromEntries(params.entries());
  const confirm = useQuery({
    queryKey: paymentKeys.confirm(paymentId, params.toString()),
    queryFn: async () => {
      const payment = await confirmPayment(paymentId, query);
      await refresh(payment);
      return payment;
    },
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    // Still pending (e.g. a bank payment clearing): ask again every 5 s for a while.
    refetchInterval: (q) =>
      q.state.data?.status === 'pending' && q.state.dataUpdateCount < MAX_CONFIRMS ? 5_000 : false,
  });

  if (confirm.isPending) {
    return (
      <Card className="flex flex-col items-center gap-3 p-8 text-center" aria-busy="true">
        <Loader2 aria-hidden="true" className="size-8 animate-spin text-primary" />
        <p role="status" className="font-medium">
          {t('payment.return.checking')}
        </p>
      </Card>
    );
  }
  if (confirm.error) return <ErrorState error={confirm.error} onRetry={() => void confirm.refetch()} />;
  return <PaymentResult payment={confirm.data} />;
}

/** `/payments/:paymentId`: a payment's state; for a bank transfer, the account data and reference to use. */
export function PaymentPage() {
  const { t } = useTranslation();
  const { paymentId = '' } = useParams();
  return (
    <ShopPage narrow>
      <title>{t('payment.page.documentTitle')}</title>
      <RequireUser>{() => <PaymentView paymentId={paymentId} />}</RequireUser>
    </ShopPage>
  );
}

function PaymentView({ paymentId }: { paymentId: string }) {
  const payment = usePayment(paymentId);
  if (payment.isPending) return <Skeleton className="h-96 w-full rounded-xl" />;
  if (payment.error) return <ErrorState error={payment.error} onRetry={() => void payment.refetch()} />;
  if (payment.data.provider === 'bank_transfer' && payment.data.instructions)
    return <BankTransfer payment={payment.data} />;
  return <PaymentResult payment={payment.data} />;
}

type Outcome = 'paid' | 'pending' | 'failed' | 'review';

function outcomeOf(payment: Payment): Outcome {
  if (payment.status === 'succeeded') return 'paid';
  if (payment.status === 'pending') return 'pending';
  // duplicate: paid for something already paid, being refunded automatically.
  if (payment.status === 'mismatch' || payment.status === 'refunded' || payment.status === 'duplicate')
    return 'review';
  return 'failed';
}

const OUTCOME: Record<Outcome, { icon: LucideIcon; tone: string; spin?: boolean }> = {
  paid: { icon: CheckCircle2, tone: 'bg-green-100 text-green-800 dark:bg-green-950 dark:text-green-300' },
  pending: { icon: Clock, tone: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200' },
  failed: { icon: XCircle, tone: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300' },
  review: { icon: AlertTriangle, tone: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200' },
};

function PaymentResult({ payment }: { payment: Payment }) {
  const { t } = useTranslation();
  const format = useFormat();
  const outcome = outcomeOf(payment);
  const { icon: Icon, tone } = OUTCOME[outcome];
  const invoice = invoiceOf(payment);
  const receipt = invoice ? null : (payment.invoice ?? null);
  const pendingOrders = payment.orders.filter((o) => o.status === 'pending');
  const retryAmount = pendingOrders.reduce((sum, o) => sum + o.totalMinor, 0);
  const invoiceOpen = invoice && (invoice.status === 'issued' || invoice.status === 'overdue');

  return (
    <div className="flex flex-col gap-6">
      <Card className="flex flex-col items-center gap-3 p-6 text-center sm:p-8" data-testid="payment-result">
        <span className={cn('flex size-14 items-center justify-center rounded-full', tone)}>
          <Icon aria-hidden="true" className="size-7" />
        </span>
        <div role="status" className="flex flex-col gap-2">
          <h1 className="text-2xl font-bold tracking-tight">{t(`payment.return.${outcome}Title`)}</h1>
          <p className="max-w-md text-muted-foreground">
            {invoice ? t(`payment.invoice.${outcome}Text`) : t(`payment.return.${outcome}Text`)}
          </p>
        </div>
        <p className="text-lg font-semibold">{format.money(payment.amountMinor, payment.currency)}</p>
        {invoice ? <InvoiceLine invoice={invoice} /> : <OrderList payment={payment} />}
        {invoice ? (
          <Link
            to={`/panel/invoices/${invoice.id}`}
            className={buttonVariants({ variant: outcome === 'paid' ? 'primary' : 'outline' })}
          >
            {t('payment.viewInvoice')}
          </Link>
        ) : (
          <div className="flex flex-wrap justify-center gap-2">
            <Link
              to="/panel/orders"
              className={buttonVariants({ variant: outcome === 'paid' ? 'primary' : 'outline' })}
            >
              {t('payment.viewOrders')}
            </Link>
            {outcome === 'paid' && receipt && (
              <Link to={`/panel/invoices/${receipt.id}`} className={buttonVariants({ variant: 'outline' })}>
                {t('payment.viewInvoice')}
              </Link>
            )}
          </div>
        )}
      </Card>
      {outcome === 'failed' && invoice && invoiceOpen && (
        <Card className="flex flex-col gap-4 p-5" aria-labelledby="retry-title">
          <h2 id="retry-title" className="text-lg font-semibold">
            {t('payment.return.retry')}
          </h2>
          <PaymentForm invoiceId={invoice.id} amountMinor={invoice.totalMinor} currency={invoice.currency} />
        </Card>
      )}
      {outcome === 'failed' && !invoice && pendingOrders.length > 0 && (
        <Card className="flex flex-col gap-4 p-5" aria-labelledby="retry-title">
          <h2 id="retry-title" className="text-lg font-semibold">
            {t('payment.return.retry')}
          </h2>
          <PaymentForm
            orderId={pendingOrders[0]!.id}
            scope={pendingOrders.length > 1 ? 'checkout' : 'order'}
            amountMinor={retryAmount}
            currency={payment.currency}
          />
        </Card>
      )}
    </div>
  );
}

function OrderList({ payment }: { payment: Payment }) {
  const format = useFormat();
  return (
    <ul className="flex w-full max-w-md flex-col divide-y divide-border rounded-lg border border-border text-left">
      {payment.orders.map((order) => (
        <li key={order.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2.5 text-sm">
          <Link to={`/panel/orders/${order.id}`} className="font-medium hover:text-primary hover:underline">
            {order.orderNumber}
          </Link>
          <span className="flex min-w-0 flex-wrap items-center justify-end gap-x-3 gap-y-1">
            <StatusBadge kind="order" status={order.status} />
            <span className="font-semibold">{format.money(order.totalMinor, payment.currency)}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

function BankTransfer({ payment }: { payment: Payment }) {
  const { t } = useTranslation();
  const format = useFormat();
  const providerName = useProviderName();
  const info = payment.instructions!;
  const amount = format.money(info.amountMinor, info.currency);
  // The staff records the transfer against each order, so the orders tell whether it arrived.
  const invoice = invoiceOf(payment);
  const received = invoice
    ? invoice.status === 'paid'
    : payment.orders.length > 0 && payment.orders.every((o) => o.status !== 'pending');
  const rows: Array<{ label: string; value: string; copy?: boolean; mono?: boolean }> = [
    { label: t('payment.bank.bankName'), value: info.bankName },
    { label: t('payment.bank.holder'), value: info.accountHolder, copy: true },
    { label: t('payment.bank.account'), value: info.accountNumber, copy: true, mono: true },
    { label: t('payment.bank.swift'), value: info.swift, copy: true, mono: true },
    {
      // Orders (P-…) and invoices (CV-…) are separate series: say which number this is.
      label: t(invoice ? 'payment.bank.referenceInvoice' : 'payment.bank.referenceOrder'),
      value: info.reference,
      copy: true,
      mono: true,
    },
    { label: t('payment.amount'), value: amount, copy: true },
  ];

  return (
    <div className="flex flex-col gap-6">
      <div className="flex items-start gap-3">
        <span className="flex size-12 shrink-0 items-center justify-center rounded-full bg-accent text-accent-foreground">
          <Building2 aria-hidden="true" className="size-6" />
        </span>
        <div>
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t('payment.bank.title')}</h1>
          <p className="mt-1 text-muted-foreground">{t('payment.bank.intro', { amount })}</p>
        </div>
      </div>
      {received && (
        <p
          role="status"
          className="flex items-center gap-2 rounded-lg border border-green-300 bg-green-50 p-3 text-sm font-medium text-green-900 dark:border-green-800 dark:bg-green-950/60 dark:text-green-100"
        >
          <CheckCircle2 aria-hidden="true" className="size-4 shrink-0" />
          {invoice ? t('payment.bank.receivedInvoice') : t('payment.bank.received')}
        </p>
      )}
      <Card className="p-5" data-testid="bank-instructions">
        <h2 className="sr-only">{providerName('bank_transfer')}</h2>
        <dl className="flex flex-col divide-y divide-border">
          {rows.map((row) => (
            <div key={row.label} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-3">
              <dt className="text-sm text-muted-foreground">{row.label}</dt>
              <dd className="flex min-w-0 items-center gap-2">
                <span className={cn('font-semibold break-all', row.mono && 'font-mono')}>{row.value}</span>
                {row.copy && (
                  <CopyButton
                    iconOnly
                    text={row.value}
                    label={t('payment.bank.copy', { field: row.label })}
                    className="size-9"
                  />
                )}
              </dd>
            </div>
          ))}
        </dl>
        {info.note && (
          <p className="mt-3 rounded-lg bg-muted/60 p-3 text-sm">
            <span className="font-medium">{t('payment.bank.note')}:</span> {info.note}
          </p>
        )}
      </Card>
      <Card className="flex flex-col gap-3 p-5">
        <p className="text-sm">{invoice ? t('payment.bank.afterInvoice') : t('payment.bank.after')}</p>
        {invoice ? (
          <>
            <InvoiceLine invoice={invoice} />
            <Link
              to={`/panel/invoices/${invoice.id}`}
              className={buttonVariants({ className: 'self-start' })}
            >
              {t('payment.viewInvoice')}
            </Link>
          </>
        ) : (
          <>
            <OrderList payment={payment} />
            <Link to="/panel/orders" className={buttonVariants({ className: 'self-start' })}>
              {t('payment.viewOrders')}
            </Link>
          </>
        )}
      </Card>
    </div>
  );
}
