import { useTranslation } from 'react-i18next';
import { ORDER_STATUSES, type OrderHistoryEntry, type OrderStatus } from '../../../api/models.ts';
import { OrderNote } from '../../../components/orders/OrderNote.tsx';
import { useFormat } from '../../../lib/format.ts';

/** The order's status timeline, newest as the server sends it, with who changed it and the note. */
export function OrderHistory({ entries }: { entries: OrderHistoryEntry[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (entries.length === 0)
    return <p className="text-sm text-muted-foreground">{t('admin.order.noHistory')}</p>;
  const actor = (type: string) =>
    type === 'customer'
      ? t('admin.order.actor.customer')
      : type === 'admin'
        ? t('admin.order.actor.admin')
        : t('admin.order.actor.system');
  return (
    <ol
      className="relative flex flex-col gap-4 border-l border-border pl-5"
      data-testid="admin-order-history"
    >
      {entries.map((entry, i) => (
        <li key={`${entry.createdAt}-${i}`} className="relative">
          <span
            aria-hidden="true"
            className="absolute top-1.5 -left-[1.6rem] size-3 rounded-full border-2 border-card bg-primary"
          />
          <p className="text-sm font-medium">
            {ORDER_STATUSES.includes(entry.toStatus as OrderStatus)
              ? t(`status.order.${entry.toStatus as OrderStatus}`)
              : entry.toStatus}
          </p>
          <p className="text-xs text-muted-foreground">
            <time dateTime={entry.createdAt}>{format.dateTime(entry.createdAt)}</time> ·{' '}
            {actor(entry.actorType)}
          </p>
          <OrderNote entry={entry} showFreeText />
        </li>
      ))}
    </ol>
  );
}
