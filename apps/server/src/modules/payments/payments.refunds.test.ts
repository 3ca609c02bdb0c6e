import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../integrations/payments/gateway.ts';
import { paymentsHarness } from '../../../test/fakes/payments-harness.ts';

// A second payment of something already paid (two checkouts of one order, a cart overlapping a paid order): settlement
// over in-memory repositories turns it into an automatic refund through the gateway, told once to customer and staff.

function twoCheckoutsOfOneOrder() {
  const h = paymentsHarness();
  const order = h.store.addOrder({ userId: h.user.id, totalMinor: 4_500, subtotalMinor: 4_500 });
  const first = h.store.addCheckout([order], { provider: 'stripe', providerTxId: 'cs_first' });
  const second = h.store.addCheckout([order], { provider: 'stripe', providerTxId: 'cs_second' });
  return { ...h, order, first, second };
}

describe('settlement — a second payment of an already paid order', () => {
  it('paying one checkout ends the other live checkouts of the same order', async () => {
    const h = twoCheckoutsOfOneOrder();
    await h.settlement.settle(h.first.id, h.report(h.first), { source: 'return' });
    expect(h.store.row(h.second.id)).toMatchObject({ status: 'cancelled', raw: { replacedBy: 'paid' } });
  });

  it('is refunded in full through its gateway, once; the order stays paid by the first', async () => {
    const h = twoCheckoutsOfOneOrder();
    await h.settlement.settle(h.first.id, h.report(h.first), { source: 'return' });
    const paid = await h.settlement.settle(h.second.id, h.report(h.second), {
      source: 'webhook',
      eventId: 'evt_2',
    });
    expect(paid).toEqual([]);
    expect(h.gateway.refunds).toEqual([
      {
        providerTxId: 'cs_second',
        amountMinor: 4_500,
        currency: 'USD',
        idempotencyKey: `auto-refund-${h.second.id}`,
        reason: 'duplicate',
      },
    ]);
    const row = h.store.row(h.second.id);
    expect(row.status).toBe('refunded');
    expect(row.raw?.autoRefund).toMatchObject({
      amountMinor: 4_500,
      currency: 'USD',
      reason: 'order_already_paid',
      reference: h.order.orderNumber,
      refundId: 're_1',
      refundedAt: h.clock.now().toISOString(),
    });
    expect(h.store.order(h.order.id).status).toBe('paid');
    expect(h.store.orderHistory).toHaveLength(1);
    expect(h.paidHooks).toEqual([[h.order.id]]);
    expect(h.outcomes).toEqual(['stripe:succeeded', 'stripe:duplicate']);
    expect(h.store.adminNotes.map((n) => n.type)).toEqual(['order.paid', 'payment.duplicate_refunded']);
    expect(h.mails).toEqual([
      expect.objectContaining({
        to: h.user.email,
        template: 'payment-refunded',
        data: expect.objectContaining({ reference: h.order.orderNumber }),
      }),
    ]);

    // Told and refunded once: settling the refunded payment again changes nothing.
    await h.settlement.settle(h.second.id, h.report(h.second), { source: 'return' });
    expect(h.gateway.refunds).toHaveLength(1);
    expect(h.mails).toHaveLength(1);
  });

  it("a cart overlapping an order paid elsewhere pays the rest and refunds that order's share", async () => {
    const h = paymentsHarness();
    const a = h.store.addOrder({ userId: h.user.id, totalMinor: 1_000 });
    const b = h.store.addOrder({ userId: h.user.id, totalMinor: 2_500 });
    const alone = h.store.addCheckout([a], { provider: 'stripe', providerTxId: 'cs_a' });
    const cart = h.store.addCheckout([a, b], { provider: 'stripe', providerTxId: 'cs_cart' });
    await h.settlement.settle(alone.id, h.report(alone), { source: 'return' });
    const paid = await h.settlement.settle(cart.id, h.report(cart), { source: 'return' });
    expect(paid).toEqual([b.id]);
    expect(h.store.order(b.id).status).toBe('paid');
    expect(h.gateway.refunds.map((r) => [r.providerTxId, r.amountMinor])).toEqual([['cs_cart', 1_000]]);
    // Part of it was applied: the payment succeeded, with the refund of the rest recorded on it.
    expect(h.store.row(cart.id)).toMatchObject({
      status: 'succeeded',
      raw: { autoRefund: { amountMinor: 1_000, reason: 'order_already_paid', reference: a.orderNumber } },
    });
  });

  it('a webhook answers 5xx when the gateway fails the refund; the redelivery refunds once', async () => {
    const h = twoCheckoutsOfOneOrder();
    await h.settlement.settle(h.first.id, h.report(h.first), { source: 'return' });
    h.report(h.second);
    h.gateway.failNextRefund = new GatewayError('stripe is down', 'stripe', 503, true);
    await expect(h.deliver(h.second, 'evt_dup')).rejects.toThrow('stripe is down');
    expect(h.store.row(h.second.id)).toMatchObject({ status: 'duplicate', raw: { autoRefund: {} } });
    expect(h.store.row(h.second.id).raw?.autoRefund).not.toHaveProperty('refundId');
    expect(h.mails).toEqual([]);

    expect(await h.deliver(h.second, 'evt_dup')).toEqual({ received: true, duplicate: true });
    expect(h.gateway.refunds).toHaveLength(1);
    expect(h.store.row(h.second.id).status).toBe('refunded');
    expect(await h.deliver(h.second, 'evt_dup')).toEqual({ received: true, duplicate: true });
    expect(h.gateway.refunds).toHaveLength(1);
    expect(h.mails).toHaveLength(1);
  });

  it('the return page keeps a failed refund owed instead of failing the customer', async () => {
    const h = twoCheckoutsOfOneOrder();
    await h.settlement.settle(h.first.id, h.report(h.first), { source: 'return' });
    h.gateway.failNextRefund = new GatewayError('timeout', 'stripe', undefined, true);
    await expect(h.settlement.settle(h.second.id, h.report(h.second), { source: 'return' })).resolves.toEqual(
      [],
    );
    expect(h.store.row(h.second.id).status).toBe('duplicate');
    expect(h.gateway.refunds).toEqual([]);
  });

  it('a refund the gateway refuses for good is recorded once and left to an admin', async () => {
    const h = twoCheckoutsOfOneOrder();
    await h.settlement.settle(h.first.id, h.report(h.first), { source: 'return' });
    h.gateway.failNextRefund = new GatewayError('charge disputed', 'stripe', 400, false);
    h.report(h.second);
    await h.deliver(h.second, 'evt_refused');
    const row = h.store.row(h.second.id);
    expect(row.status).toBe('duplicate');
    expect(row.raw?.autoRefund).toMatchObject({ failedAt: h.clock.now().toISOString() });
    expect(h.store.adminNotes.map((n) => n.type)).toEqual(['order.paid', 'payment.auto_refund_failed']);
    // Nothing more is tried on a redelivery: the refusal would not change.
    await h.deliver(h.second, 'evt_refused');
    expect(h.gateway.refunds).toEqual([]);
    expect(h.store.adminNotes).toHaveLength(2);
    expect(h.mails).toEqual([]);
  });
});
