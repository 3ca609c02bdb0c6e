import { describe, expect, it } from 'vitest';
import { GatewayError, WebhookSignatureError } from './gateway.ts';
import { createPayPalGateway } from './paypal.ts';
import { fake, gateway, approvedOrder, usePayPalFake } from './paypal.fixture.ts';

// The PayPal adapter against the local fake: webhook verification.
usePayPalFake();

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
