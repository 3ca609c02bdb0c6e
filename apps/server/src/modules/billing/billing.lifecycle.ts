import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ContaboClient } from '@cloud-vertice/contabo';
import type { DbOrTx } from '../../db/client.ts';
import { defineJob } from '../../jobs/queue.ts';
import { addMonths, type Clock } from '../../lib/clock.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import type { SettingsService } from '../settings/settings.service.ts';
import { INVOICE_TEXT, isoDay, languageOf } from './billing.i18n.ts';
import type { BillingRepo } from './billing.repo.ts';
import { presentInvoiceDetail, type BillingService } from './billing.service.ts';
import type { TInvoiceDetail } from './billing.schemas.ts';

const DAY = 86_400_000;

export interface BillingLifecycleDeps {
  repo: BillingRepo;
  billing: BillingService;
  settings: SettingsService;
  clock: Clock;
  logger: Logger;
  contabo: () => ContaboClient;
}

export const renewalKey = (vpsId: string, expiresAt: Date) => `renewal:${vpsId}:${expiresAt.toISOString()}`;

/**
 * The service lifecycle driven by the clock: a renewal invoice some days before a service expires (due at expiry),
 * overdue after the due date, suspension (and a stop through Contabo) after the grace days; paying the renewal extends
 * the service from its old expiry and lifts a suspension. Every step is keyed by what it acts on, so a rerun is a no-op.
 */
export function createBillingLifecycle(deps: BillingLifecycleDeps) {
  const { repo, billing, settings, clock, logger } = deps;

  async function issueRenewals(now: Date): Promise<number> {
    const days = await settings.get('billing.renewalDaysBefore');
    const currencyDefault = await settings.get('store.currency');
    const due = await repo.servicesDueForRenewal(new Date(now.getTime() + days * DAY));
    let issued = 0;
    for (const { vps, order, plan, price, productCurrency, regionName } of due) {
      const expiresAt = vps.expiresAt!;
      const key = renewalKey(vps.id, expiresAt);
      const months = vps.periodMonths;
      const end = addMonths(expiresAt, months);
      // The price agreed on the order when it covers the same period; otherwise today's monthly price.
      const samePeriod = order && order.periodMonths === months;
      const unitPriceMinor = samePeriod
        ? order.subtotalMinor + order.regionSurchargeMinor
        : (price ?? 0) * months;
      const currency = order?.currency ?? productCurrency ?? currencyDefault;
      const user = await repo.findUser(repo.db, vps.userId);
      const text = INVOICE_TEXT[languageOf(user?.language)];
      const renewal = languageOf(user?.language) === 'en' ? 'Renewal' : 'Renovación';
      const name = vps.displayName ?? vps.name ?? String(vps.contaboInstanceId);
      const existed = await repo.findByIdempotencyKey(repo.db, key);
      if (existed) continue;
      await repo.db.transaction((tx) =>
        billing.issue(tx, {
          key,
          userId: vps.userId,
          currency,
          status: 'issued',
          dueAt: expiresAt,
          vpsInstanceId: vps.id,
          orderId: null,
          periodStart: expiresAt,
          periodEnd: end,
          lines: [
            {
              description:
                `${renewal}: ${text.plan} ${plan ?? ''} "${name}" — ${text.months(months)} — ` +
                `${text.region}: ${regionName ?? vps.region ?? ''} — ${isoDay(expiresAt)} → ${isoDay(end)}`,
              quantity: 1,
              unitPriceMinor,
              periodStart: expiresAt,
              periodEnd: end,
            },
          ],
        }),
      );
      issued++;
    }
    return issued;
  }

  async function suspendUnpaid(now: Date): Promise<number> {
    const grace = await settings.get('billing.suspendAfterDays');
    const rows = await repo.unpaidServiceInvoicesDueBefore(new Date(now.getTime() - grace * DAY));
    let suspended = 0;
    for (const { invoice, vps } of rows) {
      const changed = await repo.db.transaction(async (tx) => {
        const current = await repo.lockService(tx, vps.id);
        if (!current || current.serviceStatus !== 'active') return false;
        await repo.updateService(tx, vps.id, { serviceStatus: 'suspended', suspendedAt: now });
        return true;
      });
      if (!changed) continue;
      suspended++;
      logger.info({ vpsId: vps.id, invoiceId: invoice.id }, 'service suspended for an unpaid invoice');
      await deps
        .contabo()
        .actions.stop(vps.contaboInstanceId, { traceId: `suspend:${vps.id}` })
        .catch((error: unknown) =>
          logger.error({ err: error, vpsId: vps.id }, 'stopping a suspended service through Contabo failed'),
        );
    }
    return suspended;
  }

  return {
    /** One pass of the lifecycle at the clock's time; safe to run twice. */
    async run() {
      const now = clock.now();
      const issued = await issueRenewals(now);
      const overdue = await repo.markOverdue(now);
      const suspended = await suspendUnpaid(now);
      return { issued, overdue, suspended };
    },

    /**
     * Records the payment of an issued (or overdue) invoice: marks it paid, writes the transaction and, for a
     * service invoice, extends the service by its period from the old expiry and lifts a suspension. Idempotent.
     */
    async payInvoice(
      invoiceId: string,
      payment: { provider: string; reference: string; userId?: string },
      outer?: DbOrTx,
    ): Promise<TInvoiceDetail> {
      const now = clock.now();
      let restart: { vpsId: string; contaboInstanceId: number } | null = null;
      const work = async (tx: DbOrTx) => {
        const invoice = await repo.lockInvoice(tx, invoiceId);
        if (!invoice || (payment.userId && invoice.userId !== payment.userId)) throw notFound('Invoice');
        if (invoice.status === 'paid') return invoice;
        if (invoice.status !== 'issued' && invoice.status !== 'overdue')
          throw new AppError('conflict', `The invoice is ${invoice.status}`);
        const tr = await repo.insertTransaction(tx, {
          id: randomUUID(),
          invoiceId: invoice.id,
          userId: invoice.userId,
          kind: 'payment',
          provider: payment.provider,
          providerTxId: `invoice_${invoice.id}`,
          amountMinor: invoice.totalMinor,
          currency: invoice.currency,
          status: 'succeeded',
          reference: payment.reference,
          createdAt: now,
        });
        const paid = await repo.updateInvoice(tx, invoice.id, { status: 'paid', paidAt: now });
        if (invoice.vpsInstanceId && invoice.periodEnd) {
          const vps = await repo.lockService(tx, invoice.vpsInstanceId);
          if (vps && (!vps.expiresAt || vps.expiresAt < invoice.periodEnd)) {
            const wasSuspended = vps.serviceStatus === 'suspended';
            await repo.updateService(tx, vps.id, {
              expiresAt: invoice.periodEnd,
              ...(wasSuspended ? { serviceStatus: 'active', suspendedAt: null } : {}),
            });
            if (wasSuspended) restart = { vpsId: vps.id, contaboInstanceId: vps.contaboInstanceId };
          }
        }
        logger.info({ invoiceId, transactionId: tr.id }, 'invoice paid');
        return paid!;
      };
      const paid = outer ? await work(outer) : await repo.db.transaction(work);
      const resume = restart as { vpsId: string; contaboInstanceId: number } | null;
      if (resume) {
        await deps
          .contabo()
          .actions.start(resume.contaboInstanceId, { traceId: `unsuspend:${resume.vpsId}` })
          .catch((error: unknown) =>
            logger.error({ err: error, vpsId: resume.vpsId }, 'starting a reactivated service failed'),
          );
      }
      return presentInvoiceDetail(paid, await repo.items(paid.id));
    },
  };
}

export type BillingLifecycle = ReturnType<typeof createBillingLifecycle>;

export const billingLifecycleJob = (lifecycle: BillingLifecycle, logger: Logger) =>
  defineJob({
    name: 'billing.lifecycle',
    payload: z.object({}).passthrough(),
    cron: '23 * * * *',
    async handler() {
      const result = await lifecycle.run();
      if (result.issued || result.overdue || result.suspended) logger.info(result, 'billing lifecycle');
    },
  });
