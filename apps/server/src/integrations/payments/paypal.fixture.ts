import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startFakePayPal, type FakePayPal } from './fakes/index.ts';
import type { CheckoutRequest, PaymentGateway } from './gateway.ts';
import { createPayPalGateway } from './paypal.ts';

/**
 * What the PayPal adapter's test files share: the fake (started once per file) and a fresh adapter pointed at it
 * before each test. `fake` and `gateway` are live bindings, set by the hooks `usePayPalFake` registers.
 */
export let fake: FakePayPal;
export let gateway: PaymentGateway;

export function usePayPalFake(): void {
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
}

export const request = (overrides: Partial<CheckoutRequest> = {}): CheckoutRequest => ({
  paymentId: crypto.randomUUID(),
  amountMinor: 14_382,
  currency: 'USD',
  description: 'Pedido CV-2026-000044 — VPS 30 NVMe, 3 meses',
  customerEmail: 'marta@example.com',
  returnUrl: 'https://cloudvertice.test/pago/retorno?provider=paypal',
  cancelUrl: 'https://cloudvertice.test/carrito',
  ...overrides,
});

/** A checkout the buyer approved on PayPal's page (not captured yet). */
export async function approvedOrder(overrides: Partial<CheckoutRequest> = {}) {
  const req = request(overrides);
  const { providerTxId } = await gateway.createCheckout(req);
  fake.approve(providerTxId);
  return { req, orderId: providerTxId };
}
