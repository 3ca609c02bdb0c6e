import { randomUUID } from 'node:crypto';
import { ManualClock } from '../../src/lib/clock.ts';
import { createLogger } from '../../src/lib/logger.ts';
import type { GatewayPayment } from '../../src/integrations/payments/gateway.ts';
import type { TransactionRow } from '../../src/modules/payments/payments.repo.ts';
import { createAutoRefunds } from '../../src/modules/payments/payments.refunds.ts';
import { createSettlement } from '../../src/modules/payments/payments.settle.ts';
import { createWebhookHandler } from '../../src/modules/payments/payments.webhooks.ts';
import { MemoryGateway, MemoryPaymentsStore } from './payments.ts';

/**
 * Settlement, automatic refunds and the webhook handler wired over the in-memory store and one Stripe-like gateway,
 * with a manual clock; records what settlement hands out (paid hooks, metrics outcomes, e-mails).
 */
export function paymentsHarness() {
  const clock = new ManualClock('2026-03-02T10:00:00Z');
  const store = new MemoryPaymentsStore(clock);
  const repo = store.paymentsRepo();
  const orders = store.ordersRepo();
  const gateway = new MemoryGateway('stripe');
  const gatewayFor = async (provider: string) => (provider === gateway.provider ? gateway : undefined);
  const logger = createLogger('silent');
  const mails: { to: string; template: string; data: Record<string, unknown> }[] = [];
  const outcomes: string[] = [];
  const paidHooks: string[][] = [];
  /** Set to make the in-transaction hook fail (as a crash before the commit would). */
  const hooks: { failOrdersPaid: Error | null } = { failOrdersPaid: null };
  const refunds = createAutoRefunds({
    repo,
    clock,
    logger,
    appUrl: 'https://cloudvertice.test',
    gatewayFor,
    mail: {
      async queue(input: unknown) {
        mails.push(input as (typeof mails)[number]);
        return { id: randomUUID() };
      },
    },
  });
  const settlement = createSettlement({
    repo,
    orders,
    clock,
    logger,
    gatewayFor,
    refunds,
    async onOrdersPaidInTx(_tx, orderIds) {
      if (hooks.failOrdersPaid) throw hooks.failOrdersPaid;
      paidHooks.push(orderIds);
    },
    onSettled: (provider, outcome) => outcomes.push(`${provider}:${outcome}`),
  });
  const handleWebhook = createWebhookHandler({
    repo,
    logger,
    gatewayFor,
    settleOnce: settlement.settleOnce,
    refunds,
  });
  const user = store.addUser();

  /** The gateway reports this checkout paid (or `status`) for `amountMinor`/`currency`, as the row expects by default. */
  function report(row: TransactionRow, fields: Partial<GatewayPayment> = {}): GatewayPayment {
    const payment: GatewayPayment = {
      providerTxId: row.providerTxId!,
      paymentId: row.id,
      status: 'succeeded',
      amountMinor: row.providerAmountMinor ?? row.amountMinor,
      currency: row.providerCurrency ?? row.currency,
      raw: { from: 'memory gateway' },
      ...fields,
    };
    gateway.report(payment);
    return payment;
  }

  /** Delivers a webhook event about this checkout (same `eventId` = a redelivery). */
  function deliver(row: TransactionRow, eventId: string) {
    const body = gateway.webhook({
      eventId,
      type: 'checkout.session.completed',
      providerTxId: row.providerTxId,
      paymentId: row.id,
      raw: { id: eventId },
    });
    return handleWebhook('stripe', {}, body, {});
  }

  return { clock, store, gateway, mails, outcomes, paidHooks, hooks, settlement, user, report, deliver };
}
