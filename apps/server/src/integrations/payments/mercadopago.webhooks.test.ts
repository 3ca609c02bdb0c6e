import { WebhookSignatureValidator } from 'mercadopago';
import { describe, expect, it } from 'vitest';
import { WebhookSignatureError } from './gateway.ts';
import { createMercadoPagoGateway } from './mercadopago.ts';
import { fake, gateway, request, useMercadoPagoFake } from './mercadopago.fixture.ts';

// The MercadoPago adapter against the local fake: x-signature webhook verification.
useMercadoPagoFake();

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
