import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeStripe, type FakeStripe } from './fakes/index.ts';
import { GatewayError, WebhookSignatureError, type CheckoutRequest, type PaymentGateway } from './gateway.ts';
import { createStripeGateway, stripeRefundStatus, withSessionIdTemplate } from './stripe.ts';

let fake: FakeStripe;
let gateway: PaymentGateway;

const request = (overrides: Partial<CheckoutRequest> = {}): CheckoutRequest => ({
  paymentId: crypto.randomUUID(),
  amountMinor: 4794,
  currency: 'USD',
  description: 'Pedido CV-2026-000042 — VPS 10 NVMe, 12 meses',
  customerEmail: 'ana@example.com',
  returnUrl: 'https://cloudvertice.test/pago/retorno?provider=stripe',
  cancelUrl: 'https://cloudvertice.test/carrito',
  locale: 'es',
  ...overrides,
});

beforeAll(async () => {
  fake = await startFakeStripe();
});
afterAll(async () => {
  await fake.server.close();
});
beforeEach(() => {
  fake.server.setLatency(0);
  fake.server.clearRequests();
  gateway = createStripeGateway(fake.gatewayOptions());
});

describe('stripe gateway — checkout', () => {
  it('creates a Checkout Session with our reference, minor-unit amount and idempotency key', async () => {
    const req = request();
    const session = await gateway.createCheckout(req);

    expect(session.providerTxId).toMatch(/^cs_test_/);
    expect(session.redirectUrl).toBe(`${fake.url}/pay/${session.providerTxId}`);
    const sent = fake.server.requests.find((r) => r.method === 'POST')!;
    expect(sent.headers['idempotency-key']).toBe(req.paymentId);
    expect(sent.body).toMatchObject({
      mode: 'payment',
      client_reference_id: req.paymentId,
      metadata: { paymentId: req.paymentId },
      customer_email: 'ana@example.com',
      cancel_url: req.cancelUrl,
      success_url: 'https://cloudvertice.test/pago/retorno?provider=stripe&session_id={CHECKOUT_SESSION_ID}',
      locale: 'es',
      line_items: [
        {
          quantity: '1',
          price_data: {
            currency: 'usd',
            unit_amount: '4794',
            product_data: { name: req.description },
          },
        },
      ],
    });
  });

  it('sends zero-decimal currencies as they are (CLP 15000 → unit_amount 15000)', async () => {
    await gateway.createCheckout(request({ amountMinor: 15000, currency: 'CLP' }));
    const sent = fake.server.requests.find((r) => r.method === 'POST')!;
    expect(sent.body).toMatchObject({
      line_items: [{ price_data: { currency: 'clp', unit_amount: '15000' } }],
    });
  });

  it('replays the same session for a retried create with the same paymentId', async () => {
    const req = request();
    const first = await gateway.createCheckout(req);
    const second = await gateway.createCheckout(req);
    expect(second.providerTxId).toBe(first.providerTxId);
    expect(fake.listSessions().filter((s) => s.client_reference_id === req.paymentId)).toHaveLength(1);
  });

  it('rejects invalid requests before calling Stripe', async () => {
    await expect(gateway.createCheckout(request({ amountMinor: 12.5 }))).rejects.toBeInstanceOf(GatewayError);
    await expect(gateway.createCheckout(request({ currency: 'usd' }))).rejects.toThrow(/ISO 4217/);
    expect(fake.server.requests).toHaveLength(0);
  });

  it('keeps an existing fragment after the session_id template', () => {
    expect(withSessionIdTemplate('https://x.test/r#top')).toBe(
      'https://x.test/r?session_id={CHECKOUT_SESSION_ID}#top',
    );
    expect(withSessionIdTemplate('https://x.test/r?')).toBe(
      'https://x.test/r?session_id={CHECKOUT_SESSION_ID}',
    );
  });
});

describe('stripe gateway — status mapping', () => {
  it('is pending while the session is open', async () => {
    const { providerTxId } = await gateway.createCheckout(request());
    const payment = await gateway.fetchPayment(providerTxId);
    expect(payment).toMatchObject({ providerTxId, status: 'pending', amountMinor: 4794, currency: 'USD' });
  });

  it('succeeds when paid (confirmOnReturn reads the session)', async () => {
    const req = request();
    const { providerTxId } = await gateway.createCheckout(req);
    fake.approve(providerTxId);
    const payment = await gateway.confirmOnReturn(providerTxId, { session_id: providerTxId });
    expect(payment).toMatchObject({ status: 'succeeded', paymentId: req.paymentId, amountMinor: 4794 });
  });

  it('follows the hosted page redirect to the success URL with the session id filled in', async () => {
    const { providerTxId, redirectUrl } = await gateway.createCheckout(request());
    const res = await fetch(redirectUrl, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(
      `https://cloudvertice.test/pago/retorno?provider=stripe&session_id=${providerTxId}`,
    );
    expect((await gateway.fetchPayment(providerTxId)).status).toBe('succeeded');
  });

  it('is pending while an async payment clears, then failed when it fails', async () => {
    const { providerTxId } = await gateway.createCheckout(request());
    fake.setPending(providerTxId);
    expect((await gateway.fetchPayment(providerTxId)).status).toBe('pending');
    fake.decline(providerTxId);
    expect((await gateway.fetchPayment(providerTxId)).status).toBe('failed');
  });

  it('is cancelled when the session expired', async () => {
    const { providerTxId } = await gateway.createCheckout(request());
    fake.expire(providerTxId);
    expect((await gateway.fetchPayment(providerTxId)).status).toBe('cancelled');
  });

  it('reports an unknown session as a non-retryable 404', async () => {
    const error = await gateway.fetchPayment('cs_test_missing').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ provider: 'stripe', status: 404, retryable: false });
  });

  it('reports a wrong API key as non-retryable 401', async () => {
    const wrong = createStripeGateway(fake.gatewayOptions({ secretKey: 'sk_test_wrong' }));
    await expect(wrong.createCheckout(request())).rejects.toMatchObject({ status: 401, retryable: false });
  });

  it('turns 5xx into a retryable GatewayError', async () => {
    fake.server.failNext(503, 1, { error: { type: 'api_error', message: 'overloaded' } });
    await expect(gateway.createCheckout(request())).rejects.toMatchObject({ status: 503, retryable: true });
  });

  it('turns a timeout into a retryable GatewayError', async () => {
    const slow = createStripeGateway(fake.gatewayOptions({ timeoutMs: 100 }));
    fake.server.setLatency(1000);
    const error = await slow.createCheckout(request()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ provider: 'stripe', retryable: true });
    expect((error as Error).message).toMatch(/timeout/i);
  });
});

describe('stripe gateway — webhooks', () => {
  it('accepts a correctly signed checkout.session.completed', async () => {
    const req = request();
    const { providerTxId } = await gateway.createCheckout(req);
    fake.approve(providerTxId);
    const hook = fake.signedWebhook('checkout.session.completed', providerTxId);
    const event = await gateway.verifyWebhook(hook.headers, hook.rawBody, {});
    expect(event).toMatchObject({
      eventId: hook.event.id,
      type: 'checkout.session.completed',
      providerTxId,
      paymentId: req.paymentId,
    });
  });

  it.each([
    'checkout.session.async_payment_succeeded',
    'checkout.session.async_payment_failed',
    'checkout.session.expired',
  ])('maps %s to the session', async (type) => {
    const { providerTxId } = await gateway.createCheckout(request());
    const hook = fake.signedWebhook(type, providerTxId);
    const event = await gateway.verifyWebhook(hook.headers, hook.rawBody, {});
    expect(event).toMatchObject({ type, providerTxId });
  });

  it('rejects a missing signature header', async () => {
    const { providerTxId } = await gateway.createCheckout(request());
    const hook = fake.signedWebhook('checkout.session.completed', providerTxId);
    await expect(gateway.verifyWebhook({}, hook.rawBody, {})).rejects.toBeInstanceOf(WebhookSignatureError);
  });

  it('rejects a signature made with another secret', async () => {
    const { providerTxId } = await gateway.createCheckout(request());
    const hook = fake.signedWebhook('checkout.session.completed', providerTxId, { secret: 'whsec_attacker' });
    await expect(gateway.verifyWebhook(hook.headers, hook.rawBody, {})).rejects.toBeInstanceOf(
      WebhookSignatureError,
    );
  });

  it('rejects a tampered body', async () => {
    const { providerTxId } = await gateway.createCheckout(request());
    const hook = fake.signedWebhook('checkout.session.completed', providerTxId);
    const tampered = Buffer.from(hook.rawBody.toString('utf8').replace('"unpaid"', '"paid"'));
    expect(tampered.equals(hook.rawBody)).toBe(false);
    await expect(gateway.verifyWebhook(hook.headers, tampered, {})).rejects.toBeInstanceOf(
      WebhookSignatureError,
    );
  });

  it('rejects a replay older than the tolerance', async () => {
    const { providerTxId } = await gateway.createCheckout(request());
    const old = Math.floor(Date.now() / 1000) - 3600;
    const hook = fake.signedWebhook('checkout.session.completed', providerTxId, { timestamp: old });
    await expect(gateway.verifyWebhook(hook.headers, hook.rawBody, {})).rejects.toThrow(/timestamp/i);
  });
});

describe('stripe gateway — refunds', () => {
  async function paidSession(overrides: Partial<CheckoutRequest> = {}) {
    const { providerTxId } = await gateway.createCheckout(request(overrides));
    fake.approve(providerTxId);
    fake.server.clearRequests();
    return providerTxId;
  }
  const refundReq = (providerTxId: string, amountMinor: number, idempotencyKey = crypto.randomUUID()) => ({
    providerTxId,
    amountMinor,
    currency: 'USD',
    idempotencyKey,
  });

  it('refunds in full against the session PaymentIntent, read from the session first', async () => {
    const sessionId = await paidSession();
    const key = crypto.randomUUID();
    const refund = await gateway.refund({
      ...refundReq(sessionId, 4794, key),
      reason: 'requested_by_customer',
    });

    expect(refund).toMatchObject({ status: 'succeeded', amountMinor: 4794, currency: 'USD' });
    expect(refund.refundId).toMatch(/^re_/);
    const intentId = fake.session(sessionId).payment_intent as string;
    expect(intentId).toMatch(/^pi_/);
    expect(refund.raw).toMatchObject({ object: 'refund', payment_intent: intentId });
    const [lookup, create] = fake.server.requests;
    expect(lookup).toMatchObject({ method: 'GET', path: `/v1/checkout/sessions/${sessionId}` });
    expect(create).toMatchObject({ method: 'POST', path: '/v1/refunds' });
    expect(create!.headers['content-type']).toContain('application/x-www-form-urlencoded');
    expect(create!.headers['idempotency-key']).toBe(key);
    expect(create!.body).toEqual({
      payment_intent: intentId,
      amount: '4794',
      reason: 'requested_by_customer',
      metadata: { checkoutSession: sessionId, reason: 'requested_by_customer' },
    });
    expect(fake.refundedAmount(sessionId)).toBe(4794);
  });

  it('refunds partially twice, cumulatively, and then refuses the overshoot', async () => {
    const sessionId = await paidSession();
    const first = await gateway.refund(refundReq(sessionId, 1000));
    const second = await gateway.refund(refundReq(sessionId, 2000));
    expect(first.refundId).not.toBe(second.refundId);
    expect([first.amountMinor, second.amountMinor]).toEqual([1000, 2000]);
    expect(fake.refundedAmount(sessionId)).toBe(3000);

    const error = await gateway.refund(refundReq(sessionId, 1795)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ provider: 'stripe', status: 400, retryable: false });
    expect((error as Error).message).toMatch(/exceeds the amount still refundable/);
    expect((error as Error).message).toMatch(/greater than unrefunded amount on charge \(USD 17\.94\)/);
    expect(fake.refundedAmount(sessionId)).toBe(3000);
    await expect(gateway.refund(refundReq(sessionId, 1794))).resolves.toMatchObject({ status: 'succeeded' });
    expect(fake.refundedAmount(sessionId)).toBe(4794);
  });

  it('refuses more than was paid, and anything once fully refunded', async () => {
    const sessionId = await paidSession();
    await expect(gateway.refund(refundReq(sessionId, 4795))).rejects.toThrow(
      /exceeds the amount still refundable/,
    );
    await gateway.refund(refundReq(sessionId, 4794));
    const error = await gateway.refund(refundReq(sessionId, 1)).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, retryable: false });
    expect((error as Error).message).toMatch(/exceeds the amount still refundable.*already been refunded/);
    expect(fake.listRefunds(sessionId)).toHaveLength(1);
  });

  it('returns the same refund for a repeated idempotency key, without refunding twice', async () => {
    const sessionId = await paidSession();
    const key = crypto.randomUUID();
    const first = await gateway.refund(refundReq(sessionId, 4794, key));
    // Nothing is left to refund now: the repeat must still answer with the first refund, not an error.
    const again = await gateway.refund(refundReq(sessionId, 4794, key));
    expect(again.refundId).toBe(first.refundId);
    expect(again).toMatchObject({ status: 'succeeded', amountMinor: 4794 });
    expect(fake.listRefunds(sessionId)).toHaveLength(1);
    expect(fake.refundedAmount(sessionId)).toBe(4794);
  });

  it('turns a 5xx on the refund into a retryable GatewayError; the retry with the same key refunds once', async () => {
    const sessionId = await paidSession();
    const key = crypto.randomUUID();
    fake.server.failNextOn('POST', /^\/v1\/refunds$/, 503, {
      error: { type: 'api_error', message: 'overloaded' },
    });
    const error = await gateway.refund(refundReq(sessionId, 500, key)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ provider: 'stripe', status: 503, retryable: true });
    expect(fake.refundedAmount(sessionId)).toBe(0);

    const refund = await gateway.refund(refundReq(sessionId, 500, key));
    expect(refund.status).toBe('succeeded');
    expect(fake.listRefunds(sessionId)).toHaveLength(1);
  });

  it('refuses a session that was never paid without calling /v1/refunds', async () => {
    const { providerTxId } = await gateway.createCheckout(request());
    fake.server.clearRequests();
    await expect(gateway.refund(refundReq(providerTxId, 100))).rejects.toThrow(/has no payment to refund/);
    expect(fake.server.requests.map((r) => r.path)).toEqual([`/v1/checkout/sessions/${providerTxId}`]);
  });

  it('refuses a currency other than the session one, and invalid requests, before refunding', async () => {
    const sessionId = await paidSession();
    await expect(gateway.refund({ ...refundReq(sessionId, 100), currency: 'EUR' })).rejects.toThrow(
      /paid in USD, not EUR/,
    );
    await expect(gateway.refund(refundReq(sessionId, 0))).rejects.toThrow(/Invalid refund request/);
    await expect(gateway.refund({ ...refundReq(sessionId, 100), idempotencyKey: '' })).rejects.toThrow(
      /idempotencyKey is required/,
    );
    expect(fake.server.requests.filter((r) => r.path === '/v1/refunds')).toHaveLength(0);
  });

  it('keeps free-text reasons in metadata only (Stripe reason is an enum)', async () => {
    const sessionId = await paidSession();
    await gateway.refund({ ...refundReq(sessionId, 100), reason: 'Cliente canceló dentro de 7 días' });
    const create = fake.server.requests.find((r) => r.path === '/v1/refunds')!;
    expect(create.body).not.toHaveProperty('reason');
    expect(create.body).toMatchObject({ metadata: { reason: 'Cliente canceló dentro de 7 días' } });
  });

  it('reports a refund still in flight as pending', async () => {
    const sessionId = await paidSession();
    fake.setNextRefundStatus('pending');
    await expect(gateway.refund(refundReq(sessionId, 100))).resolves.toMatchObject({ status: 'pending' });
    expect(
      ['succeeded', 'pending', 'requires_action', 'failed', 'canceled', null].map(stripeRefundStatus),
    ).toEqual(['succeeded', 'pending', 'pending', 'failed', 'failed', 'pending']);
  });

  it('reports an unknown session as a non-retryable 404', async () => {
    await expect(gateway.refund(refundReq('cs_test_missing', 100))).rejects.toMatchObject({
      provider: 'stripe',
      status: 404,
      retryable: false,
    });
  });
});

describe('stripe gateway — ending a replaced checkout', () => {
  it('expires an open session; a paid or expired one is not open any more', async () => {
    const open = await gateway.createCheckout(request());
    expect(await gateway.expireCheckout(open.providerTxId)).toBe('expired');
    expect(fake.session(open.providerTxId).status).toBe('expired');
    expect(await gateway.expireCheckout(open.providerTxId)).toBe('not_open');
    const paid = await gateway.createCheckout(request());
    fake.approve(paid.providerTxId);
    expect(await gateway.expireCheckout(paid.providerTxId)).toBe('not_open');
    expect(fake.session(paid.providerTxId).status).toBe('complete');
  });

  it('turns a 5xx into a retryable GatewayError', async () => {
    const open = await gateway.createCheckout(request());
    fake.server.failNextOn('POST', /\/expire$/, 503, { error: { type: 'api_error', message: 'overloaded' } });
    const error = await gateway.expireCheckout(open.providerTxId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ provider: 'stripe', status: 503, retryable: true });
    expect(fake.session(open.providerTxId).status).toBe('open');
  });
});
