import { describe, expect, it } from 'vitest';
import { GatewayError } from './gateway.ts';
import { createPayPalGateway, paypalApiBase, payPalOrderStatus, paypalValue } from './paypal.ts';
import { fake, gateway, request, approvedOrder, usePayPalFake } from './paypal.fixture.ts';

// The PayPal adapter against the local fake: checkout, OAuth token, capture and status mapping.
usePayPalFake();

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
