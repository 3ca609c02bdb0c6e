import { z } from 'zod';
import { defineJob } from '../../jobs/queue.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { SettingsService } from '../../settings/settings.service.ts';
import type { TicketNotifier } from './tickets.notify.ts';
import type { TicketsRepo } from './tickets.repo.ts';

export const AUTO_CLOSE_JOB = 'tickets.auto-close';

/**
 * Closes tickets that waited on the customer (`answered`) for `tickets.autoCloseDays`, each with an e-mail saying so.
 * One statement closes them and the e-mails are queued in the same transaction: a re-run or a second worker finds
 * nothing left to close, so nobody is told twice.
 */
export function createAutoCloser(deps: {
  repo: TicketsRepo;
  settings: SettingsService;
  notify: TicketNotifier;
  clock: Clock;
  logger: Logger;
}) {
  return async function autoClose(): Promise<{ closed: number }> {
    const days = await deps.settings.get('tickets.autoCloseDays');
    const now = deps.clock.now();
    const cutoff = new Date(now.getTime() - days * 86_400_000);
    const closed = await deps.repo.transaction(async (tx) => {
      const rows = await deps.repo.closeStaleAnswered(tx, cutoff, now);
      for (const ticket of rows) {
        const customer = await deps.repo.person(ticket.userId, tx);
        if (customer) await deps.notify.autoClosed(tx, ticket, customer, days);
      }
      return rows;
    });
    for (const ticket of closed) await deps.notify.publish('ticket.updated', ticket, true);
    if (closed.length) deps.logger.info({ closed: closed.length }, 'auto-closed answered tickets');
    return { closed: closed.length };
  };
}

export const autoCloseTicketsJob = (autoClose: () => Promise<unknown>) =>
  defineJob({
    name: AUTO_CLOSE_JOB,
    payload: z.object({}).passthrough(),
    cron: '23 * * * *',
    retryLimit: 2,
    handler: async () => {
      await autoClose();
    },
  });
