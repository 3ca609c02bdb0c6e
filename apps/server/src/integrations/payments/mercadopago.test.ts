import { describe, expect, it } from 'vitest';
import { GatewayError } from './gateway.ts';
import { createMercadoPagoGateway, mercadoPagoPaymentStatus } from './mercadopago.ts';
import { fake, gateway, request, useMercadoPagoFake } from './mercadopago.fixture.ts';

// The MercadoPago adapter against the local fake: checkout (preferences), payments and status mapping.
useMercadoPagoFake();

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
