import { useTranslation } from 'react-i18next';
import { ORDER_STATUSES, type OrderHistoryEntry, type OrderStatus } from '../../api/models.ts';
import { useFormat } from '../../lib/format.ts';
import { OrderNote } from './OrderNote.tsx';

const isOrderStatus = (value: string): value is OrderStatus => ORDER_STATUSES.includes(value as OrderStatus);

/**
 * An order's status timeline, as the server sends it, with who changed it and the note: the customer's order page
 * (`orders.detail.*` texts) and the staff's (`admin.order.*`, which also shows the notes staff typed).
 */
export function OrderTimeline({
  entries,
  texts,
  testId,
}: {
  entries: OrderHistoryEntry[];
  texts: 'orders.detail' | 'admin.order';
  testId: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (entries.length === 0) return <p className="text-sm text-muted-foreground">{t(`${texts}.noHistory`)}</p>;
  const actor = (type: string) =>
    type === 'customer'
      ? t(`${texts}.actor.customer`)
      : type === 'admin'
        ? t(`${texts}.actor.admin`)
        : t(`${texts}.actor.system`);
  return (
    <ol className="relative flex flex-col gap-4 border-l border-border pl-5" data-testid={testId}>
      {entries.map((entry, i) => (
        <li key={`${entry.createdAt}-${i}`} className="relative">
          <span
            aria-hidden="true"
            className="absolute top-1.5 -left-[1.6rem] size-3 rounded-full border-2 border-card bg-primary"
          />
          <p className="text-sm font-medium">
            {isOrderStatus(entry.toStatus) ? t(`status.order.${entry.toStatus}`) : entry.toStatus}
          </p>
          <p className="text-xs text-muted-foreground">
            <time dateTime={entry.createdAt}>{format.dateTime(entry.createdAt)}</time> ·{' '}
            {actor(entry.actorType)}
          </p>
          <OrderNote entry={entry} showFreeText={texts === 'admin.order'} />
        </li>
      ))}
    </ol>
  );
}
