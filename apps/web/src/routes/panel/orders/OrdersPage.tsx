import { Package } from 'lucide-react';
import { useId } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useOrders } from '../../../api/orders.ts';
import { ORDER_STATUSES, type Order } from '../../../api/models.ts';
import { PageHeader } from '../../../components/layout/PageHeader.tsx';
import { CardFields, CardHead, DataTable } from '../../../components/list/DataTable.tsx';
import { FilterBar } from '../../../components/list/filters.tsx';
import { PagedList } from '../../../components/list/ListState.tsx';
import { useListParams } from '../../../components/list/useListParams.ts';
import { Button, buttonVariants } from '../../../components/ui/Button.tsx';
import { EmptyState } from '../../../components/ui/EmptyState.tsx';
import { StatusBadge } from '../../../components/ui/StatusBadge.tsx';
import { useFormat } from '../../../lib/format.ts';
import { useRegionText } from '../../../lib/regions.ts';
import { PaymentNoticeBanner } from '../../shop/PaymentNotice.tsx';
import { PayOrderLink } from '../../../components/orders/PayOrderLink.tsx';

const PAGE_SIZE = 10;
const FILTERS = ['status'] as const;

/** `/panel/orders`: the customer's orders, newest first, with their state and a way to pay the pending ones. */
export function OrdersPage() {
  const { t } = useTranslation();
  const { values, page, set, paging } = useListParams(FILTERS);
  const status = ORDER_STATUSES.find((s) => s === values.status);
  const orders = useOrders({ status, page, pageSize: PAGE_SIZE });
  const { data } = orders;
  const filterId = useId();

  return (
    <div className="flex flex-col gap-6">
      <title>{t('orders.documentTitle')}</title>
      <PageHeader title={t('orders.title')} subtitle={t('orders.subtitle')} />

      <PaymentNoticeBanner
        describe={(paid, numbers) =>
          paid
            ? { title: t('orders.notice.paidTitle'), text: t('orders.notice.paidText', { numbers }) }
            : { title: t('orders.notice.failedTitle'), text: t('orders.notice.failedText', { numbers }) }
        }
      />

      <FilterBar spread count={data ? t('orders.count', { count: data.total }) : null}>
        <div className="flex flex-col gap-1.5">
          <label htmlFor={filterId} className="text-sm font-medium">
            {t('orders.filterLabel')}
          </label>
          <select
            id={filterId}
            value={status ?? ''}
            onChange={(event) => set({ status: event.target.value })}
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
      </FilterBar>

      <PagedList
        {...paging}
        pageSize={PAGE_SIZE}
        query={orders}
        skeleton={{ rows: 4, height: 'h-16' }}
        empty={
          <EmptyState
            icon={Package}
            title={status ? t('orders.emptyFiltered') : t('orders.emptyTitle')}
            description={status ? undefined : t('orders.emptyText')}
            action={
              status ? (
                <Button variant="outline" onClick={() => set({ status: '' })}>
                  {t('orders.all')}
                </Button>
              ) : (
                <Link to="/pricing" className={buttonVariants()}>
                  {t('orders.viewPlans')}
                </Link>
              )
            }
          />
        }
      >
        {(items) => <OrderList orders={items} />}
      </PagedList>
    </div>
  );
}

function OrderNumber({ order }: { order: Order }) {
  return (
    <Link
      to={`/panel/orders/${order.id}`}
      className="font-mono text-xs font-semibold hover:text-primary hover:underline"
    >
      {order.orderNumber}
    </Link>
  );
}

/** A table on desktop, cards on phones. */
function OrderList({ orders }: { orders: Order[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const regionText = useRegionText();
  const date = (order: Order) => <time dateTime={order.createdAt}>{format.date(order.createdAt)}</time>;
  const total = (order: Order) => format.money(order.totalMinor, order.currency);
  const region = (order: Order) => regionText.name(order.region, order.region);
  const months = (order: Order) => t('period.months', { count: order.periodMonths });
  return (
    <DataTable
      rows={orders}
      rowKey={(order) => order.id}
      rowData={(order) => ({ 'data-testid': 'order-row', 'data-status': order.status })}
      columns={[
        {
          id: 'number',
          header: t('orders.colNumber'),
          cell: (order) => (
            <>
              <OrderNumber order={order} />
              <span className="block text-xs text-muted-foreground">{date(order)}</span>
            </>
          ),
        },
        {
          id: 'plan',
          header: t('orders.colPlan'),
          cell: (order) => (
            <>
              <span className="font-medium">{order.product.name}</span>
              <span className="block text-xs text-muted-foreground">{months(order)}</span>
            </>
          ),
        },
        { id: 'region', header: t('orders.colRegion'), cell: region },
        {
          id: 'total',
          header: t('orders.colTotal'),
          alignRight: true,
          className: 'font-semibold whitespace-nowrap',
          cell: total,
        },
        {
          id: 'status',
          header: t('orders.colStatus'),
          cell: (order) => <StatusBadge kind="order" status={order.status} />,
        },
        {
          id: 'actions',
          header: t('orders.colActions'),
          srOnlyHeader: true,
          className: 'text-right',
          cell: (order) => <OrderActions order={order} />,
        },
      ]}
      cardData={(order) => ({ 'data-testid': 'order-card', 'data-status': order.status })}
      card={(order) => (
        <>
          <CardHead aside={<StatusBadge kind="order" status={order.status} />}>
            <OrderNumber order={order} />
            <p className="font-medium">{order.product.name}</p>
          </CardHead>
          <CardFields
            fields={[
              { label: t('orders.colPeriod'), value: months(order) },
              { label: t('orders.colRegion'), value: region(order) },
              { label: t('orders.colDate'), value: date(order) },
              { label: t('orders.colTotal'), value: total(order), valueClassName: 'font-semibold' },
            ]}
          />
          <div className="flex justify-end">
            <OrderActions order={order} />
          </div>
        </>
      )}
    />
  );
}

function OrderActions({ order }: { order: Order }) {
  const { t } = useTranslation();
  if (order.status === 'pending') {
    return <PayOrderLink order={order} />;
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
