/**
 * Local fakes of the payment providers' HTTP APIs, for tests and demos — never for production.
 *
 * Each fake is a small stateful HTTP server on 127.0.0.1:<random port> speaking the provider's real wire format, so
 * the *real* adapters run against it unchanged (only `apiBase` differs):
 *
 *   const fakes = await startPaymentFakes();
 *   const gateways = createPaymentGateways(fakes.gatewayOptions());      // or fakes.stripe.gatewayOptions()
 *   const { providerTxId } = await gateways.stripe!.createCheckout(req);
 *   fakes.stripe.approve(providerTxId);                                  // the customer paid
 *   const hook = fakes.stripe.signedWebhook('checkout.session.completed', providerTxId);
 *   await app.inject({ method: 'POST', url: '/api/webhooks/stripe', headers: hook.headers, payload: hook.rawBody });
 *   await fakes.close();
 *
 * Controls per fake (see each class):
 * - Stripe: approve / setPending (async method) / decline (async failure) / expire, signedWebhook(type, sessionId)
 * - MercadoPago: pay(preferenceId, { status, paymentTypeId }) → payment; approve / decline / setPending / cancel /
 *   refund(paymentId); returnQuery(paymentId) = the back_url query; signedWebhook(paymentId) incl. `url` and `query`
 * - PayPal: approve(orderId); decline / setPending / failNextCapture (shape the next capture); completeCapture; void;
 *   captureNow; revokeTokens; signedWebhook(type, orderId) — verified only by this fake's verify endpoint
 * - Refunds (all three): the provider's refund endpoint, stateful (cumulative cap, idempotency replay);
 *   listRefunds(…) / setNextRefundStatus(…); Stripe refundedAmount(sessionId); PayPal captureId(orderId)
 * - All: `server.setLatency(ms)` (exercise timeouts), `server.failNext(status, times)`,
 *   `server.failNextOn(method, /path/, status)` (one route only), `server.requests` (assert
 *   what was sent), and a hosted page at each checkout's `redirectUrl` that pays and redirects to the return URL
 *   (Stripe `?outcome=pay|async|cancel`, MercadoPago `&outcome=approved|pending|rejected|abandon`, PayPal
 *   `&outcome=approve|cancel`), usable from browser tests.
 */
import type { PaymentGatewaysOptions } from '../index.ts';
import {
  startFakeMercadoPago,
  type FakeMercadoPago,
  type FakeMercadoPagoOptions,
} from './mercadopago.fake.ts';
import { startFakePayPal, type FakePayPal, type FakePayPalOptions } from './paypal.fake.ts';
import { startFakeStripe, type FakeStripe, type FakeStripeOptions } from './stripe.fake.ts';

export * from './stripe.fake.ts';
export * from './mercadopago.fake.ts';
export * from './paypal.fake.ts';
export type { PayPalWebhookType, SignedPayPalWebhook } from './paypal-webhooks.fake.ts';
export { FakeHttpServer, type RecordedRequest } from './http-server.ts';

export interface PaymentFakes {
  stripe: FakeStripe;
  mercadopago: FakeMercadoPago;
  paypal: FakePayPal;
  /** Factory options with every provider pointed at its fake. */
  gatewayOptions(): PaymentGatewaysOptions;
  close(): Promise<void>;
}

export async function startPaymentFakes(
  options: {
    stripe?: FakeStripeOptions;
    mercadopago?: FakeMercadoPagoOptions;
    paypal?: FakePayPalOptions;
  } = {},
): Promise<PaymentFakes> {
  const [stripe, mercadopago, paypal] = await Promise.all([
    startFakeStripe(options.stripe),
    startFakeMercadoPago(options.mercadopago),
    startFakePayPal(options.paypal),
  ]);
  return {
    stripe,
    mercadopago,
    paypal,
    gatewayOptions: () => ({
      stripe: stripe.gatewayOptions(),
      mercadopago: mercadopago.gatewayOptions(),
      paypal: paypal.gatewayOptions(),
    }),
    close: async () => {
      await Promise.all([stripe.server.close(), mercadopago.server.close(), paypal.server.close()]);
    },
  };
}
