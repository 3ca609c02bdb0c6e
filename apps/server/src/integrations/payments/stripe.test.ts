import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeStripe, type FakeStripe } from './fakes/index.ts';
import { GatewayError, WebhookSignatureError, type CheckoutRequest, type PaymentGateway } from './gateway.ts';
import { createStripeGateway, withSessionIdTemplate } from './stripe.ts';

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
