import { CheckCircle2, ChevronLeft, ChevronRight, Package, X, XCircle } from 'lucide-react';
import { useId, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useOrders } from '../../../api/orders.ts';
import { ORDER_STATUSES, type Order, type OrderStatus } from '../../../api/types.ts';
import { Button, buttonVariants } from '../../../components/ui/Button.tsx';
import { EmptyState } from '../../../components/ui/EmptyState.tsx';
import { ErrorState } from '../../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../../components/ui/Skeleton.tsx';
import { StatusBadge } from '../../../components/ui/StatusBadge.tsx';
import { cn } from '../../../lib/cn.ts';
import { useFormat } from '../../../lib/format.ts';
import { useRegionText } from '../../../lib/regions.ts';
import type { PaymentNotice } from '../../shop/SandboxPaymentPage.tsx';

const PAGE_SIZE = 10;

/** `/panel/orders`: the customer's orders, newest first, with their state and a way to pay the pending ones. */
export function OrdersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status = ORDER_STATUSES.find((s) => s === statusParam);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const orders = useOrders({ status, page, pageSize: PAGE_SIZE });
  const { data, isPending, error, refetch, isPlaceholderData } = orders;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const filterId = useId();

  const update = (changes: { status?: OrderStatus | ''; page?: number }) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (changes.status !== undefined) {
          if (changes.status) next.set('status', changes.status);
          else next.delete('status');
          next.delete('page');
        }
        if (changes.page !== undefined) {
          if (changes.page > 1) next.set('page', String(changes.page));
          else next.delete('page');
        }
        return next;
      },
      { replace: true, preventScrollReset: true },
    );

  return (
    <div className="flex flex-col gap-6">
      <title>{t('orders.documentTitle')}</title>
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t('orders.title')}</h1>
        <p className="text-muted-foreground">{t('orders.subtitle')}</p>
      </div>

      <PaymentNoticeBanner />

      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="flex flex-col gap-1.5">
          <label htmlFor={filterId} className="text-sm font-medium">
            {t('orders.filterLabel')}
          </label>
          <select
            id={filterId}
            value={status ?? ''}
            onChange={(event) => update({ status: event.target.value as OrderStatus | '' })}
            className="h-10 w-56 max-w-full rounded-lg border border-border bg-card px-2.5 text-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
          >
            <option value="">{t('orders.all')}</option>
            {ORDER_STATUSES.filter((s) => s !== 'provisioning').map((s) => (
              <option key={s} value={s}>
                {t(`status.order.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <p aria-live="polite" className="min-h-5 text-sm text-muted-foreground">
          {data && t('orders.count', { count: data.total })}
        </p>
      </div>

      <div className={cn('transition-opacity', isPlaceholderData && 'opacity-60')} aria-busy={isPending}>
        {error && !data ? (
          <ErrorState error={error} onRetry={() => void refetch()} />
        ) : isPending ? (
          <div className="flex flex-col gap-3">
            {Array.from({ length: 4 }, (_, i) => (
              <Skeleton key={i} className="h-16 w-full rounded-xl" />
            ))}
          </div>
        ) : data.items.length === 0 ? (
          <EmptyState
            icon={Package}
            title={status ? t('orders.emptyFiltered') : t('orders.emptyTitle')}
            description={status ? undefined : t('orders.emptyText')}
            action={
              status ? (
                <Button variant="outline" onClick={() => update({ status: '' })}>
                  {t('orders.all')}
                </Button>
              ) : (
                <Link to="/pricing" className={buttonVariants()}>
                  {t('orders.viewPlans')}
                </Link>
              )
            }
          />
        ) : (
          <OrderList orders={data.items} />
        )}
      </div>

      {data && pages > 1 && (
        <nav aria-label={t('pricing.pagination.label')} className="flex items-center justify-center gap-3">
          <Button variant="outline" size="sm" disabled={page <= 1} onClick={() => update({ page: page - 1 })}>
            <ChevronLeft aria-hidden="true" />
            {t('pricing.pagination.previous')}
          </Button>
          <span className="text-sm text-muted-foreground">
            {t('pricing.pagination.status', { page, pages })}
          </span>
          <Button
            variant="outline"
            size="sm"
            disabled={page >= pages}
            onClick={() => update({ page: page + 1 })}
          >
            {t('pricing.pagination.next')}
            <ChevronRight aria-hidden="true" />
          </Button>
        </nav>
      )}
    </div>
  );
}

/** The result of a payment the customer just made (the sandbox page sends it along with the navigation). */
function PaymentNoticeBanner() {
  const { t } = useTranslation();
  const location = useLocation();
  const notice = (location.state as { paymentNotice?: PaymentNotice } | null)?.paymentNotice;
  const [dismissed, setDismissed] = useState<PaymentNotice | null>(null);
  const show = notice && notice !== dismissed;
  const paid = notice?.result === 'paid';
  return (
    <div role="status" aria-live="polite" className="empty:hidden">
      {show ? (
        <div
          data-testid="payment-notice"
          className={cn(
            'flex items-start gap-3 rounded-xl border p-4 text-sm',
            paid
              ? 'border-green-300 bg-green-50 text-green-900 dark:border-green-800 dark:bg-green-950/60 dark:text-green-100'
              : 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950/60 dark:text-red-100',
          )}
        >
          {paid ? (
            <CheckCircle2 aria-hidden="true" className="mt-0.5 size-5 shrink-0" />
          ) : (
            <XCircle aria-hidden="true" className="mt-0.5 size-5 shrink-0" />
          )}
          <div className="flex-1">
            <p className="font-semibold">
              {paid ? t('orders.notice.paidTitle') : t('orders.notice.failedTitle')}
            </p>
            <p>
              {paid
                ? t('orders.notice.paidText', { numbers: notice.numbers })
                : t('orders.notice.failedText', { numbers: notice.numbers })}
            </p>
          </div>
          <Button
            variant="ghost"
            size="icon"
            className="-mt-2 -mr-2"
            aria-label={t('actions.close')}
            onClick={() => setDismissed(notice)}
          >
            <X aria-hidden="true" />
          </Button>
        </div>
      ) : null}
    </div>
  );
}

/** A table on desktop, cards on phones. */
function OrderList({ orders }: { orders: Order[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const regionText = useRegionText();
  const th = 'px-3 py-2.5 font-medium';
  return (
    <>
      <div className="hidden overflow-hidden rounded-xl border border-border bg-card md:block">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-border bg-muted/60 text-xs text-muted-foreground uppercase">
            <tr>
              <th scope="col" className={th}>
                {t('orders.colNumber')}
              </th>
              <th scope="col" className={th}>
                {t('orders.colPlan')}
              </th>
              <th scope="col" className={th}>
                {t('orders.colRegion')}
              </th>
              <th scope="col" className={cn(th, 'text-right')}>
                {t('orders.colTotal')}
              </th>
              <th scope="col" className={th}>
                {t('orders.colStatus')}
              </th>
              <th scope="col" className={th}>
                <span className="sr-only">{t('orders.colActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {orders.map((order) => (
              <tr key={order.id} data-testid="order-row" data-status={order.status}>
                <td className="px-3 py-3">
                  <Link
                    to={`/panel/orders/${order.id}`}
                    className="font-mono text-xs font-semibold hover:text-primary hover:underline"
                  >
                    {order.orderNumber}
                  </Link>
                  <span className="block text-xs text-muted-foreground">
                    <time dateTime={order.createdAt}>{format.date(order.createdAt)}</time>
                  </span>
                </td>
                <td className="px-3 py-3">
                  <span className="font-medium">{order.product.name}</span>
                  <span className="block text-xs text-muted-foreground">
                    {t('period.months', { count: order.periodMonths })}
                  </span>
                </td>
                <td className="px-3 py-3">{regionText.name(order.region, order.region)}</td>
                <td className="px-3 py-3 text-right font-semibold whitespace-nowrap">
                  {format.money(order.totalMinor, order.currency)}
                </td>
                <td className="px-3 py-3">
                  <StatusBadge kind="order" status={order.status} />
                </td>
                <td className="px-3 py-3 text-right">
                  <OrderActions order={order} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="flex flex-col gap-3 md:hidden">
        {orders.map((order) => (
          <li
            key={order.id}
            data-testid="order-card"
            data-status={order.status}
            className="flex flex-col gap-3 rounded-xl border border-border bg-card p-4"
          >
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0">
                <Link
                  to={`/panel/orders/${order.id}`}
                  className="font-mono text-xs font-semibold hover:text-primary hover:underline"
                >
                  {order.orderNumber}
                </Link>
                <p className="font-medium">{order.product.name}</p>
              </div>
              <StatusBadge kind="order" status={order.status} />
            </div>
            <dl className="grid grid-cols-2 gap-2 text-sm">
              <div>
                <dt className="text-xs text-muted-foreground">{t('orders.colPeriod')}</dt>
                <dd>{t('period.months', { count: order.periodMonths })}</dd>
              </div>
              <div>
                <dt className="text-xs text-muted-foreground">{t('orders.colRegion')}</dt>
                <dd>{regionText.name(order.region, order.region)}</dd>
              </div>
              <div>
                <dt className="text-xs text-muted-foreground">{t('orders.colDate')}</dt>
                <dd>
                  <time dateTime={order.createdAt}>{format.date(order.createdAt)}</time>
                </dd>
              </div>
              <div>
                <dt className="text-xs text-muted-foreground">{t('orders.colTotal')}</dt>
                <dd className="font-semibold">{format.money(order.totalMinor, order.currency)}</dd>
              </div>
            </dl>
            <div className="flex justify-end">
              <OrderActions order={order} />
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

function OrderActions({ order }: { order: Order }) {
  const { t } = useTranslation();
  if (order.status === 'pending') {
    return (
      <Link
        to={`/panel/orders/${order.id}?pay=1`}
        aria-label={t('orders.payLabel', { number: order.orderNumber })}
        className={buttonVariants({ size: 'sm' })}
      >
        {t('orders.pay')}
      </Link>
    );
  }
  return (
    <Link
      to={`/panel/orders/${order.id}`}
      aria-label={t('orders.viewLabel', { number: order.orderNumber })}
      className={buttonVariants({ variant: 'outline', size: 'sm' })}
    >
      {t('orders.view')}
    </Link>
  );
}
