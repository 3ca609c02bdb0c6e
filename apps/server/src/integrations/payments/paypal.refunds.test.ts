import { describe, expect, it } from 'vitest';
import { GatewayError, type CheckoutRequest } from './gateway.ts';
import { payPalRefundStatus } from './paypal.ts';
import { fake, gateway, approvedOrder, usePayPalFake } from './paypal.fixture.ts';

// The PayPal adapter against the local fake: refunds and ending a replaced checkout.
usePayPalFake();

describe('paypal gateway — refunds', () => {
  async function capturedOrder(overrides: Partial<CheckoutRequest> = {}) {
    const { orderId } = await approvedOrder(overrides);
    await gateway.confirmOnReturn(orderId, {});
    fake.server.clearRequests();
    return orderId;
  }
  const refundReq = (providerTxId: string, amountMinor: number, idempotencyKey = crypto.randomUUID()) => ({
    providerTxId,
    amountMinor,
    currency: 'USD',
    idempotencyKey,
  });
  const refundPosts = () => fake.server.requests.filter((r) => r.path.endsWith('/refund'));

  it('finds the capture id from the order and refunds it in full with PayPal-Request-Id', async () => {
    const orderId = await capturedOrder();
    const captureId = fake.captureId(orderId)!;
    const key = crypto.randomUUID();
    const refund = await gateway.refund({ ...refundReq(orderId, 14_382, key), reason: 'Pedido cancelado' });

    expect(refund).toMatchObject({ status: 'succeeded', amountMinor: 14_382, currency: 'USD' });
    expect(refund.raw).toMatchObject({ capture_id: captureId, note_to_payer: 'Pedido cancelado' });
    const [lookup, create] = fake.server.requests.filter((r) => r.path !== '/v1/oauth2/token');
    expect(lookup).toMatchObject({ method: 'GET', path: `/v2/checkout/orders/${orderId}` });
    expect(
      (fake.order(orderId) as { purchase_units: { payments: { captures: { id: string }[] } }[] })
        .purchase_units[0]!.payments.captures[0]!.id,
    ).toBe(captureId);
    expect(create).toMatchObject({ method: 'POST', path: `/v2/payments/captures/${captureId}/refund` });
    expect(create!.headers['paypal-request-id']).toBe(key);
    expect(create!.headers.prefer).toBe('return=representation');
    expect(create!.body).toEqual({
      amount: { value: '143.82', currency_code: 'USD' },
      note_to_payer: 'Pedido cancelado',
    });
    // Capture REFUNDED → the order reads as cancelled, with the refund listed under payments.refunds.
    const order = await gateway.fetchPayment(orderId);
    expect(order.status).toBe('cancelled');
    expect(order.raw).toMatchObject({
      purchase_units: [{ payments: { refunds: [{ id: refund.refundId }] } }],
    });
  });

  it('refunds partially twice, cumulatively; the capture is PARTIALLY_REFUNDED in between', async () => {
    const orderId = await capturedOrder();
    const first = await gateway.refund(refundReq(orderId, 4_000));
    const order = fake.order(orderId) as {
      purchase_units: { payments: { captures: { status: string }[] } }[];
    };
    expect(order.purchase_units[0]!.payments.captures[0]!.status).toBe('PARTIALLY_REFUNDED');
    expect((await gateway.fetchPayment(orderId)).status).toBe('succeeded');
    const second = await gateway.refund(refundReq(orderId, 10_382));
    expect(first.refundId).not.toBe(second.refundId);
    expect(refundPosts().map((r) => (r.body as { amount: { value: string } }).amount.value)).toEqual([
      '40.00',
      '103.82',
    ]);
    expect(second.raw).toMatchObject({
      seller_payable_breakdown: { total_refunded_amount: { value: '143.82' } },
    });
    expect(fake.listRefunds(orderId)).toHaveLength(2);
    expect((await gateway.fetchPayment(orderId)).status).toBe('cancelled');
  });

  it('refuses more than what is left (REFUND_AMOUNT_EXCEEDED, then CAPTURE_FULLY_REFUNDED)', async () => {
    const orderId = await capturedOrder();
    const error = await gateway.refund(refundReq(orderId, 14_383)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ provider: 'paypal', status: 422, retryable: false });
    expect((error as Error).message).toMatch(/exceeds the amount still refundable \(REFUND_AMOUNT_EXCEEDED/);
    await gateway.refund(refundReq(orderId, 10_000));
    await expect(gateway.refund(refundReq(orderId, 4_383))).rejects.toThrow(/REFUND_AMOUNT_EXCEEDED/);
    await gateway.refund(refundReq(orderId, 4_382));
    await expect(gateway.refund(refundReq(orderId, 1))).rejects.toThrow(
      /exceeds the amount still refundable \(CAPTURE_FULLY_REFUNDED/,
    );
    expect(fake.listRefunds(orderId)).toHaveLength(2);
  });

  it('returns the same refund for a repeated PayPal-Request-Id, without refunding twice', async () => {
    const orderId = await capturedOrder();
    const key = crypto.randomUUID();
    const first = await gateway.refund(refundReq(orderId, 14_382, key));
    const again = await gateway.refund(refundReq(orderId, 14_382, key));
    expect(again.refundId).toBe(first.refundId);
    expect(again).toMatchObject({ status: 'succeeded', amountMinor: 14_382 });
    expect(fake.listRefunds(orderId)).toHaveLength(1);
  });

  it('turns a 5xx on the refund into a retryable GatewayError; the retry with the same id refunds once', async () => {
    const orderId = await capturedOrder();
    const key = crypto.randomUUID();
    fake.server.failNextOn('POST', /\/refund$/, 503, { name: 'SERVICE_UNAVAILABLE' });
    await expect(gateway.refund(refundReq(orderId, 1_000, key))).rejects.toMatchObject({
      provider: 'paypal',
      status: 503,
      retryable: true,
    });
    expect(fake.listRefunds(orderId)).toHaveLength(0);
    await expect(gateway.refund(refundReq(orderId, 1_000, key))).resolves.toMatchObject({
      status: 'succeeded',
    });
    expect(fake.listRefunds(orderId)).toHaveLength(1);
  });

  it('refuses an order without a capture, before any refund call', async () => {
    const { orderId } = await approvedOrder();
    fake.server.clearRequests();
    await expect(gateway.refund(refundReq(orderId, 100))).rejects.toThrow(
      /has no capture to refund \(order status APPROVED\)/,
    );
    expect(refundPosts()).toHaveLength(0);
  });

  it('refuses another currency, unsupported currencies and invalid requests before refunding', async () => {
    const orderId = await capturedOrder();
    await expect(gateway.refund({ ...refundReq(orderId, 100), currency: 'EUR' })).rejects.toThrow(
      /captured in USD, not EUR/,
    );
    await expect(gateway.refund({ ...refundReq(orderId, 100), currency: 'CLP' })).rejects.toThrow(
      /does not support CLP/,
    );
    await expect(gateway.refund(refundReq(orderId, 1.5))).rejects.toThrow(/Invalid refund request/);
    expect(refundPosts()).toHaveLength(0);
  });

  it('refunds JPY in whole units', async () => {
    const orderId = await capturedOrder({ amountMinor: 1500, currency: 'JPY' });
    const refund = await gateway.refund({ ...refundReq(orderId, 500), currency: 'JPY' });
    expect(refund).toMatchObject({ amountMinor: 500, currency: 'JPY' });
    expect(refundPosts()[0]!.body).toEqual({ amount: { value: '500', currency_code: 'JPY' } });
  });

  it('refuses a capture that is still pending (PENDING_CAPTURE)', async () => {
    const { orderId } = await approvedOrder();
    fake.setPending(orderId);
    await gateway.confirmOnReturn(orderId, {});
    await expect(gateway.refund(refundReq(orderId, 100))).rejects.toMatchObject({
      status: 422,
      retryable: false,
      message: expect.stringMatching(/PENDING_CAPTURE/) as unknown,
    });
  });

  it('reports a pending refund as pending and maps refund statuses', async () => {
    const orderId = await capturedOrder();
    fake.setNextRefundStatus('PENDING');
    await expect(gateway.refund(refundReq(orderId, 100))).resolves.toMatchObject({ status: 'pending' });
    expect(['COMPLETED', 'PENDING', 'FAILED', 'CANCELLED'].map(payPalRefundStatus)).toEqual([
      'succeeded',
      'pending',
      'failed',
      'failed',
    ]);
  });

  it('reports an unknown order as a non-retryable 404', async () => {
    await expect(gateway.refund(refundReq('NOPE', 100))).rejects.toMatchObject({
      status: 404,
      retryable: false,
    });
  });
});

describe('paypal gateway — ending a replaced checkout', () => {
  it('an uncaptured order counts as ended (only our capture pays it); a captured one is not open', async () => {
    const { orderId } = await approvedOrder();
    expect(await gateway.expireCheckout(orderId)).toBe('expired');
    expect((fake.order(orderId) as { status: string }).status).toBe('APPROVED');
    const paid = await approvedOrder();
    await gateway.confirmOnReturn(paid.orderId, {});
    expect(await gateway.expireCheckout(paid.orderId)).toBe('not_open');
  });
});
