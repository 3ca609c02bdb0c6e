/** Shared setup of the payments tests (split by topic into several files). */
import { afterAll, beforeAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { orderStatusHistory } from '../../src/db/schema/index.ts';
import { createPaymentGateways } from '../../src/integrations/payments/index.ts';
import { startPaymentFakes, type PaymentFakes } from '../../src/integrations/payments/fakes/index.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { api, customer, CHECKOUT_TERMS } from '../auth-helpers.ts';

export let demo: TestApp;
export let live: TestApp;
export let fakes: PaymentFakes;

export async function checkout(t: TestApp, count = 1) {
  const product = (await t.app.inject('/api/products'))
    .json()
    .items.find((p: { contaboProductId: string }) => p.contaboProductId === 'V91');
  const image = (await t.app.inject('/api/images')).json().items[0];
  const plan = { productId: product.id as string, imageId: image.id as string };
  const c = await customer(t);
  const as = api(t.app, c.accessToken);
  const items = Array.from({ length: count }, () => ({ ...plan, periodMonths: 1, region: 'EU' }));
  const created = await as({
    method: 'POST',
    url: '/api/orders',
    payload: { legalAccepted: CHECKOUT_TERMS, items },
  });
  if (created.statusCode !== 201) throw new Error(`checkout failed: ${created.body}`);
  const orders = created.json().items as Array<{
    id: string;
    totalMinor: number;
    orderNumber: string;
  }>;
  return { c, as, orders };
}

export const pathOf = (url: string | null) => {
  const u = new URL(url!);
  return `${u.pathname}${u.search}`;
};

export async function paidTransitions(t: TestApp, orderId: string) {
  const rows = await t.database.db
    .select()
    .from(orderStatusHistory)
    .where(eq(orderStatusHistory.orderId, orderId));
  return rows.filter((r) => r.toStatus === 'paid').length;
}

/** Registers the shared app and fixtures for the file that calls it (at top level). */
export function usePaymentApps() {
  beforeAll(async () => {
    fakes = await startPaymentFakes();
    demo = await createTestApp();
    live = await createTestApp({ gateways: createPaymentGateways(fakes.gatewayOptions()) });
  });
  afterAll(async () => {
    await demo.close();
    await live.close();
    await fakes.close();
  });
}
