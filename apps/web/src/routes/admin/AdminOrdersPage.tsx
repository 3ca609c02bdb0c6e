import { Hourglass, PackageCheck } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAdminOrders } from '../../api/admin.ts';
import { ORDER_STATUSES, type AdminOrder } from '../../api/types.ts';
import { Button, buttonVariants } from '../../components/ui/Button.tsx';
import { EmptyState } from '../../components/ui/EmptyState.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../components/ui/Skeleton.tsx';
import { StatusBadge } from '../../components/ui/StatusBadge.tsx';
import { cn } from '../../lib/cn.ts';
import { useFormat } from '../../lib/format.ts';
import { useRegionText } from '../../lib/regions.ts';
import {
  FilterSelect,
  PageHeader,
  Pagination,
  SearchBox,
  tableWrap,
  th,
  theadClass,
  useListParams,
  useWaiting,
} from './adminBits.tsx';

const PAGE_SIZE = 20;
const FILTERS = ['status', 'search'] as const;

/** `/admin/orders`: the fulfilment queue — paid orders first, oldest payment first, with how long they waited. */
export function AdminOrdersPage() {
  const { t } = useTranslation();
  const { values, page, set } = useListParams(FILTERS);
  const status = ORDER_STATUSES.find((s) => s === values.status);
  const query = { status, search: values.search || undefined, page, pageSize: PAGE_SIZE };
  const { data, isPending, error, refetch, isPlaceholderData } = useAdminOrders(query);
  const filtered = Boolean(status || values.search);

  return (
    <div className="flex flex-col gap-6">
      <title>{t('admin.orders.documentTitle')}</title>
      <PageHeader title={t('admin.orders.title')} subtitle={t('admin.orders.subtitle')} />

      <div className="flex flex-wrap items-end gap-3">
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
          value={values.search}
          onChange={(value) => set({ search: value })}
        />
        <p aria-live="polite" className="ml-auto min-h-5 text-sm text-muted-foreground">
          {data && t('admin.orders.count', { count: data.total })}
        </p>
      </div>

      <div className={cn('transition-opacity', isPlaceholderData && 'opacity-60')} aria-busy={isPending}>
        {error && !data ? (
          <ErrorState error={error} onRetry={() => void refetch()} />
        ) : isPending ? (
          <div className="flex flex-col gap-3">
            {Array.from({ length: 5 }, (_, i) => (
              <Skeleton key={i} className="h-16 w-full rounded-xl" />
            ))}
          </div>
        ) : data.items.length === 0 ? (
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
        ) : (
          <OrderTable orders={data.items} />
        )}
      </div>

      {data && (
        <Pagination page={page} total={data.total} pageSize={PAGE_SIZE} onPage={(p) => set({ page: p })} />
      )}
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
  return (
    <>
      <div className={tableWrap}>
        <table className="w-full text-left text-sm">
          <thead className={theadClass}>
            <tr>
              <th scope="col" className={th}>
                {t('admin.orders.colOrder')}
              </th>
              <th scope="col" className={th}>
                {t('admin.orders.colCustomer')}
              </th>
              <th scope="col" className={th}>
                {t('admin.orders.colPlan')}
              </th>
              <th scope="col" className={cn(th, 'text-right')}>
                {t('admin.orders.colTotal')}
              </th>
              <th scope="col" className={th}>
                {t('admin.orders.colStatus')}
              </th>
              <th scope="col" className={th}>
                <span className="sr-only">{t('admin.colActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {orders.map((order) => (
              <tr key={order.id} data-testid="admin-order-row" data-status={order.status}>
                <td className="px-3 py-3">
                  <Link
                    to={`/admin/orders/${order.id}`}
                    className="font-mono text-xs font-semibold hover:text-primary hover:underline"
                  >
                    {order.orderNumber}
                  </Link>
                  <span className="block text-xs text-muted-foreground">
                    <time dateTime={order.createdAt}>{format.dateTime(order.createdAt)}</time>
                  </span>
                </td>
                <td className="max-w-56 px-3 py-3">
                  <span className="block truncate font-medium">{order.customer.name}</span>
                  <span className="block truncate text-xs text-muted-foreground" title={order.customer.email}>
                    {order.customer.email}
                  </span>
                </td>
                <td className="px-3 py-3">
                  <span className="font-medium">{order.product.name}</span>
                  <span className="block text-xs text-muted-foreground">
                    {t('period.months', { count: order.periodMonths })} ·{' '}
                    {regionText.name(order.region, order.region)}
                  </span>
                </td>
                <td className="px-3 py-3 text-right font-semibold whitespace-nowrap">
                  {format.money(order.totalMinor, order.currency)}
                </td>
                <td className="px-3 py-3">
                  <div className="flex flex-col items-start gap-1">
                    <StatusBadge kind="order" status={order.status} />
                    <Waiting order={order} />
                  </div>
                </td>
                <td className="px-3 py-3 text-right">{actionLink(order)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="flex flex-col gap-3 md:hidden">
        {orders.map((order) => (
          <li
            key={order.id}
            data-testid="admin-order-card"
            className="flex flex-col gap-3 rounded-xl border border-border bg-card p-4"
          >
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0">
                <Link
                  to={`/admin/orders/${order.id}`}
                  className="font-mono text-xs font-semibold hover:text-primary hover:underline"
                >
                  {order.orderNumber}
                </Link>
                <p className="font-medium">{order.product.name}</p>
              </div>
              <StatusBadge kind="order" status={order.status} />
            </div>
            <dl className="grid grid-cols-2 gap-2 text-sm">
              <div className="col-span-2 min-w-0">
                <dt className="text-xs text-muted-foreground">{t('admin.orders.colCustomer')}</dt>
                <dd className="truncate">{order.customer.email}</dd>
              </div>
              <div>
                <dt className="text-xs text-muted-foreground">{t('admin.orders.colTotal')}</dt>
                <dd className="font-semibold">{format.money(order.totalMinor, order.currency)}</dd>
              </div>
              <div>
                <dt className="text-xs text-muted-foreground">{t('admin.orders.colRegion')}</dt>
                <dd>{regionText.name(order.region, order.region)}</dd>
              </div>
            </dl>
            <div className="flex items-center justify-between gap-2">
              <Waiting order={order} />
              <span className="ml-auto">{actionLink(order)}</span>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
