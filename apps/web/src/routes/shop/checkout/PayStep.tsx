import { CheckCircle2 } from 'lucide-react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CreateOrdersResponse } from '../../../api/models.ts';
import { buttonVariants } from '../../../components/ui/Button.tsx';
import { Card } from '../../../components/ui/Card.tsx';
import { useFormat } from '../../../lib/format.ts';
import { useRegionText } from '../../../lib/regions.ts';
import { PaymentForm } from '../PaymentForm.tsx';
import { createdSummary } from './checkoutRules.ts';

/** The second checkout step: the orders just created, and one payment for all of them. */
export function PayStep({ created, onDone }: { created: CreateOrdersResponse; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const regionText = useRegionText();
  const navigate = useNavigate();
  const { orders, first, totalMinor: total, numbers } = createdSummary(created);

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem] lg:items-start">
      <section aria-labelledby="created-title" className="flex min-w-0 flex-col gap-4">
        <div
          role="status"
          className="flex items-start gap-3 rounded-xl border border-green-300 bg-green-50 p-4 text-green-900 dark:border-green-800 dark:bg-green-950/60 dark:text-green-100"
        >
          <CheckCircle2 aria-hidden="true" className="mt-0.5 size-5 shrink-0" />
          <div>
            <h2 id="created-title" className="font-semibold">
              {t('checkout.created', { count: orders.length, numbers })}
            </h2>
            <p className="text-sm">{t('checkout.createdText')}</p>
          </div>
        </div>
        <Card className="p-5">
          <h2 className="mb-3 text-lg font-semibold">{t('checkout.ordersTitle')}</h2>
          <ul className="flex flex-col divide-y divide-border" data-testid="created-orders">
            {orders.map((order) => (
              <li key={order.id} className="flex items-baseline justify-between gap-3 py-2.5 text-sm">
                <span className="min-w-0">
                  <span className="block font-medium">{order.product.name}</span>
                  <span className="block text-xs text-muted-foreground">
                    {order.orderNumber} · {t('period.months', { count: order.periodMonths })} ·{' '}
                    {regionText.name(order.region, order.region)}
                  </span>
                </span>
                <span className="font-semibold whitespace-nowrap">
                  {format.money(order.totalMinor, order.currency)}
                </span>
              </li>
            ))}
          </ul>
          <div className="mt-2 flex items-baseline justify-between gap-4 border-t border-border pt-3">
            <span className="font-semibold">{t('checkout.totalToPay')}</span>
            <span className="text-xl font-bold" data-testid="checkout-total">
              {format.money(total, first.currency)}
            </span>
          </div>
        </Card>
      </section>

      <Card className="flex flex-col gap-4 p-5 lg:sticky lg:top-20" aria-labelledby="pay-title">
        <h2 id="pay-title" className="text-lg font-semibold">
          {t('checkout.payTitle')}
        </h2>
        <PaymentForm
          orderId={first.id}
          scope="checkout"
          amountMinor={total}
          currency={first.currency}
          onStarted={onDone}
          onInstructions={(paymentId) => {
            void navigate(`/payments/${paymentId}`, { replace: true });
          }}
        />
        <Link
          to="/panel/orders"
          onClick={onDone}
          className={buttonVariants({ variant: 'ghost', size: 'sm' })}
        >
          {t('checkout.payLater')}
        </Link>
      </Card>
    </div>
  );
}
