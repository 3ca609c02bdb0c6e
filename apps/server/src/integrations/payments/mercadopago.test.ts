import { WebhookSignatureValidator } from 'mercadopago';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeMercadoPago, type FakeMercadoPago } from './fakes/index.ts';
import { GatewayError, WebhookSignatureError, type CheckoutRequest, type PaymentGateway } from './gateway.ts';
import {
  createMercadoPagoGateway,
  mercadoPagoPaymentStatus,
  mercadoPagoRefundStatus,
} from './mercadopago.ts';

let fake: FakeMercadoPago;
let gateway: PaymentGateway;

const request = (overrides: Partial<CheckoutRequest> = {}): CheckoutRequest => ({
  paymentId: crypto.randomUUID(),
  amountMinor: 129_990,
  currency: 'MXN',
  description: 'Pedido CV-2026-000043 — VPS 20 NVMe, 1 mes',
  customerEmail: 'luis@example.com',
  returnUrl: 'https://cloudvertice.test/pago/retorno?provider=mercadopago',
  cancelUrl: 'https://cloudvertice.test/carrito',
  notificationUrl: 'https://cloudvertice.test/api/webhooks/mercadopago',
  ...overrides,
});

beforeAll(async () => {
  fake = await startFakeMercadoPago();
});
afterAll(async () => {
  await fake.server.close();
});
beforeEach(() => {
  fake.server.setLatency(0);
  fake.server.clearRequests();
  gateway = createMercadoPagoGateway(fake.gatewayOptions());
});

describe('mercadopago gateway — checkout', () => {
  it('creates a preference in major units with our reference, back URLs and idempotency key', async () => {
    const req = request();
    const session = await gateway.createCheckout(req);

    expect(session.redirectUrl).toBe(`${fake.url}/checkout/v1/redirect?pref_id=${session.providerTxId}`);
    const sent = fake.server.requests.find((r) => r.method === 'POST')!;
    expect(sent.headers['x-idempotency-key']).toBe(req.paymentId);
    expect(sent.headers.authorization).toBe(`Bearer ${fake.accessToken}`);
    expect(sent.body).toEqual({
      items: [
        { id: req.paymentId, title: req.description, quantity: 1, unit_price: 1299.9, currency_id: 'MXN' },
      ],
      payer: { email: 'luis@example.com' },
      external_reference: req.paymentId,
      back_urls: { success: req.returnUrl, pending: req.returnUrl, failure: req.cancelUrl },
      auto_return: 'approved',
      notification_url: req.notificationUrl,
    });
    expect(sent.rawBody).toContain('"unit_price":1299.9,');
  });

  it('sends CLP without decimals and COP with them', async () => {
    await gateway.createCheckout(request({ amountMinor: 25_990, currency: 'CLP' }));
    await gateway.createCheckout(request({ amountMinor: 8_990_050, currency: 'COP' }));
    const prices = fake.server.requests
      .filter((r) => r.method === 'POST')
      .map((r) => (r.body as { items: { unit_price: number }[] }).items[0]!.unit_price);
    expect(prices).toEqual([25_990, 89_900.5]);
  });

  it('omits notification_url when none is given', async () => {
    await gateway.createCheckout(request({ notificationUrl: undefined }));
    expect(fake.server.requests[0]!.body).not.toHaveProperty('notification_url');
  });

  it('returns the same preference for a retried create', async () => {
    const req = request();
    const a = await gateway.createCheckout(req);
    const b = await gateway.createCheckout(req);
    expect(b.providerTxId).toBe(a.providerTxId);
  });

  it('reports a wrong access token as non-retryable 401', async () => {
    const wrong = createMercadoPagoGateway(fake.gatewayOptions({ accessToken: 'TEST-wrong' }));
    await expect(wrong.createCheckout(request())).rejects.toMatchObject({
      provider: 'mercadopago',
      status: 401,
      retryable: false,
    });
  });
});

describe('mercadopago gateway — payments', () => {
  it('confirms an approved payment from the return query', async () => {
    const req = request();
    const { providerTxId } = await gateway.createCheckout(req);
    const payment = fake.pay(providerTxId, { status: 'approved' });
    const confirmed = await gateway.confirmOnReturn(providerTxId, fake.returnQuery(payment.id as number));
    expect(confirmed).toMatchObject({
      providerTxId: String(payment.id),
      paymentId: req.paymentId,
      status: 'succeeded',
      amountMinor: 129_990,
      currency: 'MXN',
    });
  });

  it('follows the hosted checkout redirect back to the return URL with payment_id', async () => {
    const { providerTxId, redirectUrl } = await gateway.createCheckout(request());
    const res = await fetch(`${redirectUrl}&outcome=approved`, { redirect: 'manual' });
    const location = new URL(res.headers.get('location')!);
    expect(location.origin + location.pathname).toBe('https://cloudvertice.test/pago/retorno');
    const query = Object.fromEntries(location.searchParams);
    expect(query).toMatchObject({ provider: 'mercadopago', status: 'approved', preference_id: providerTxId });
    expect((await gateway.confirmOnReturn(providerTxId, query)).status).toBe('succeeded');
  });

  it('keeps a ticket (OXXO) payment pending until it is paid, then succeeds', async () => {
    const { providerTxId } = await gateway.createCheckout(request());
    const payment = fake.pay(providerTxId, { status: 'pending', paymentTypeId: 'ticket' });
    const first = await gateway.confirmOnReturn(providerTxId, fake.returnQuery(payment.id as number));
    expect(first.status).toBe('pending');
    expect(first.raw).toMatchObject({ payment_type_id: 'ticket', status_detail: 'pending_waiting_payment' });
    fake.approve(payment.id as number);
    expect((await gateway.fetchPayment(String(payment.id))).status).toBe('succeeded');
  });

  it('maps a rejected payment to failed', async () => {
    const { providerTxId } = await gateway.createCheckout(request());
    const payment = fake.pay(providerTxId, { status: 'rejected' });
    expect((await gateway.fetchPayment(String(payment.id))).status).toBe('failed');
  });

  it('maps cancelled and refunded payments to cancelled', async () => {
    const { providerTxId } = await gateway.createCheckout(request());
    const a = fake.pay(providerTxId);
    fake.refund(a.id as number);
    expect((await gateway.fetchPayment(String(a.id))).status).toBe('cancelled');
    const b = fake.pay(providerTxId, { status: 'pending', paymentTypeId: 'bank_transfer' });
    fake.cancel(b.id as number);
    expect((await gateway.fetchPayment(String(b.id))).status).toBe('cancelled');
  });

  it('reads zero-decimal amounts back exactly (CLP)', async () => {
    const { providerTxId } = await gateway.createCheckout(request({ amountMinor: 25_990, currency: 'CLP' }));
    const payment = fake.pay(providerTxId);
    expect(await gateway.fetchPayment(String(payment.id))).toMatchObject({
      amountMinor: 25_990,
      currency: 'CLP',
    });
  });

  it('reports a return without payment as pending, from the preference', async () => {
    const req = request();
    const { providerTxId } = await gateway.createCheckout(req);
    const result = await gateway.confirmOnReturn(providerTxId, {
      collection_id: 'null',
      payment_id: 'null',
      status: 'null',
      preference_id: providerTxId,
    });
    expect(result).toMatchObject({
      providerTxId,
      paymentId: req.paymentId,
      status: 'pending',
      amountMinor: 129_990,
      currency: 'MXN',
    });
  });

  it('maps every documented status', () => {
    expect(
      [
        'approved',
        'pending',
        'in_process',
        'authorized',
        'rejected',
        'cancelled',
        'refunded',
        'charged_back',
      ].map(mercadoPagoPaymentStatus),
    ).toEqual([
      'succeeded',
      'pending',
      'pending',
      'pending',
      'failed',
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
  });

  it('reports an unknown payment as a non-retryable 404', async () => {
    await expect(gateway.fetchPayment('999')).rejects.toMatchObject({ status: 404, retryable: false });
  });

  it('turns 5xx into a retryable GatewayError', async () => {
    fake.server.failNext(502);
    await expect(gateway.fetchPayment('1')).rejects.toMatchObject({ status: 502, retryable: true });
  });

  it('turns a timeout into a retryable GatewayError', async () => {
    const slow = createMercadoPagoGateway(fake.gatewayOptions({ timeoutMs: 100 }));
    fake.server.setLatency(1000);
    const error = await slow.createCheckout(request()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ provider: 'mercadopago', retryable: true });
    expect((error as Error).message).toMatch(/timed out after 100 ms/);
  });
});

describe('mercadopago gateway — webhooks', () => {
  async function approvedPayment() {
    const { providerTxId } = await gateway.createCheckout(request());
    return fake.pay(providerTxId);
  }

  it('accepts a correctly signed payment notification', async () => {
    const payment = await approvedPayment();
    const hook = fake.signedWebhook(payment.id as number);
    expect(hook.url).toBe(
      `https://cloudvertice.test/api/webhooks/mercadopago?data.id=${payment.id}&type=payment`,
    );
    const event = await gateway.verifyWebhook(hook.headers, hook.rawBody, hook.query);
    expect(event).toMatchObject({
      eventId: String(hook.body.id),
      type: 'payment',
      providerTxId: String(payment.id),
      paymentId: null,
    });
  });

  it('takes data.id from the body when the query has none', async () => {
    const payment = await approvedPayment();
    const hook = fake.signedWebhook(payment.id as number);
    const event = await gateway.verifyWebhook(hook.headers, hook.rawBody, {});
    expect(event.providerTxId).toBe(String(payment.id));
  });

  it('signs the way the official SDK validates', async () => {
    const payment = await approvedPayment();
    const hook = fake.signedWebhook(payment.id as number);
    expect(() =>
      WebhookSignatureValidator.validate({
        xSignature: hook.headers['x-signature'],
        xRequestId: hook.headers['x-request-id'],
        dataId: hook.query['data.id'],
        secret: fake.webhookSecret,
      }),
    ).not.toThrow();
  });

  it('rejects a signature made with another secret', async () => {
    const payment = await approvedPayment();
    const hook = fake.signedWebhook(payment.id as number, { secret: 'attacker' });
    await expect(gateway.verifyWebhook(hook.headers, hook.rawBody, hook.query)).rejects.toBeInstanceOf(
      WebhookSignatureError,
    );
  });

  it.each(['x-signature', 'x-request-id'])('rejects a missing %s header', async (name) => {
    const payment = await approvedPayment();
    const hook = fake.signedWebhook(payment.id as number);
    const headers: Record<string, string> = { ...hook.headers };
    delete headers[name];
    await expect(gateway.verifyWebhook(headers, hook.rawBody, hook.query)).rejects.toBeInstanceOf(
      WebhookSignatureError,
    );
  });

  it('rejects a tampered data.id (query or body)', async () => {
    const payment = await approvedPayment();
    const other = await approvedPayment();
    const hook = fake.signedWebhook(payment.id as number);
    await expect(
      gateway.verifyWebhook(hook.headers, hook.rawBody, { ...hook.query, 'data.id': String(other.id) }),
    ).rejects.toBeInstanceOf(WebhookSignatureError);
    const tampered = Buffer.from(hook.rawBody.toString('utf8').replace(String(payment.id), String(other.id)));
    await expect(gateway.verifyWebhook(hook.headers, tampered, {})).rejects.toBeInstanceOf(
      WebhookSignatureError,
    );
    await expect(gateway.verifyWebhook(hook.headers, tampered, hook.query)).rejects.toBeInstanceOf(
      WebhookSignatureError,
    );
  });

  it('rejects a malformed signature header and a non-JSON body', async () => {
    const payment = await approvedPayment();
    const hook = fake.signedWebhook(payment.id as number);
    await expect(
      gateway.verifyWebhook({ ...hook.headers, 'x-signature': 'garbage' }, hook.rawBody, hook.query),
    ).rejects.toBeInstanceOf(WebhookSignatureError);
    await expect(
      gateway.verifyWebhook(hook.headers, Buffer.from('not json'), hook.query),
    ).rejects.toBeInstanceOf(WebhookSignatureError);
  });

  it('rejects everything when no webhook secret is configured', async () => {
    const payment = await approvedPayment();
    const hook = fake.signedWebhook(payment.id as number);
    const unsigned = createMercadoPagoGateway(fake.gatewayOptions({ webhookSecret: undefined }));
    await expect(unsigned.verifyWebhook(hook.headers, hook.rawBody, hook.query)).rejects.toBeInstanceOf(
      WebhookSignatureError,
    );
  });

  it('enforces the optional replay window', async () => {
    const payment = await approvedPayment();
    const strict = createMercadoPagoGateway(fake.gatewayOptions({ webhookToleranceSeconds: 300 }));
    const stale = fake.signedWebhook(payment.id as number, { ts: Math.floor(Date.now() / 1000) - 3600 });
    await expect(strict.verifyWebhook(stale.headers, stale.rawBody, stale.query)).rejects.toThrow(
      /tolerance/,
    );
    const fresh = fake.signedWebhook(payment.id as number);
    await expect(strict.verifyWebhook(fresh.headers, fresh.rawBody, fresh.query)).resolves.toBeTruthy();
  });
});

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
