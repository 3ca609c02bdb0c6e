import { describe, expect, it } from 'vitest';
import { GatewayError, type CheckoutRequest } from './gateway.ts';
import { mercadoPagoRefundStatus } from './mercadopago.ts';
import { fake, gateway, request, useMercadoPagoFake } from './mercadopago.fixture.ts';

// The MercadoPago adapter against the local fake: refunds and ending a replaced checkout.
useMercadoPagoFake();

describe('mercadopago gateway — refunds', () => {
  async function approvedPaymentId(overrides: Partial<CheckoutRequest> = {}) {
    const { providerTxId } = await gateway.createCheckout(request(overrides));
    const payment = fake.pay(providerTxId);
    fake.server.clearRequests();
    return String(payment.id);
  }
  const refundReq = (providerTxId: string, amountMinor: number, idempotencyKey = crypto.randomUUID()) => ({
    providerTxId,
    amountMinor,
    currency: 'MXN',
    idempotencyKey,
  });
  const refundPosts = () =>
    fake.server.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/refunds'));

  it('refunds in full with an empty body and X-Idempotency-Key; the payment becomes refunded', async () => {
    const paymentId = await approvedPaymentId();
    const key = crypto.randomUUID();
    const refund = await gateway.refund(refundReq(paymentId, 129_990, key));

    expect(refund).toMatchObject({ status: 'succeeded', amountMinor: 129_990, currency: 'MXN' });
    expect(refund.raw).toMatchObject({ payment_id: Number(paymentId), amount: 1299.9, status: 'approved' });
    const [lookup, create] = fake.server.requests;
    expect(lookup).toMatchObject({ method: 'GET', path: `/v1/payments/${paymentId}` });
    expect(create).toMatchObject({ method: 'POST', path: `/v1/payments/${paymentId}/refunds`, body: {} });
    expect(create!.headers['x-idempotency-key']).toBe(key);
    expect(create!.headers.authorization).toBe(`Bearer ${fake.accessToken}`);
    expect(fake.payment(paymentId)).toMatchObject({
      status: 'refunded',
      transaction_amount_refunded: 1299.9,
    });
    expect((await gateway.fetchPayment(paymentId)).status).toBe('cancelled');
  });

  it('refunds partially twice with decimal amounts, cumulatively', async () => {
    const paymentId = await approvedPaymentId();
    const first = await gateway.refund(refundReq(paymentId, 30_000));
    const second = await gateway.refund(refundReq(paymentId, 50_050));
    expect(first.refundId).not.toBe(second.refundId);
    expect([first.amountMinor, second.amountMinor]).toEqual([30_000, 50_050]);
    expect(refundPosts().map((r) => r.body)).toEqual([{ amount: 300 }, { amount: 500.5 }]);
    expect(fake.payment(paymentId)).toMatchObject({
      status: 'approved',
      status_detail: 'partially_refunded',
      transaction_amount_refunded: 800.5,
    });
    expect(fake.listRefunds(paymentId)).toHaveLength(2);
    expect((await gateway.fetchPayment(paymentId)).status).toBe('succeeded');
  });

  it('refuses more than what is left, with the remainder in the message', async () => {
    const paymentId = await approvedPaymentId();
    await gateway.refund(refundReq(paymentId, 80_000));
    const error = await gateway.refund(refundReq(paymentId, 50_000)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ provider: 'mercadopago', status: 400, retryable: false });
    expect((error as Error).message).toMatch(
      /exceeds the amount still refundable \(499\.90 MXN left of 1299\.90\)/,
    );
    // The full amount after a partial refund goes out as an explicit amount, so it is refused, not trimmed.
    await expect(gateway.refund(refundReq(paymentId, 129_990))).rejects.toThrow(/exceeds the amount still/);
    expect(refundPosts().at(-1)!.body).toEqual({ amount: 1299.9 });
    expect(fake.payment(paymentId)).toMatchObject({ transaction_amount_refunded: 800 });
    await gateway.refund(refundReq(paymentId, 49_990));
    await expect(gateway.refund(refundReq(paymentId, 1))).rejects.toThrow(/exceeds the amount still/);
    expect(fake.listRefunds(paymentId)).toHaveLength(2);
  });

  it('returns the same refund for a repeated idempotency key, without refunding twice', async () => {
    const paymentId = await approvedPaymentId();
    const key = crypto.randomUUID();
    const first = await gateway.refund(refundReq(paymentId, 129_990, key));
    // The payment is fully refunded now: the repeat must replay the first refund, not fail.
    const again = await gateway.refund(refundReq(paymentId, 129_990, key));
    expect(again.refundId).toBe(first.refundId);
    expect(again).toMatchObject({ status: 'succeeded', amountMinor: 129_990 });
    expect(fake.listRefunds(paymentId)).toHaveLength(1);
    expect(refundPosts().map((r) => r.headers['x-idempotency-key'])).toEqual([key, key]);
  });

  it('turns a 5xx on the refund into a retryable GatewayError; the retry with the same key refunds once', async () => {
    const paymentId = await approvedPaymentId();
    const key = crypto.randomUUID();
    fake.server.failNextOn('POST', /\/refunds$/, 500);
    await expect(gateway.refund(refundReq(paymentId, 10_000, key))).rejects.toMatchObject({
      provider: 'mercadopago',
      status: 500,
      retryable: true,
    });
    expect(fake.listRefunds(paymentId)).toHaveLength(0);
    await expect(gateway.refund(refundReq(paymentId, 10_000, key))).resolves.toMatchObject({
      status: 'succeeded',
      amountMinor: 10_000,
    });
    expect(fake.listRefunds(paymentId)).toHaveLength(1);
  });

  it('refunds zero-decimal currencies in whole units (CLP)', async () => {
    const paymentId = await approvedPaymentId({ amountMinor: 25_990, currency: 'CLP' });
    const refund = await gateway.refund({ ...refundReq(paymentId, 10_000), currency: 'CLP' });
    expect(refund).toMatchObject({ amountMinor: 10_000, currency: 'CLP' });
    expect(refundPosts()[0]!.body).toEqual({ amount: 10_000 });
  });

  it('refuses a preference id, another currency and invalid requests before refunding', async () => {
    const { providerTxId: preferenceId } = await gateway.createCheckout(request());
    const paymentId = await approvedPaymentId();
    await expect(gateway.refund(refundReq(preferenceId, 100))).rejects.toThrow(/need the payment id/);
    await expect(gateway.refund({ ...refundReq(paymentId, 100), currency: 'ARS' })).rejects.toThrow(
      /paid in MXN, not ARS/,
    );
    await expect(gateway.refund(refundReq(paymentId, -5))).rejects.toThrow(/Invalid refund request/);
    expect(refundPosts()).toHaveLength(0);
  });

  it('refuses a payment that is not approved, as the provider does', async () => {
    const { providerTxId } = await gateway.createCheckout(request());
    const pending = String(fake.pay(providerTxId, { status: 'pending', paymentTypeId: 'ticket' }).id);
    await expect(gateway.refund(refundReq(pending, 100))).rejects.toMatchObject({
      status: 400,
      retryable: false,
      message: expect.stringMatching(/not valid for the current payment state/) as unknown,
    });
  });

  it('reports an in-process refund as pending and maps refund statuses', async () => {
    const paymentId = await approvedPaymentId();
    fake.setNextRefundStatus('in_process');
    await expect(gateway.refund(refundReq(paymentId, 100))).resolves.toMatchObject({ status: 'pending' });
    expect(
      ['approved', 'in_process', 'pending', 'rejected', 'cancelled'].map(mercadoPagoRefundStatus),
    ).toEqual(['succeeded', 'pending', 'pending', 'failed', 'failed']);
  });

  it('reports an unknown payment as a non-retryable 404', async () => {
    await expect(gateway.refund(refundReq('999', 100))).rejects.toMatchObject({
      status: 404,
      retryable: false,
    });
  });
});

describe('mercadopago gateway — ending a replaced checkout', () => {
  it('expires the preference so it cannot be paid again; an unknown one is not open', async () => {
    const { providerTxId } = await gateway.createCheckout(request());
    expect(fake.isOpen(providerTxId)).toBe(true);
    expect(await gateway.expireCheckout(providerTxId)).toBe('expired');
    expect(fake.isOpen(providerTxId)).toBe(false);
    const sent = fake.server.requests.find((r) => r.method === 'PUT')!;
    expect(sent.body).toMatchObject({ expires: true, expiration_date_to: expect.any(String) });
    expect(await gateway.expireCheckout('123-unknown')).toBe('not_open');
  });
});
