import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startFakeMercadoPago, type FakeMercadoPago } from './fakes/index.ts';
import type { CheckoutRequest, PaymentGateway } from './gateway.ts';
import { createMercadoPagoGateway } from './mercadopago.ts';

/**
 * What the MercadoPago adapter's test files share: the fake (started once per file) and a fresh adapter pointed at it
 * before each test. `fake` and `gateway` are live bindings, set by the hooks `useMercadoPagoFake` registers.
 */
export let fake: FakeMercadoPago;
export let gateway: PaymentGateway;

export function useMercadoPagoFake(): void {
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
}

export const request = (overrides: Partial<CheckoutRequest> = {}): CheckoutRequest => ({
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
