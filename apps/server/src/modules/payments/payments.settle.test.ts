import { describe, expect, it } from 'vitest';
import { paymentsHarness } from '../../../test/fakes/payments-harness.ts';

// Settlement over in-memory repositories (no database): what a gateway's report does to a checkout and its orders.

function paidOrderSetup(totalMinor = 4_500) {
  const h = paymentsHarness();
  const order = h.store.addOrder({ userId: h.user.id, totalMinor, subtotalMinor: totalMinor });
  const checkout = h.store.addCheckout([order], { provider: 'stripe', providerTxId: 'cs_first' });
  return { ...h, order, checkout };
}

describe('settlement — amount or currency mismatch', () => {
  it('does not pay the order for less than was asked; the row is mismatch and the admins are told', async () => {
    const h = paidOrderSetup();
    const paid = await h.settlement.settle(h.checkout.id, h.report(h.checkout, { amountMinor: 4_499 }), {
      source: 'return',
    });
    expect(paid).toEqual([]);
    expect(h.store.row(h.checkout.id).status).toBe('mismatch');
    expect(h.store.order(h.order.id)).toMatchObject({ status: 'pending', paymentStatus: 'pending' });
    expect(h.store.orderHistory).toEqual([]);
    expect(h.paidHooks).toEqual([]);
    expect(h.store.adminNotes).toEqual([
      expect.objectContaining({
        type: 'payment.mismatch',
        link: `/admin/payments/${h.checkout.id}`,
        params: expect.objectContaining({ reportedMinor: 4_499, paymentId: h.checkout.id }),
      }),
    ]);
    expect(h.outcomes).toEqual(['stripe:mismatch']);
  });

  it('does not pay the right amount in another currency', async () => {
    const h = paidOrderSetup();
    await h.settlement.settle(h.checkout.id, h.report(h.checkout, { currency: 'EUR' }), { source: 'return' });
    expect(h.store.row(h.checkout.id).status).toBe('mismatch');
    expect(h.store.order(h.order.id).status).toBe('pending');
  });

  it("compares with what the gateway was asked for (its currency and converted amount), not the order's", async () => {
    const h = paymentsHarness();
    const order = h.store.addOrder({ userId: h.user.id, totalMinor: 1_000 });
    const checkout = h.store.addCheckout([order], {
      provider: 'stripe',
      providerTxId: 'cs_mxn',
      providerAmountMinor: 17_250,
      providerCurrency: 'MXN',
      exchangeRate: 17.25,
    });
    await h.settlement.settle(checkout.id, h.report(checkout, { amountMinor: 1_000, currency: 'USD' }), {
      source: 'return',
    });
    expect(h.store.row(checkout.id).status).toBe('mismatch');

    const other = h.store.addOrder({ userId: h.user.id, totalMinor: 1_000 });
    const converted = h.store.addCheckout([other], {
      provider: 'stripe',
      providerTxId: 'cs_mxn_ok',
      providerAmountMinor: 17_250,
      providerCurrency: 'MXN',
    });
    // Providers may write the currency in lower case (Stripe does): that is the same currency.
    await h.settlement.settle(converted.id, h.report(converted, { currency: 'mxn' }), { source: 'return' });
    expect(h.store.row(converted.id).status).toBe('succeeded');
    expect(h.store.order(other.id).status).toBe('paid');
  });

  it('pays exactly what was asked: order paid once, history row, in-transaction hook, staff notice', async () => {
    const h = paidOrderSetup();
    const paid = await h.settlement.settle(h.checkout.id, h.report(h.checkout), { source: 'return' });
    expect(paid).toEqual([h.order.id]);
    expect(h.store.order(h.order.id)).toMatchObject({
      status: 'paid',
      paymentStatus: 'paid',
      paymentMethod: 'stripe',
      paidAt: h.clock.now(),
    });
    expect(h.store.orderHistory).toEqual([
      expect.objectContaining({ orderId: h.order.id, fromStatus: 'pending', toStatus: 'paid' }),
    ]);
    expect(h.paidHooks).toEqual([[h.order.id]]);
    expect(h.store.adminNotes.map((n) => n.type)).toEqual(['order.paid']);
    expect(h.store.row(h.checkout.id)).toMatchObject({ status: 'succeeded', providerTxId: 'cs_first' });
  });
});

describe('settlement — final states', () => {
  it.each(['failed', 'pending', 'cancelled'] as const)(
    'a late %s report leaves a succeeded payment and its paid order as they are',
    async (status) => {
      const h = paidOrderSetup();
      await h.settlement.settle(h.checkout.id, h.report(h.checkout), { source: 'return' });
      const before = { row: h.store.row(h.checkout.id), notes: h.store.adminNotes.length };
      await h.settlement.settle(h.checkout.id, h.report(h.checkout, { status }), {
        source: 'webhook',
        eventId: 'evt_late',
      });
      expect(h.store.row(h.checkout.id)).toEqual(before.row);
      expect(h.store.order(h.order.id).status).toBe('paid');
      expect(h.store.adminNotes).toHaveLength(before.notes);
    },
  );

  it('a mismatch stays a mismatch even when a later report brings the right amount (an admin decides)', async () => {
    const h = paidOrderSetup();
    await h.settlement.settle(h.checkout.id, h.report(h.checkout, { amountMinor: 1 }), { source: 'return' });
    await h.settlement.settle(h.checkout.id, h.report(h.checkout), { source: 'webhook' });
    expect(h.store.row(h.checkout.id).status).toBe('mismatch');
    expect(h.store.order(h.order.id).status).toBe('pending');
  });

  it('a refunded payment is not paid again by a late success', async () => {
    const h = paidOrderSetup();
    h.store.transactions.get(h.checkout.id)!.status = 'refunded';
    const paid = await h.settlement.settle(h.checkout.id, h.report(h.checkout), { source: 'webhook' });
    expect(paid).toEqual([]);
    expect(h.store.row(h.checkout.id).status).toBe('refunded');
    expect(h.store.order(h.order.id).status).toBe('pending');
    expect(h.outcomes).toEqual([]);
  });

  it('a failed attempt is not final: the same checkout paid later pays the order (PayPal retries, async methods)', async () => {
    const h = paidOrderSetup();
    await h.settlement.settle(h.checkout.id, h.report(h.checkout, { status: 'failed' }), {
      source: 'return',
    });
    expect(h.store.row(h.checkout.id).status).toBe('failed');
    await h.settlement.settle(h.checkout.id, h.report(h.checkout), { source: 'webhook' });
    expect(h.store.row(h.checkout.id).status).toBe('succeeded');
    expect(h.store.order(h.order.id).status).toBe('paid');
  });

  it('a replaced checkout stays ended unless money arrived through it', async () => {
    const h = paidOrderSetup();
    Object.assign(h.store.transactions.get(h.checkout.id)!, {
      status: 'cancelled',
      raw: { replacedBy: 'x' },
    });
    await h.settlement.settle(h.checkout.id, h.report(h.checkout, { status: 'failed' }), {
      source: 'webhook',
    });
    expect(h.store.row(h.checkout.id).status).toBe('cancelled');
    expect(h.outcomes).toEqual([]);
  });

  it('ignores a report that names another payment as its own', async () => {
    const h = paidOrderSetup();
    await h.settlement.settle(h.checkout.id, h.report(h.checkout, { paymentId: crypto.randomUUID() }), {
      source: 'return',
    });
    expect(h.store.row(h.checkout.id).status).toBe('pending');
    expect(h.store.order(h.order.id).status).toBe('pending');
  });
});

describe('settlement — redelivery', () => {
  it('the same webhook event delivered twice settles once', async () => {
    const h = paidOrderSetup();
    h.report(h.checkout);
    expect(await h.deliver(h.checkout, 'evt_1')).toEqual({ received: true, duplicate: false });
    expect(await h.deliver(h.checkout, 'evt_1')).toEqual({ received: true, duplicate: true });
    expect(h.store.orderHistory).toHaveLength(1);
    expect(h.paidHooks).toEqual([[h.order.id]]);
    expect(h.store.adminNotes.map((n) => n.type)).toEqual(['order.paid']);
    expect(h.outcomes).toEqual(['stripe:succeeded']);
  });

  it('the return page and a webhook of the same payment settle it once', async () => {
    const h = paidOrderSetup();
    await h.settlement.settle(h.checkout.id, h.report(h.checkout), { source: 'return' });
    expect(await h.deliver(h.checkout, 'evt_after_return')).toEqual({ received: true, duplicate: false });
    expect(h.store.orderHistory).toHaveLength(1);
    expect(h.paidHooks).toHaveLength(1);
    expect(h.gateway.refunds).toEqual([]);
  });

  it('a delivery whose settlement failed before the commit is applied by the redelivery', async () => {
    const h = paidOrderSetup();
    h.report(h.checkout);
    h.hooks.failOrdersPaid = new Error('crash inside the settling transaction');
    await expect(h.deliver(h.checkout, 'evt_crash')).rejects.toThrow('crash inside');
    expect(h.store.row(h.checkout.id).status).toBe('pending');
    expect(h.store.order(h.order.id).status).toBe('pending');
    h.hooks.failOrdersPaid = null;
    expect(await h.deliver(h.checkout, 'evt_crash')).toEqual({ received: true, duplicate: false });
    expect(h.store.order(h.order.id).status).toBe('paid');
    expect(h.paidHooks).toEqual([[h.order.id]]);
  });

  it('records a webhook of an unknown payment as processed once', async () => {
    const h = paidOrderSetup();
    const stranger = { ...h.checkout, id: crypto.randomUUID(), providerTxId: null };
    expect(await h.deliver(stranger, 'evt_other')).toEqual({ received: true, duplicate: false });
    expect(await h.deliver(stranger, 'evt_other')).toEqual({ received: true, duplicate: true });
    expect(h.store.row(h.checkout.id).status).toBe('pending');
  });
});
