import type { DbOrTx, Tx } from '../../db/client.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import type { GatewayPayment, PaymentGateway } from '../../integrations/payments/gateway.ts';
import { staffNotice } from '../notifications/in-app.ts';
import type { OrdersRepo, OrderRow } from '../orders/orders.repo.ts';
import { orderNote } from '../orders/orders.notes.ts';
import { transitionOrder } from '../orders/orders.service.ts';
import type { PaymentsRepo, TransactionRow } from './payments.repo.ts';
import type { AutoRefund, AutoRefunds } from './payments.refunds.ts';
import { judgeReport, refundOwedOn, settledProviderTxId, type Charge } from './payments.settle.rules.ts';

export interface PayableInvoice {
  id: string;
  userId: string;
  invoiceNumber: string | null;
  status: string;
  totalMinor: number;
  currency: string;
}

/** What payments needs from billing to take the payment of an invoice. */
export interface InvoicePaymentPort {
  find(id: string): Promise<PayableInvoice | undefined>;
  /** Marks the invoice paid by this transaction inside `tx` (its side effects are queued in it). */
  applyPayment(
    tx: DbOrTx,
    invoiceId: string,
    payment: { provider: string; reference: string; transactionId: string },
  ): Promise<{ alreadyPaid: boolean }>;
}

/** A webhook delivery, recorded as processed in the transaction that applies it. */
export interface WebhookClaim {
  provider: string;
  eventId: string;
  type: string;
  payload: Record<string, unknown>;
}

export interface SettlementDeps {
  repo: PaymentsRepo;
  orders: OrdersRepo;
  clock: Clock;
  logger: Logger;
  gatewayFor: (provider: string) => Promise<PaymentGateway | undefined>;
  refunds: AutoRefunds;
  onOrdersPaidInTx?: (tx: DbOrTx, orderIds: string[]) => Promise<void>;
  onSettled?: (provider: string, outcome: string) => void;
  invoices?: InvoicePaymentPort;
}

/**
 * Settlement: the one place that marks orders and invoices paid (exactly once), refuses a wrong amount, and turns a
 * payment for something already paid into an automatic refund; plus ending replaced checkouts at their gateway.
 */
export function createSettlement(deps: SettlementDeps) {
  const { repo, orders, clock, logger, gatewayFor, refunds } = deps;

  /** A succeeded payment for an invoice: marks it paid; why not, when it cannot be (paid already, void). */
  async function settleInvoice(dbTx: DbOrTx, row: TransactionRow): Promise<AutoRefund['reason'] | null> {
    try {
      const result = await deps.invoices!.applyPayment(dbTx, row.invoiceId!, {
        provider: row.provider,
        reference: row.reference ?? row.id,
        transactionId: row.id,
      });
      return result.alreadyPaid ? 'invoice_already_paid' : null;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      logger.warn({ err: error, txId: row.id }, 'payment for an invoice that takes no payment');
      return 'invoice_not_payable';
    }
  }

  /**
   * The one place that marks orders paid. Idempotent. The order-paid e-mails are queued in the settling transaction
   * (a crash after the commit cannot lose them); a webhook is recorded as processed in it too (`meta.webhook`), so a
   * crash before the commit lets the redelivery apply it. A payment that can no longer be applied (its orders or
   * invoice were paid through another checkout) is refunded through its gateway after the commit.
   */
  async function settleOnce(
    txId: string,
    payment: GatewayPayment,
    meta: { eventId?: string; source: string; webhook?: WebhookClaim },
  ): Promise<{ paid: string[]; duplicate: boolean }> {
    const now = clock.now();
    let paid: string[] = [];
    let duplicate = false;
    let settled: { provider: string; outcome: string } | null = null;
    let ended: TransactionRow[] = [];
    await repo.transaction(async (dbTx) => {
      if (meta.webhook && !(await repo.claimWebhook(dbTx, meta.webhook))) {
        duplicate = true;
        return;
      }
      const row = await repo.lock(dbTx, txId);
      const verdict = judgeReport(row, payment);
      if (verdict.kind === 'ignore' || !row) return;
      settled = { provider: row.provider, outcome: payment.status };
      if (verdict.kind === 'foreign') {
        logger.warn(
          { txId, reported: payment.paymentId },
          'payment reference does not match the transaction; ignored',
        );
        return;
      }
      const raw = { ...(row.raw ?? {}), [`${meta.source}At`]: now.toISOString(), last: payment.raw };
      if (verdict.kind === 'not_paid') {
        await repo.update(
          row.id,
          { status: verdict.status, raw, providerEventId: meta.eventId ?? row.providerEventId },
          dbTx,
        );
        // A renewal that could not be paid is a service heading for suspension: the staff hears of it.
        if (verdict.status === 'failed' && row.invoiceId) {
          await repo.notifyAdmins(
            dbTx,
            staffNotice.renewalPaymentFailed({
              reference: row.reference ?? row.invoiceId,
              provider: row.provider,
            }),
          );
        }
        return;
      }
      if (verdict.kind === 'mismatch') {
        const { expected } = verdict;
        await repo.update(row.id, { status: 'mismatch', raw }, dbTx);
        settled.outcome = 'mismatch';
        await repo.notifyAdmins(
          dbTx,
          staffNotice.paymentMismatch({
            paymentId: row.id,
            provider: row.provider,
            reported: { amountMinor: payment.amountMinor, currency: payment.currency },
            expected,
          }),
        );
        return;
      }
      const applied = await applyPayment(dbTx, row, payment, verdict.expected, {
        now,
        raw,
        eventId: meta.eventId,
      });
      paid = applied.paid;
      ended = applied.ended;
      settled.outcome = applied.outcome;
    });
    const outcome = settled as { provider: string; outcome: string } | null;
    if (outcome) deps.onSettled?.(outcome.provider, outcome.outcome);
    await expireAtGateway(ended);
    if (!duplicate) {
      // A webhook lets a failed refund through (5xx: the provider redelivers and the retry refunds); the other
      // paths settled what the customer sees and leave the owed refund to the next delivery or the admin.
      await refunds.refundOwed(txId).catch((error: unknown) => {
        if (meta.source === 'webhook') throw error;
        logger.error({ err: error, txId }, 'automatic refund of a duplicate payment failed; it stays owed');
      });
    }
    return { paid, duplicate };
  }

  /**
   * Money arrived as asked: marks the pending orders paid and the invoice paid; what can no longer take it (paid
   * through another checkout, an invoice that takes no payment) becomes a refund owed on the row.
   */
  async function applyPayment(
    dbTx: Tx,
    row: TransactionRow,
    payment: GatewayPayment,
    expected: Charge,
    at: { now: Date; raw: Record<string, unknown>; eventId: string | undefined },
  ): Promise<{ paid: string[]; ended: TransactionRow[]; outcome: 'succeeded' | 'duplicate' }> {
    const paid: string[] = [];
    const alreadyPaid: OrderRow[] = [];
    // Two checkouts of the same order settling at once: the second waits here and sees the order paid.
    await repo.lockPayables(dbTx, { orderIds: row.orderIds, invoiceId: null });
    for (const orderId of row.orderIds) {
      const order = await orders.findById(orderId, dbTx);
      if (!order) continue;
      if (order.status === 'pending') {
        await transitionOrder(
          orders,
          dbTx,
          order,
          'paid',
          { type: 'system', id: null },
          {
            ...orderNote.paid(row.provider, row.id),
            patch: { paidAt: at.now, paymentStatus: 'paid', paymentMethod: row.provider },
          },
        );
        paid.push(order.id);
      } else {
        alreadyPaid.push(order);
      }
    }
    const invoiceRefusal = row.invoiceId && deps.invoices ? await settleInvoice(dbTx, row) : null;
    const owed = refundOwedOn(row, expected, { paid, alreadyPaid, invoiceRefusal });
    const fullyRefunded = Boolean(owed) && !paid.length;
    await repo.update(
      row.id,
      {
        status: fullyRefunded ? 'duplicate' : 'succeeded',
        raw: owed ? { ...at.raw, autoRefund: owed } : at.raw,
        providerEventId: at.eventId ?? row.providerEventId,
        providerTxId: settledProviderTxId(row, payment),
      },
      dbTx,
    );
    if (paid.length) {
      await deps.onOrdersPaidInTx?.(dbTx, paid);
      await repo.notifyAdmins(dbTx, staffNotice.ordersPaid({ count: paid.length, provider: row.provider }));
    }
    // Paid: no other checkout of the same orders / invoice may still take money.
    const ended = fullyRefunded
      ? []
      : await repo.endLiveCheckouts(dbTx, {
          orderIds: paid,
          invoiceId: invoiceRefusal ? null : row.invoiceId,
          replacedBy: null,
        });
    return { paid, ended, outcome: fullyRefunded ? 'duplicate' : 'succeeded' };
  }

  async function settle(txId: string, payment: GatewayPayment, meta: { eventId?: string; source: string }) {
    const { paid } = await settleOnce(txId, payment, meta);
    return paid;
  }

  /** Best effort: a checkout that could not be expired and is still paid gets its payment refunded. */
  async function expireAtGateway(rows: TransactionRow[]): Promise<void> {
    for (const row of rows) {
      if (!row.providerTxId || row.provider === 'sandbox' || row.provider === 'bank_transfer') continue;
      try {
        const gateway = await gatewayFor(row.provider);
        const outcome = await gateway?.expireCheckout(row.providerTxId);
        logger.info(
          { txId: row.id, provider: row.provider, outcome },
          'replaced checkout ended at the gateway',
        );
      } catch (error) {
        logger.warn({ err: error, txId: row.id }, 'could not expire a replaced checkout at the gateway');
      }
    }
  }

  return { settle, settleOnce, expireAtGateway };
}

export type Settlement = ReturnType<typeof createSettlement>;
