import { CheckCircle2, FlaskConical, XCircle } from 'lucide-react';
import { useRef, type ComponentProps } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSite } from '../../api/catalog.ts';
import { usePayment, useSandboxDecision } from '../../api/orders.ts';
import type { Payment } from '../../api/models.ts';
import { FormError, SubmitButton, submitHandler } from '../../components/form/FormBits.tsx';
import { buttonVariants } from '../../components/ui/Button.tsx';
import { Card } from '../../components/ui/Card.tsx';
import { EmptyState } from '../../components/ui/EmptyState.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../components/ui/Skeleton.tsx';
import { StatusBadge } from '../../components/ui/StatusBadge.tsx';
import { useFormat } from '../../lib/format.ts';
import { invoiceOf, InvoiceLine } from './InvoiceLine.tsx';
import { PaymentStatusBadge } from './PaymentStatusBadge.tsx';
import { RequireUser, ShopPage } from './shopBits.tsx';

/** The outcome of a payment, carried to the page the customer lands on (orders, or the invoice paid). */
export type PaymentNotice = { result: 'paid' | 'failed'; numbers: string };

/** `/pay/sandbox/:paymentId` (demo mode only): stands in for a provider's page; approve or decline, no real money. */
export function SandboxPaymentPage() {
  const { t } = useTranslation();
  const { paymentId = '' } = useParams();
  const site = useSite();
  return (
    <ShopPage narrow>
      <title>{t('payment.sandbox.documentTitle')}</title>
      <div
        role="note"
        className="mb-6 flex items-center gap-3 rounded-xl border-2 border-dashed border-amber-400 bg-amber-50 p-4 text-amber-950 dark:border-amber-600 dark:bg-amber-950/50 dark:text-amber-100"
      >
        <FlaskConical aria-hidden="true" className="size-6 shrink-0" />
        <p className="font-semibold">{t('payment.sandbox.banner')}</p>
      </div>
      <RequireUser>
        {() =>
          site.data && !site.data.demoMode ? (
            <EmptyState icon={FlaskConical} title={t('payment.sandbox.notAvailable')} />
          ) : (
            <SandboxPayment paymentId={paymentId} />
          )
        }
      </RequireUser>
    </ShopPage>
  );
}

function SandboxPayment({ paymentId }: { paymentId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const payment = usePayment(paymentId);
  const decide = useSandboxDecision();
  const sent = useRef(false);

  if (payment.isPending) return <Skeleton className="h-80 w-full rounded-xl" />;
  if (payment.error) return <ErrorState error={payment.error} onRetry={() => void payment.refetch()} />;
  const data = payment.data;
  const open = data.status === 'pending';
  const paidInvoice = invoiceOf(data);
  const charged =
    data.providerAmountMinor !== null && data.providerCurrency && data.providerCurrency !== data.currency
      ? format.money(data.providerAmountMinor, data.providerCurrency)
      : null;

  const submit = (decision: 'approve' | 'decline') => {
    if (decide.isPending || sent.current) return;
    sent.current = true;
    decide.mutate(
      { paymentId, decision },
      {
        onSuccess: (result: Payment) => {
          const invoice = invoiceOf(result) ?? invoiceOf(data);
          const notice: PaymentNotice = {
            result: result.status === 'succeeded' ? 'paid' : 'failed',
            numbers: invoice
              ? (invoice.invoiceNumber ?? '')
              : result.orders.map((o) => o.orderNumber).join(', '),
          };
          void navigate(invoice ? `/panel/invoices/${invoice.id}` : '/panel/orders', {
            replace: true,
            state: { paymentNotice: notice },
          });
        },
        onError: () => {
          sent.current = false;
        },
      },
    );
  };
  const pendingDecision = decide.isPending ? decide.variables?.decision : undefined;

  return (
    <Card className="flex flex-col gap-5 p-5 sm:p-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">{t('payment.sandbox.title')}</h1>
          <p className="mt-1 text-sm text-muted-foreground">{t('payment.sandbox.intro')}</p>
        </div>
        <PaymentStatusBadge status={data.status} />
      </div>

      <div className="rounded-lg bg-muted/60 p-4">
        <p className="text-sm text-muted-foreground">{t('payment.amount')}</p>
        <p className="text-3xl font-bold tracking-tight" data-testid="sandbox-amount">
          {format.money(data.amountMinor, data.currency)}
        </p>
        {charged && (
          <p className="text-sm text-muted-foreground">{t('payment.charged', { amount: charged })}</p>
        )}
      </div>

      {paidInvoice ? (
        <div>
          <h2 className="mb-2 text-sm font-semibold">{t('payment.invoiceTitle')}</h2>
          <InvoiceLine invoice={paidInvoice} />
        </div>
      ) : (
        <div>
          <h2 className="mb-2 text-sm font-semibold">
            {t('payment.ordersTitle', { count: data.orders.length })}
          </h2>
          <ul className="flex flex-col divide-y divide-border rounded-lg border border-border">
            {data.orders.map((order) => (
              <li
                key={order.id}
                className="flex flex-wrap items-center justify-between gap-2 px-3 py-2.5 text-sm"
              >
                <span className="font-medium">{order.orderNumber}</span>
                <span className="flex min-w-0 flex-wrap items-center justify-end gap-x-3 gap-y-1">
                  <StatusBadge kind="order" status={order.status} />
                  <span className="font-semibold">{format.money(order.totalMinor, data.currency)}</span>
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}

      {decide.error && <FormError error={decide.error} />}
      {open ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <DecisionForm
            onSubmit={() => submit('approve')}
            className="w-full bg-green-700 text-white hover:bg-green-800 dark:bg-green-500 dark:text-green-950 dark:hover:bg-green-400"
            pending={pendingDecision === 'approve'}
            disabled={decide.isPending}
            pendingLabel={t('payment.sandbox.approving')}
          >
            <CheckCircle2 aria-hidden="true" />
            {t('payment.sandbox.approve')}
          </DecisionForm>
          <DecisionForm
            onSubmit={() => submit('decline')}
            variant="danger"
            className="w-full"
            pending={pendingDecision === 'decline'}
            disabled={decide.isPending}
            pendingLabel={t('payment.sandbox.declining')}
          >
            <XCircle aria-hidden="true" />
            {t('payment.sandbox.decline')}
          </DecisionForm>
        </div>
      ) : (
        <div className="flex flex-col gap-3">
          <p className="text-sm">{t('payment.sandbox.alreadyDecided')}</p>
          {paidInvoice ? (
            <Link
              to={`/panel/invoices/${paidInvoice.id}`}
              className={buttonVariants({ className: 'self-start' })}
            >
              {t('payment.viewInvoice')}
            </Link>
          ) : (
            <Link to="/panel/orders" className={buttonVariants({ className: 'self-start' })}>
              {t('payment.viewOrders')}
            </Link>
          )}
        </div>
      )}
    </Card>
  );
}

/** One answer of the sandbox (approve or decline), a form of its own so Enter sends it. */
function DecisionForm({
  onSubmit,
  ...button
}: Omit<ComponentProps<typeof SubmitButton>, 'size' | 'onSubmit'> & { onSubmit: () => void }) {
  return (
    <form onSubmit={submitHandler(onSubmit)}>
      <SubmitButton size="lg" {...button} />
    </form>
  );
}
