import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '../../db/client.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { firstName, formatDay, serverName, type LifecycleContext } from './billing.lifecycle.context.ts';
import { extensionOnPayment } from './billing.lifecycle.rules.ts';
import type { InvoiceRow } from './billing.repo.ts';
import type { TInvoiceDetail } from './billing.schemas.ts';

export interface InvoicePayment {
  provider: string;
  reference: string;
  userId?: string;
  transactionId?: string;
}

/** Paying an invoice: by a settled checkout (inside the settlement's transaction) or recorded by an admin. */
export function createInvoicePayment(ctx: LifecycleContext) {
  const { repo, billing, clock, logger, appUrl, sendOnce, queueContabo } = ctx;

  /**
   * Marks an issued (or overdue) invoice paid inside `tx`: links the transaction that paid it (or records a manual
   * one), extends the service by its period from the old expiry and lifts a suspension (queueing the server's start).
   * Paying a paid invoice again changes nothing.
   */
  async function applyPayment(
    tx: DbOrTx,
    invoiceId: string,
    payment: InvoicePayment,
  ): Promise<{ invoice: InvoiceRow; alreadyPaid: boolean }> {
    const now = clock.now();
    const invoice = await repo.lockInvoice(tx, invoiceId);
    if (!invoice || (payment.userId && invoice.userId !== payment.userId)) throw notFound('Invoice');
    if (invoice.status === 'paid') return { invoice, alreadyPaid: true };
    if (invoice.type !== 'invoice' || (invoice.status !== 'issued' && invoice.status !== 'overdue'))
      throw new AppError('conflict', `The invoice is ${invoice.status}`);
    let transactionId = payment.transactionId;
    if (transactionId) {
      await repo.linkTransaction(tx, transactionId, invoice.id);
    } else {
      transactionId = (
        await repo.insertTransaction(tx, {
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
        })
      ).id;
    }
    const paid = (await repo.updateInvoice(tx, invoice.id, { status: 'paid', paidAt: now }))!;
    if (invoice.vpsInstanceId && invoice.periodEnd) {
      const vps = await repo.lockService(tx, invoice.vpsInstanceId);
      const extension = extensionOnPayment(vps, invoice.periodEnd);
      if (vps && extension) {
        await repo.updateService(tx, vps.id, {
          expiresAt: extension.expiresAt,
          ...(extension.reactivate ? { serviceStatus: 'active', suspendedAt: null } : {}),
        });
        if (extension.reactivate) {
          const user = await repo.findUser(tx, vps.userId);
          if (user) {
            await sendOnce(tx, now, user, null, 'service-reactivated', (language) => ({
              name: firstName(user),
              serverName: serverName(vps),
              expiresDate: formatDay(invoice.periodEnd!, language),
              link: `${appUrl}/panel/servers/${vps.id}`,
            }));
          }
          await queueContabo(tx, { vpsId: vps.id, action: 'start' }, now);
        }
      }
    }
    logger.info({ invoiceId, transactionId }, 'invoice paid');
    return { invoice: paid, alreadyPaid: false };
  }

  return {
    applyPayment,

    /** Records the payment of an invoice by the admin (bank transfer, cash …). Idempotent. */
    async payInvoice(
      invoiceId: string,
      payment: { provider: string; reference: string; userId?: string },
      audit?: (tx: DbOrTx, invoice: InvoiceRow) => Promise<void>,
    ): Promise<TInvoiceDetail> {
      // The admin's audit row commits with the payment, or the payment is not recorded (#15-7).
      const result = await repo.transaction(async (tx) => {
        const applied = await applyPayment(tx, invoiceId, payment);
        if (audit) await audit(tx, applied.invoice);
        return applied;
      });
      return billing.detail(result.invoice);
    },
  };
}
