import { useTranslation } from 'react-i18next';
import type { AdminOrderDetail } from '../../../api/models.ts';
import { CopyButton } from '../../../components/ui/CopyButton.tsx';
import { cn } from '../../../lib/cn.ts';
import { useFormat } from '../../../lib/format.ts';
import { useRegionText } from '../../../lib/regions.ts';
import { OrderCard } from './OrderCard.tsx';

/** What the customer ordered: plan, period, region, image, keys, total and dates. */
export function SummaryCard({ order }: { order: AdminOrderDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const regionText = useRegionText();
  const rows: Array<[string, React.ReactNode]> = [
    [
      t('admin.order.customer'),
      <span key="c" className="flex min-w-0 flex-wrap items-center gap-x-2">
        <span className="font-medium">{order.customer.name}</span>
        <span className="break-all text-muted-foreground">{order.customer.email}</span>
        <CopyButton
          text={order.customer.email}
          iconOnly
          className="size-9"
          label={t('servers.copyLabel', { what: order.customer.email })}
        />
      </span>,
    ],
    [t('admin.order.plan'), `${order.product.name} (${order.product.contaboProductId})`],
    [t('admin.order.period'), t('period.months', { count: order.periodMonths })],
    [t('admin.order.region'), `${regionText.name(order.region, order.region)} (${order.region})`],
    [t('admin.order.image'), order.image ? order.image.name : '—'],
    [t('admin.order.hostname'), order.displayName ?? '—'],
    [
      t('admin.order.sshKeys'),
      order.sshKeys.length ? order.sshKeys.map((key) => key.name).join(', ') : t('admin.order.none'),
    ],
    [t('admin.order.userData'), order.hasUserData ? t('admin.order.yes') : t('admin.order.no')],
    [t('admin.order.total'), format.money(order.totalMinor, order.currency)],
    [t('admin.order.created'), format.dateTime(order.createdAt)],
    [t('admin.order.paid'), order.paidAt ? format.dateTime(order.paidAt) : '—'],
  ];
  return (
    <OrderCard title={t('admin.order.summaryTitle')}>
      <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
        {rows.map(([label, value], index) => (
          <div key={label} className={cn('flex min-w-0 flex-col gap-0.5', index === 0 && 'sm:col-span-2')}>
            <dt className="text-xs text-muted-foreground">{label}</dt>
            <dd className="min-w-0 text-sm break-words">{value}</dd>
          </div>
        ))}
      </dl>
    </OrderCard>
  );
}
