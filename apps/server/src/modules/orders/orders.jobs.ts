import { z } from 'zod';
import { defineJob } from '../../jobs/queue.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { SettingsService } from '../../settings/settings.service.ts';
import type { OrdersRepo } from './orders.repo.ts';
import { orderNote } from './orders.notes.ts';
import { transitionOrder } from './orders.service.ts';

/** Cancels orders left unpaid for `orders.unpaidCancelDays` days. Safe to run twice: only pending orders move. */
export async function cancelUnpaidOrders(deps: {
  repo: OrdersRepo;
  clock: Clock;
  settings: SettingsService;
}) {
  const days = await deps.settings.get('orders.unpaidCancelDays');
  const cutoff = new Date(deps.clock.now().getTime() - days * 86_400_000);
  const stale = await deps.repo.listPendingCreatedBefore(cutoff);
  let cancelled = 0;
  for (const order of stale) {
    const moved = await deps.repo
      .transaction((tx) =>
        transitionOrder(
          deps.repo,
          tx,
          order,
          'cancelled',
          { type: 'system', id: null },
          {
            ...orderNote.unpaidCancelled(days),
            patch: { cancelledAt: deps.clock.now() },
          },
        ),
      )
      .then(
        () => true,
        () => false, // paid or cancelled meanwhile
      );
    if (moved) cancelled++;
  }
  return { cancelled };
}

export const cancelUnpaidOrdersJob = (deps: {
  repo: OrdersRepo;
  clock: Clock;
  settings: SettingsService;
  logger: Logger;
}) =>
  defineJob({
    name: 'orders.cancel-unpaid',
    payload: z.object({}).passthrough(),
    cron: '17 * * * *',
    async handler() {
      const result = await cancelUnpaidOrders(deps);
      if (result.cancelled) deps.logger.info(result, 'cancelled unpaid orders');
    },
  });
