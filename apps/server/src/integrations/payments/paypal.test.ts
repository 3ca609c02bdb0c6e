import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakePayPal, type FakePayPal } from './fakes/index.ts';
import { GatewayError, WebhookSignatureError, type CheckoutRequest, type PaymentGateway } from './gateway.ts';
import {
  createPayPalGateway,
  paypalApiBase,
  payPalOrderStatus,
  payPalRefundStatus,
  paypalValue,
} from './paypal.ts';

let fake: FakePayPal;
let gateway: PaymentGateway;

const request = (overrides: Partial<CheckoutRequest> = {}): CheckoutRequest => ({
  paymentId: crypto.randomUUID(),
  amountMinor: 14_382,
  currency: 'USD',
  description: 'Pedido CV-2026-000044 — VPS 30 NVMe, 3 meses',
  customerEmail: 'marta@example.com',
  returnUrl: 'https://cloudvertice.test/pago/retorno?provider=paypal',
  cancelUrl: 'https://cloudvertice.test/carrito',
  ...overrides,
});

async function approvedOrder(overrides: Partial<CheckoutRequest> = {}) {
  const req = request(overrides);
  const { providerTxId } = await gateway.createCheckout(req);
  fake.approve(providerTxId);
  return { req, orderId: providerTxId };
}

beforeAll(async () => {
  fake = await startFakePayPal();
});
afterAll(async () => {
  await fake.server.close();
});
beforeEach(() => {
  fake.server.setLatency(0);
  fake.server.clearRequests();
  gateway = createPayPalGateway(fake.gatewayOptions());
});

describe('paypal gateway — checkout', () => {
  it('creates a CAPTURE order with our reference, major-unit value and PayPal-Request-Id', async () => {
    const req = request();
    const session = await gateway.createCheckout(req);

    expect(session.redirectUrl).toBe(`${fake.url}/checkoutnow?token=${session.providerTxId}`);
    const sent = fake.server.requests.find((r) => r.path === '/v2/checkout/orders')!;
    expect(sent.headers['paypal-request-id']).toBe(req.paymentId);
    expect(sent.headers.authorization).toMatch(/^Bearer A21AA/);
    expect(sent.body).toEqual({
      intent: 'CAPTURE',
      purchase_units: [
        {
          reference_id: req.paymentId,
          custom_id: req.paymentId,
          description: req.description,
          amount: { currency_code: 'USD', value: '143.82' },
        },
      ],
      payment_source: {
        paypal: {
          email_address: 'marta@example.com',
          experience_context: {
            return_url: req.returnUrl,
            cancel_url: req.cancelUrl,
            user_action: 'PAY_NOW',
            shipping_preference: 'NO_SHIPPING',
          },
        },
      },
    });
  });

  it('sends JPY without decimals and small amounts with leading zero', async () => {
    await gateway.createCheckout(request({ amountMinor: 1500, currency: 'JPY' }));
    await gateway.createCheckout(request({ amountMinor: 5, currency: 'EUR' }));
    const values = fake.server.requests
      .filter((r) => r.path === '/v2/checkout/orders')
      .map(
        (r) =>
          (r.body as { purchase_units: { amount: { value: string } }[] }).purchase_units[0]!.amount.value,
      );
    expect(values).toEqual(['1500', '0.05']);
  });

  it('refuses currencies PayPal does not take, before any call', async () => {
    await expect(gateway.createCheckout(request({ currency: 'CLP', amountMinor: 1000 }))).rejects.toThrow(
      /does not support CLP/,
    );
    expect(fake.server.requests).toHaveLength(0);
  });

  it('returns the same order for a retried create', async () => {
    const req = request();
    const a = await gateway.createCheckout(req);
    const b = await gateway.createCheckout(req);
    expect(b.providerTxId).toBe(a.providerTxId);
  });

  it('caches the OAuth token and refreshes it once when revoked', async () => {
    const before = fake.tokenRequests;
    await gateway.createCheckout(request());
    await gateway.createCheckout(request());
    expect(fake.tokenRequests - before).toBe(1);
    fake.revokeTokens();
    await gateway.createCheckout(request());
    expect(fake.tokenRequests - before).toBe(2);
  });

  it('reports bad client credentials as non-retryable 401', async () => {
    const wrong = createPayPalGateway(fake.gatewayOptions({ clientSecret: 'nope' }));
    await expect(wrong.createCheckout(request())).rejects.toMatchObject({
      provider: 'paypal',
      status: 401,
      retryable: false,
    });
  });

  it('uses the live or sandbox origin by mode', () => {
    expect(paypalApiBase({ mode: 'live' })).toBe('https://api-m.paypal.com');
    expect(paypalApiBase({ mode: 'sandbox' })).toBe('https://api-m.sandbox.paypal.com');
    expect(paypalApiBase({ mode: 'live', apiBase: 'http://127.0.0.1:9/' })).toBe('http://127.0.0.1:9');
  });
});

describe('paypal gateway — capture and status', () => {
  it('is pending before approval and the capture says not approved', async () => {
    const { providerTxId } = await gateway.createCheckout(request());
    expect((await gateway.fetchPayment(providerTxId)).status).toBe('pending');
    const result = await gateway.confirmOnReturn(providerTxId, { token: providerTxId });
    expect(result.status).toBe('pending');
    expect(fake.order(providerTxId).status).toBe('PAYER_ACTION_REQUIRED');
  });

  it('captures an approved order on return → succeeded', async () => {
    const { req, orderId } = await approvedOrder();
    const result = await gateway.confirmOnReturn(orderId, { token: orderId, PayerID: 'QYR5Z8XDVJNXQ' });
    expect(result).toMatchObject({
      providerTxId: orderId,
      paymentId: req.paymentId,
      status: 'succeeded',
      amountMinor: 14_382,
      currency: 'USD',
    });
    expect((await gateway.fetchPayment(orderId)).status).toBe('succeeded');
  });

  it('follows the approval page redirect to the return URL with token and PayerID', async () => {
    const { providerTxId, redirectUrl } = await gateway.createCheckout(request());
    const res = await fetch(redirectUrl, { redirect: 'manual' });
    const location = new URL(res.headers.get('location')!);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      provider: 'paypal',
      token: providerTxId,
    });
    const query = Object.fromEntries(location.searchParams);
    expect((await gateway.confirmOnReturn(providerTxId, query)).status).toBe('succeeded');
  });

  it('is idempotent: capturing twice replays the first capture', async () => {
    const { orderId } = await approvedOrder();
    const first = await gateway.confirmOnReturn(orderId, {});
    const second = await gateway.confirmOnReturn(orderId, {});
    expect(second.status).toBe('succeeded');
    expect(second.raw).toEqual(first.raw);
    const captures = fake.server.requests.filter((r) => r.path.endsWith('/capture'));
    expect(captures.map((r) => r.headers['paypal-request-id'])).toEqual([
      `capture-${orderId}`,
      `capture-${orderId}`,
    ]);
  });

  it('falls back to reading the order when it was already captured elsewhere', async () => {
    const { orderId } = await approvedOrder();
    fake.captureNow(orderId);
    const result = await gateway.confirmOnReturn(orderId, {});
    expect(result.status).toBe('succeeded');
    expect(fake.server.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: `/v2/checkout/orders/${orderId}`,
    });
  });

  it('maps a declined capture to failed', async () => {
    const { orderId } = await approvedOrder();
    fake.decline(orderId);
    expect((await gateway.confirmOnReturn(orderId, {})).status).toBe('failed');
    expect((await gateway.fetchPayment(orderId)).status).toBe('failed');
  });

  it('maps INSTRUMENT_DECLINED on capture to failed for this attempt', async () => {
    const { orderId } = await approvedOrder();
    fake.failNextCapture(orderId);
    const result = await gateway.confirmOnReturn(orderId, {});
    expect(result.status).toBe('failed');
    expect(result.raw.capture_error).toMatchObject({ details: [{ issue: 'INSTRUMENT_DECLINED' }] });
  });

  it('keeps a pending capture pending until it clears, even through a replayed capture', async () => {
    const { orderId } = await approvedOrder();
    fake.setPending(orderId);
    expect((await gateway.confirmOnReturn(orderId, {})).status).toBe('pending');
    fake.completeCapture(orderId);
    expect((await gateway.fetchPayment(orderId)).status).toBe('succeeded');
    // e.g. the service re-confirms on PAYMENT.CAPTURE.COMPLETED: the capture replays PENDING, the order says done
    expect((await gateway.confirmOnReturn(orderId, {})).status).toBe('succeeded');
  });

  it('maps a voided order to cancelled', async () => {
    const { orderId } = await approvedOrder();
    fake.void(orderId);
    expect((await gateway.fetchPayment(orderId)).status).toBe('cancelled');
  });

  it('maps order statuses', () => {
    expect(
      ['CREATED', 'SAVED', 'APPROVED', 'PAYER_ACTION_REQUIRED', 'VOIDED', 'COMPLETED'].map((status) =>
        payPalOrderStatus({ status }),
      ),
    ).toEqual(['pending', 'pending', 'pending', 'pending', 'cancelled', 'succeeded']);
  });

  it('reports an unknown order as a non-retryable 404', async () => {
    await expect(gateway.fetchPayment('NOPE')).rejects.toMatchObject({ status: 404, retryable: false });
  });

  it('turns 5xx into a retryable GatewayError', async () => {
    const { orderId } = await approvedOrder();
    fake.server.failNext(503, 1, { name: 'SERVICE_UNAVAILABLE' });
    await expect(gateway.confirmOnReturn(orderId, {})).rejects.toMatchObject({
      status: 503,
      retryable: true,
    });
  });

  it('turns a timeout into a retryable GatewayError', async () => {
    const slow = createPayPalGateway(fake.gatewayOptions({ timeoutMs: 100 }));
    fake.server.setLatency(1000);
    const error = await slow.createCheckout(request()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ provider: 'paypal', retryable: true });
  });

  it('formats values per PayPal decimals', () => {
    expect(paypalValue(100, 'USD')).toBe('1.00');
    expect(paypalValue(129_990, 'MXN')).toBe('1299.90');
    expect(paypalValue(1500, 'JPY')).toBe('1500');
    expect(paypalValue(150_000, 'HUF')).toBe('1500');
    expect(() => paypalValue(150_050, 'HUF')).toThrow(/whole HUF/);
  });
});

describe('paypal gateway — webhooks', () => {
  it('accepts a verified CHECKOUT.ORDER.APPROVED', async () => {
    const { req, orderId } = await approvedOrder();
    const hook = fake.signedWebhook('CHECKOUT.ORDER.APPROVED', orderId);
    const event = await gateway.verifyWebhook(hook.headers, hook.rawBody, {});
    expect(event).toMatchObject({
      eventId: hook.event.id,
      type: 'CHECKOUT.ORDER.APPROVED',
      providerTxId: orderId,
      paymentId: req.paymentId,
    });
    const verify = fake.server.requests.find((r) => r.path === '/v1/notifications/verify-webhook-signature')!;
    expect(verify.body).toMatchObject({
      auth_algo: 'SHA256withRSA',
      cert_url: hook.headers['paypal-cert-url'],
      transmission_id: hook.headers['paypal-transmission-id'],
      transmission_sig: hook.headers['paypal-transmission-sig'],
      transmission_time: hook.headers['paypal-transmission-time'],
      webhook_id: fake.webhookId,
      webhook_event: hook.event,
    });
  });

  it.each(['PAYMENT.CAPTURE.COMPLETED', 'PAYMENT.CAPTURE.DENIED'])(
    'maps %s to the order through related_ids',
    async (type) => {
      const { req, orderId } = await approvedOrder();
      if (type === 'PAYMENT.CAPTURE.DENIED') fake.decline(orderId);
      await gateway.confirmOnReturn(orderId, {});
      const hook = fake.signedWebhook(type, orderId);
      const event = await gateway.verifyWebhook(hook.headers, hook.rawBody, {});
      expect(event).toMatchObject({ type, providerTxId: orderId, paymentId: req.paymentId });
    },
  );

  it('rejects a tampered body', async () => {
    const { orderId } = await approvedOrder();
    const hook = fake.signedWebhook('CHECKOUT.ORDER.APPROVED', orderId);
    const tampered = Buffer.from(hook.rawBody.toString('utf8').replace('"APPROVED"', '"COMPLETED"'));
    await expect(gateway.verifyWebhook(hook.headers, tampered, {})).rejects.toBeInstanceOf(
      WebhookSignatureError,
    );
  });

  it('rejects a forged transmission signature', async () => {
    const { orderId } = await approvedOrder();
    const hook = fake.signedWebhook('CHECKOUT.ORDER.APPROVED', orderId);
    const headers = { ...hook.headers, 'paypal-transmission-sig': Buffer.from('forged').toString('base64') };
    await expect(gateway.verifyWebhook(headers, hook.rawBody, {})).rejects.toBeInstanceOf(
      WebhookSignatureError,
    );
  });

  it('rejects a webhook meant for another webhook id', async () => {
    const { orderId } = await approvedOrder();
    const hook = fake.signedWebhook('CHECKOUT.ORDER.APPROVED', orderId);
    const other = createPayPalGateway(fake.gatewayOptions({ webhookId: '9XX00000000000000' }));
    await expect(other.verifyWebhook(hook.headers, hook.rawBody, {})).rejects.toBeInstanceOf(
      WebhookSignatureError,
    );
  });

  it('rejects missing headers without calling PayPal', async () => {
    const { orderId } = await approvedOrder();
    const hook = fake.signedWebhook('CHECKOUT.ORDER.APPROVED', orderId);
    const headers: Record<string, string> = { ...hook.headers };
    delete headers['paypal-transmission-sig'];
    fake.server.clearRequests();
    await expect(gateway.verifyWebhook(headers, hook.rawBody, {})).rejects.toThrow(/transmission_sig/);
    await expect(gateway.verifyWebhook({}, hook.rawBody, {})).rejects.toBeInstanceOf(WebhookSignatureError);
    expect(fake.server.requests).toHaveLength(0);
  });

  it('rejects a body that is not JSON', async () => {
    const { orderId } = await approvedOrder();
    const hook = fake.signedWebhook('CHECKOUT.ORDER.APPROVED', orderId);
    await expect(
      gateway.verifyWebhook(hook.headers, Buffer.from('{"a":1}, "webhook_id": "x"'), {}),
    ).rejects.toBeInstanceOf(WebhookSignatureError);
  });

  it('reports an unavailable verification service as retryable, not as a bad signature', async () => {
    const { orderId } = await approvedOrder();
    const hook = fake.signedWebhook('CHECKOUT.ORDER.APPROVED', orderId);
    await gateway.fetchPayment(orderId); // token cached, so the forced failure hits the verify call
    fake.server.failNext(500);
    const error = await gateway.verifyWebhook(hook.headers, hook.rawBody, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ retryable: true });
  });
});

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
