/** Shared setup of the billing tests (split by topic into several files). */
import { afterAll, beforeAll, expect } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { api, customer, CHECKOUT_TERMS } from '../auth-helpers.ts';

export let t: TestApp;

export async function checkoutAndPay(count = 1, profile: Partial<typeof users.$inferInsert> = {}) {
  const product = (await t.app.inject('/api/products'))
    .json()
    .items.find((p: { contaboProductId: string }) => p.contaboProductId === 'V91');
  const image = (await t.app.inject('/api/images')).json().items[0];
  const c = await customer(t);
  if (Object.keys(profile).length)
    await t.database.db.update(users).set(profile).where(eq(users.id, c.userId));
  const as = api(t.app, c.accessToken);
  const items = Array.from({ length: count }, () => ({
    productId: product.id as string,
    imageId: image.id as string,
    periodMonths: 1,
    region: 'EU',
  }));
  const created = await as({
    method: 'POST',
    url: '/api/orders',
    payload: { legalAccepted: CHECKOUT_TERMS, items },
  });
  if (created.statusCode !== 201) throw new Error(`checkout failed: ${created.body}`);
  const orders = created.json().items as Array<{ id: string; totalMinor: number; orderNumber: string }>;
  const pay = await as({
    method: 'POST',
    url: `/api/orders/${orders[0]!.id}/pay`,
    payload: { provider: 'sandbox', scope: 'checkout' },
  });
  const payment = pay.json() as { id: string; amountMinor: number };
  const approved = await as({ method: 'POST', url: `/api/payments/sandbox/${payment.id}/approve` });
  expect(approved.json().status).toBe('succeeded');
  return { c, as, orders, payment };
}

export const NUMBER = /^CV-2026-\d{6}$/;

/** Registers the shared app and fixtures for the file that calls it (at top level). */
export function useBillingApp() {
  beforeAll(async () => {
    // More sign-ups than the per-IP hourly limit happen in this file.
    t = await createTestApp({ env: { RATE_LIMIT_DISABLED: 'true' } });
  });
  afterAll(async () => {
    await t.close();
  });
}
