import { Hourglass, PackageCheck } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAdminOrders } from '../../api/admin.ts';
import { ORDER_STATUSES, type AdminOrder } from '../../api/models.ts';
import { PageHeader } from '../../components/layout/PageHeader.tsx';
import { CardFields, CardHead, DataTable } from '../../components/list/DataTable.tsx';
import { FilterBar, FilterSelect, SearchBox } from '../../components/list/filters.tsx';
import { PagedList } from '../../components/list/ListState.tsx';
import { useListParams } from '../../components/list/useListParams.ts';
import { Button, buttonVariants } from '../../components/ui/Button.tsx';
import { EmptyState } from '../../components/ui/EmptyState.tsx';
import { StatusBadge } from '../../components/ui/StatusBadge.tsx';
import { cn } from '../../lib/cn.ts';
import { useFormat } from '../../lib/format.ts';
import { useRegionText } from '../../lib/regions.ts';
import { useWaiting } from './adminBits.tsx';

const PAGE_SIZE = 20;
const FILTERS = ['status', 'search'] as const;

/** `/admin/orders`: the fulfilment queue — paid orders first, oldest payment first, with how long they waited. */
export function AdminOrdersPage() {
  const { t } = useTranslation();
  const { values, page, set, bindFilter, paging } = useListParams(FILTERS);
  const status = ORDER_STATUSES.find((s) => s === values.status);
  const query = { status, search: values.search || undefined, page, pageSize: PAGE_SIZE };
  const orders = useAdminOrders(query);
  const { data } = orders;
  const filtered = Boolean(status || values.search);

  return (
    <div className="flex flex-col gap-6">
      <title>{t('admin.orders.documentTitle')}</title>
      <PageHeader title={t('admin.orders.title')} subtitle={t('admin.orders.subtitle')} />

      <FilterBar count={data ? t('admin.orders.count', { count: data.total }) : null}>
        <FilterSelect
          label={t('admin.orders.statusFilter')}
          value={status ?? ''}
          onChange={(value) => set({ status: value })}
        >
          <option value="">{t('admin.orders.allStatuses')}</option>
          {ORDER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.order.${s}`)}
            </option>
          ))}
        </FilterSelect>
        <SearchBox
          label={t('admin.orders.search')}
          placeholder={t('admin.orders.searchPlaceholder')}
          {...bindFilter('search')}
        />
      </FilterBar>

      <PagedList
        {...paging}
        pageSize={PAGE_SIZE}
        query={orders}
        skeleton={{ rows: 5, height: 'h-16' }}
        empty={
          <EmptyState
            icon={PackageCheck}
            title={filtered ? t('admin.orders.emptyFiltered') : t('admin.orders.emptyTitle')}
            action={
              filtered ? (
                <Button variant="outline" onClick={() => set({ status: '', search: '' })}>
                  {t('admin.clearFilters')}
                </Button>
              ) : undefined
            }
          />
        }
      >
        {(items) => <OrderTable orders={items} />}
      </PagedList>
    </div>
  );
}

function Waiting({ order }: { order: AdminOrder }) {
  const waiting = useWaiting()(order.waitingSeconds);
  if (!waiting) return null;
  const long = (order.waitingSeconds ?? 0) > 4 * 3600;
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1 text-xs font-medium',
        long ? 'text-red-700 dark:text-red-300' : 'text-amber-800 dark:text-amber-300',
      )}
    >
      <Hourglass aria-hidden="true" className="size-3.5" />
      {waiting}
    </span>
  );
}

function OrderTable({ orders }: { orders: AdminOrder[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const regionText = useRegionText();
  const actionLabel = (order: AdminOrder) =>
    order.status === 'paid' || order.status === 'processing'
      ? t('admin.orders.prepare')
      : t('admin.orders.view');
  const actionLink = (order: AdminOrder) => (
    <Link
      to={`/admin/orders/${order.id}`}
      aria-label={t('admin.orders.openLabel', { number: order.orderNumber })}
      className={buttonVariants({
        variant: order.status === 'paid' ? 'primary' : 'outline',
        size: 'sm',
      })}
    >
      {actionLabel(order)}
    </Link>
  );
  const numberLink = (order: AdminOrder) => (
    <Link
      to={`/admin/orders/${order.id}`}
      className="font-mono text-xs font-semibold hover:text-primary hover:underline"
    >
      {order.orderNumber}
    </Link>
  );
  const total = (order: AdminOrder) => format.money(order.totalMinor, order.currency);
  const region = (order: AdminOrder) => regionText.name(order.region, order.region);
  return (
    <DataTable
      scroll
      rows={orders}
      rowKey={(order) => order.id}
      rowData={(order) => ({ 'data-testid': 'admin-order-row', 'data-status': order.status })}
      columns={[
        {
          id: 'order',
          header: t('admin.orders.colOrder'),
          cell: (order) => (
            <>
              {numberLink(order)}
              <span className="block text-xs text-muted-foreground">
                <time dateTime={order.createdAt}>{format.dateTime(order.createdAt)}</time>
              </span>
            </>
          ),
        },
        {
          id: 'customer',
          header: t('admin.orders.colCustomer'),
          className: 'max-w-56',
          cell: (order) => (
            <>
              <span className="block truncate font-medium">{order.customer.name}</span>
              <span className="block truncate text-xs text-muted-foreground" title={order.customer.email}>
                {order.customer.email}
              </span>
            </>
          ),
        },
        {
          id: 'plan',
          header: t('admin.orders.colPlan'),
          cell: (order) => (
            <>
              <span className="font-medium">{order.product.name}</span>
              <span className="block text-xs text-muted-foreground">
                {t('period.months', { count: order.periodMonths })} · {region(order)}
              </span>
            </>
          ),
        },
        {
          id: 'total',
          header: t('admin.orders.colTotal'),
          alignRight: true,
          className: 'font-semibold whitespace-nowrap',
          cell: total,
        },
        {
          id: 'status',
          header: t('admin.orders.colStatus'),
          cell: (order) => (
            <div className="flex flex-col items-start gap-1">
              <StatusBadge kind="order" status={order.status} />
              <Waiting order={order} />
            </div>
          ),
        },
        {
          id: 'actions',
          header: t('admin.colActions'),
          srOnlyHeader: true,
          className: 'text-right',
          cell: actionLink,
        },
      ]}
      cardData={() => ({ 'data-testid': 'admin-order-card' })}
      card={(order) => (
        <>
          <CardHead aside={<StatusBadge kind="order" status={order.status} />}>
            {numberLink(order)}
            <p className="font-medium">{order.product.name}</p>
          </CardHead>
          <CardFields
            fields={[
              {
                label: t('admin.orders.colCustomer'),
                value: order.customer.email,
                className: 'col-span-2 min-w-0',
                valueClassName: 'truncate',
              },
              { label: t('admin.orders.colTotal'), value: total(order), valueClassName: 'font-semibold' },
              { label: t('admin.orders.colRegion'), value: region(order) },
            ]}
          />
          <div className="flex items-center justify-between gap-2">
            <Waiting order={order} />
            <span className="ml-auto">{actionLink(order)}</span>
          </div>
        </>
      )}
    />
  );
}
