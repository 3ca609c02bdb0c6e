import { customerNotice } from '../notifications/in-app.ts';
import {
  firstName,
  formatDay,
  money,
  serverName,
  type LifecycleContext,
  type VpsRow,
} from './billing.lifecycle.context.ts';
import {
  endingOf,
  maySuspend,
  suspensionCutoff,
  terminatesAt,
  terminationCutoff,
} from './billing.lifecycle.rules.ts';
import type { BillingUserRow } from './billing.repo.ts';
import { adminTask } from './billing.tasks.ts';

/**
 * The lifecycle's state changes: suspension (and a stop through Contabo) after the grace days, termination after
 * more days suspended, and the end of services whose owner asked to stop at the period end. Each happens in one
 * transaction guarded by the locked service row, so it happens once.
 */
export function createSuspension(ctx: LifecycleContext) {
  const { repo, settings, logger, bells, queueContabo, sendOnce, invoiceLink, appUrl } = ctx;

  async function suspendUnpaid(now: Date): Promise<number> {
    const grace = await settings.get('billing.suspendAfterDays');
    const terminateAfter = await settings.get('billing.terminateAfterDays');
    const rows = await repo.unpaidServiceInvoicesDueBefore(suspensionCutoff(now, grace));
    let suspended = 0;
    for (const { invoice, vps, user } of rows) {
      const changed = await repo.transaction(async (tx) => {
        if (!maySuspend(await repo.lockService(tx, vps.id))) return false;
        await repo.updateService(tx, vps.id, { serviceStatus: 'suspended', suspendedAt: now });
        await queueContabo(tx, { vpsId: vps.id, action: 'stop' }, now);
        const notice = {
          key: `suspended:${vps.id}:${now.toISOString()}`,
          kind: 'suspended',
          invoiceId: invoice.id,
          vpsId: vps.id,
        };
        return sendOnce(
          tx,
          now,
          user,
          notice,
          'service-suspended',
          (language) => ({
            name: firstName(user),
            serverName: serverName(vps),
            invoiceNumber: invoice.invoiceNumber ?? '',
            amount: money(invoice, language),
            terminateDate: formatDay(terminatesAt(now, terminateAfter), language),
            link: invoiceLink(invoice.id),
          }),
          (language) => [
            customerNotice.suspended(user.id, language, {
              invoiceId: invoice.id,
              serverName: serverName(vps),
            }),
          ],
        );
      });
      await bells.ring();
      if (!changed) continue;
      suspended++;
      logger.info({ vpsId: vps.id, invoiceId: invoice.id }, 'service suspended for an unpaid invoice');
    }
    return suspended;
  }

  /**
   * Ends a service: marks it terminated (unpaid) or cancelled (asked to end at the period end), voids what is left
   * unpaid, opens the admin task to cancel the instance at Contabo and tells the customer — all in one transaction
   * guarded by the service row, so it happens once. With `billing.cancelAtContabo` on, the platform then cancels the
   * instance through the API and closes the task.
   */
  async function endService(
    vps: VpsRow,
    user: BillingUserRow,
    reason: 'unpaid' | 'cancelled',
    now: Date,
  ): Promise<boolean> {
    const terminateAfter = await settings.get('billing.terminateAfterDays');
    const cancelAtContabo = await settings.get('billing.cancelAtContabo');
    const ended = await repo.transaction(async (tx) => {
      const status = endingOf(await repo.lockService(tx, vps.id), reason, now);
      if (!status) return null;
      await repo.updateService(tx, vps.id, { serviceStatus: status, terminatedAt: now });
      await repo.voidOpenInvoicesOf(tx, vps.id, now);
      const task = await repo.insertTask(tx, {
        ...adminTask.contaboCancel({
          instanceId: vps.contaboInstanceId,
          serverName: serverName(vps),
          reason,
          days: terminateAfter,
        }),
        key: `contabo-cancel:${vps.id}:${now.toISOString()}`,
        vpsInstanceId: vps.id,
        createdAt: now,
      });
      // A suspended server is stopped already; one ending at its period end is stopped now.
      if (reason === 'cancelled') await queueContabo(tx, { vpsId: vps.id, action: 'stop' }, now);
      if (cancelAtContabo && task) {
        await queueContabo(tx, { vpsId: vps.id, action: 'cancel', taskId: task.id }, now);
      }
      await sendOnce(tx, now, user, null, 'service-ended', () => ({
        name: firstName(user),
        serverName: serverName(vps),
        reason,
        link: `${appUrl}/panel/invoices`,
      }));
      return status;
    });
    if (ended) logger.info({ vpsId: vps.id, reason }, `service ${ended}`);
    return ended !== null;
  }

  async function terminateSuspended(now: Date): Promise<number> {
    const terminateAfter = await settings.get('billing.terminateAfterDays');
    let ended = 0;
    for (const { vps, user } of await repo.suspendedSince(terminationCutoff(now, terminateAfter))) {
      if (await endService(vps, user, 'unpaid', now)) ended++;
    }
    return ended;
  }

  async function endCancelled(now: Date): Promise<number> {
    let ended = 0;
    for (const { vps, user } of await repo.endingAtPeriodEnd(now)) {
      if (await endService(vps, user, 'cancelled', now)) ended++;
    }
    return ended;
  }

  return { suspendUnpaid, terminateSuspended, endCancelled };
}
