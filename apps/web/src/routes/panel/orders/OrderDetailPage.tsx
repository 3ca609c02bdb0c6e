import { CreditCard, KeyRound, Receipt, XCircle } from 'lucide-react';
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useInvoices } from '../../../api/billing.ts';
import { useCancelOrder, useOrder } from '../../../api/orders.ts';
import type { OrderDetail } from '../../../api/models.ts';
import { PriceBreakdown } from '../../../components/catalog/PriceBreakdown.tsx';
import { OrderTimeline } from '../../../components/orders/OrderTimeline.tsx';
import { FormError, FormSuccess } from '../../../components/form/FormBits.tsx';
import { DetailPage } from '../../../components/layout/DetailPage.tsx';
import { DetailHeader } from '../../../components/layout/PageHeader.tsx';
import { Button, buttonVariants } from '../../../components/ui/Button.tsx';
import { Card } from '../../../components/ui/Card.tsx';
import { Dialog } from '../../../components/ui/Dialog.tsx';
import { StatusBadge } from '../../../components/ui/StatusBadge.tsx';
import { useFormat } from '../../../lib/format.ts';
import { useRegionText } from '../../../lib/regions.ts';
import { PaymentForm, useProviderName } from '../../shop/PaymentForm.tsx';
import { PaymentCancelledNote, usePayParam } from '../../shop/PaymentNotice.tsx';
import { ConfirmFooter } from '../../../components/form/ConfirmFooter.tsx';

/** `/panel/orders/:id`: one order — price breakdown, SSH keys, history; pay or cancel while it is pending. */
export function OrderDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const order = useOrder(id);
  return (
    <DetailPage
      backTo="/panel/orders"
      backLabel={t('orders.detail.back')}
      query={order}
      skeletons={['h-9 w-72', 'h-48 w-full rounded-xl', 'h-48 w-full rounded-xl']}
      hideDataOnError
    >
      {(data) => <OrderView order={data} />}
    </DetailPage>
  );
}

function OrderView({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const regionText = useRegionText();
  const providerName = useProviderName();
  const [cancelOpen, setCancelOpen] = useState(false);
  const [cancelled, setCancelled] = useState(false);
  const pending = order.status === 'pending';
  const { payOpen, paymentCancelled, setPayOpen } = usePayParam(pending);

  const details: Array<{ label: string; value: string }> = [
    { label: t('orders.detail.plan'), value: order.product.name },
    { label: t('orders.colPeriod'), value: t('period.months', { count: order.periodMonths }) },
    { label: t('orders.colRegion'), value: regionText.name(order.region, order.region) },
    { label: t('product.image'), value: order.image?.name ?? '—' },
    { label: t('cart.hostname'), value: order.displayName ?? t('checkout.hostnameAuto') },
    {
      label: t('cart.userData'),
      value: order.hasUserData ? t('checkout.included') : t('checkout.notIncluded'),
    },
  ];
  if (order.paymentMethod)
    details.push({ label: t('orders.detail.paymentMethod'), value: providerName(order.paymentMethod) });

  return (
    <>
      <title>{t('orders.detail.documentTitle', { number: order.orderNumber })}</title>
      <DetailHeader
        title={t('orders.detail.title', { number: order.orderNumber })}
        subtitle={t('orders.detail.placed', { date: format.dateTime(order.createdAt) })}
        aside={
          <>
            <span aria-live="polite">
              <StatusBadge kind="order" status={order.status} className="text-sm" />
            </span>
            {order.paidAt && <OrderInvoiceLink orderId={order.id} />}
          </>
        }
      />

      <FormSuccess show={cancelled && order.status === 'cancelled'}>
        {t('orders.detail.cancelled')}
      </FormSuccess>
      {paymentCancelled && <PaymentCancelledNote>{t('orders.detail.paymentCancelled')}</PaymentCancelledNote>}

      {pending && (
        <Card className="flex flex-col gap-4 border-amber-300 p-5 sm:flex-row sm:items-center dark:border-amber-700">
          <div className="flex-1">
            <h2 className="font-semibold">{t('orders.detail.pendingTitle')}</h2>
            <p className="text-sm text-muted-foreground">
              {order.paymentMethod === 'bank_transfer'
                ? t('orders.detail.bankNote')
                : t('orders.detail.pendingText', { amount: format.money(order.totalMinor, order.currency) })}
            </p>
          </div>
          <div className="flex flex-col gap-2 sm:flex-row">
            <Button variant="outline" onClick={() => setCancelOpen(true)}>
              <XCircle aria-hidden="true" />
              {t('orders.detail.cancel')}
            </Button>
            <Button onClick={() => setPayOpen(true)}>
              <CreditCard aria-hidden="true" />
              {t('orders.detail.pay')}
            </Button>
          </div>
        </Card>
      )}

      <div className="grid gap-6 lg:grid-cols-2">
        <Card className="p-5">
          <h2 className="mb-3 text-lg font-semibold">{t('orders.detail.serverTitle')}</h2>
          <dl className="flex flex-col divide-y divide-border text-sm">
            {details.map((row) => (
              <div key={row.label} className="flex flex-wrap justify-between gap-x-4 gap-y-0.5 py-2">
                <dt className="text-muted-foreground">{row.label}</dt>
                <dd className="font-medium break-all">{row.value}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card className="p-5">
          <h2 className="mb-3 text-lg font-semibold">{t('orders.detail.breakdownTitle')}</h2>
          <PriceBreakdown
            amounts={{
              currency: order.currency,
              periodMonths: order.periodMonths,
              periodMinor: order.subtotalMinor,
              surchargeMinor: order.regionSurchargeMinor,
              licenseMinor: order.licenseFeeMinor,
              licenseName: order.image?.name,
              setupFeeMinor: order.setupFeeMinor,
              totalMinor: order.totalMinor,
            }}
          />
        </Card>
        <Card className="p-5">
          <h2 className="mb-3 text-lg font-semibold">{t('cart.sshTitle')}</h2>
          {order.sshKeys.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t('orders.detail.sshNone')}</p>
          ) : (
            <ul className="flex flex-col gap-2" data-testid="order-ssh-keys">
              {order.sshKeys.map((key) => (
                <li key={key.fingerprint} className="flex items-start gap-2 text-sm">
                  <KeyRound aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
                  <span className="min-w-0">
                    <span className="block font-medium break-all">{key.name}</span>
                    <span className="block font-mono text-xs break-all text-muted-foreground">
                      {key.fingerprint}
                    </span>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card className="p-5">
          <h2 className="mb-3 text-lg font-semibold">{t('orders.detail.historyTitle')}</h2>
          <OrderTimeline entries={order.history} texts="orders.detail" testId="order-history" />
        </Card>
      </div>

      <Dialog
        open={payOpen}
        onClose={() => setPayOpen(false)}
        title={t('orders.detail.payTitle', { number: order.orderNumber })}
        description={t('orders.detail.payText', { amount: format.money(order.totalMinor, order.currency) })}
      >
        {payOpen && (
          <PaymentForm
            orderId={order.id}
            scope="order"
            amountMinor={order.totalMinor}
            currency={order.currency}
          />
        )}
      </Dialog>
      <CancelDialog
        order={order}
        open={cancelOpen}
        onClose={() => setCancelOpen(false)}
        onCancelled={() => {
          setCancelOpen(false);
          setCancelled(true);
        }}
      />
    </>
  );
}

/**
 * The invoice of a paid order. The API links invoices to orders (one order per invoice; a cart paid together is one
 * invoice without an order), so look among the latest invoices; else point to the list.
 */
function OrderInvoiceLink({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const { data } = useInvoices({ page: 1, pageSize: 50 });
  if (!data) return null;
  const invoice = data.items.find((item) => item.orderId === orderId && item.type !== 'credit_note');
  return (
    <Link
      to={invoice ? `/panel/invoices/${invoice.id}` : '/panel/invoices'}
      className={buttonVariants({ variant: 'outline', size: 'sm' })}
      data-testid="order-invoice"
    >
      <Receipt aria-hidden="true" />
      {invoice
        ? t('orders.detail.invoice', { number: invoice.invoiceNumber ?? '' })
        : t('orders.detail.invoices')}
    </Link>
  );
}

function CancelDialog({
  order,
  open,
  onClose,
  onCancelled,
}: {
  order: OrderDetail;
  open: boolean;
  onClose: () => void;
  onCancelled: () => void;
}) {
  const { t } = useTranslation();
  const cancel = useCancelOrder();
  const sent = useRef(false);
  return (
    <Dialog
      open={open}
      onClose={() => {
        cancel.reset();
        onClose();
      }}
      busy={cancel.isPending}
      title={t('orders.detail.cancelTitle', { number: order.orderNumber })}
      description={t('orders.detail.cancelText')}
      footer={
        <ConfirmFooter
          inForm
          cancel={t('orders.detail.keep')}
          onCancel={onClose}
          onConfirm={() => {
            if (sent.current) return;
            sent.current = true;
            cancel.mutate(order.id, {
              onSuccess: onCancelled,
              onSettled: () => {
                sent.current = false;
              },
            });
          }}
          pending={cancel.isPending}
          pendingLabel={t('orders.detail.cancelling')}
        >
          {t('orders.detail.cancelConfirm')}
        </ConfirmFooter>
      }
    >
      {cancel.error && <FormError error={cancel.error} />}
    </Dialog>
  );
}
