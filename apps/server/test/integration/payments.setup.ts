/** Shared setup of the payments tests (split by topic into several files). */
import { afterAll, beforeAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { orderStatusHistory, transactions } from '../../src/db/schema/index.ts';
import { createPaymentGateways } from '../../src/integrations/payments/index.ts';
import { startPaymentFakes, type PaymentFakes } from '../../src/integrations/payments/fakes/index.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { api, customer } from '../auth-helpers.ts';
import { createInvoice, createProduct, createVpsInstance } from '../factories.ts';
import { placedOrders } from '../order-helpers.ts';

export let demo: TestApp;
export let live: TestApp;
export let fakes: PaymentFakes;

/** A new customer's `count` pending orders of VPS 10 NVMe, placed in one checkout. */
export const checkout = (t: TestApp, count = 1) => placedOrders(t, { count });

/** How the fake signs a webhook (e.g. with a wrong secret). */
type StripeSigning = Parameters<PaymentFakes['stripe']['signedWebhook']>[2];

/** A payment's transaction row in `t`'s database. */
export async function txRow(t: TestApp, id: string) {
  const [row] = await t.database.db.select().from(transactions).where(eq(transactions.id, id));
  return row!;
}

/** Stripe's "checkout completed" webhook for a session, signed by the fake; `send` delivers it (again and again). */
export function stripeCompleted(t: TestApp, fakes: PaymentFakes, sessionId: string, signing?: StripeSigning) {
  const hook = fakes.stripe.signedWebhook('checkout.session.completed', sessionId, signing);
  const send = () =>
    t.app.inject({
      method: 'POST',
      url: '/api/webhooks/stripe',
      headers: hook.headers,
      payload: hook.rawBody,
    });
  return { hook, send };
}

/** A Stripe payment the customer approved at the fake, with its "checkout completed" webhook ready to deliver. */
export async function approvedAtStripe(
  t: TestApp,
  fakes: PaymentFakes,
  paymentId: string,
  signing?: StripeSigning,
) {
  const tx = await txRow(t, paymentId);
  fakes.stripe.approve(tx.providerTxId!);
  return { tx, ...stripeCompleted(t, fakes, tx.providerTxId!, signing) };
}

/**
 * A customer's service (a product made for the test, expiring on 1 February 2026) with its 13.00 renewal invoice
 * for February, in `status`; `as` calls the API as that customer.
 */
export async function renewalInvoice(t: TestApp, invoice: { status: string; invoiceNumber: string }) {
  const db = t.database.db;
  const c = await customer(t);
  const product = await createProduct(db);
  const vps = await createVpsInstance(db, {
    userId: c.userId,
    productId: product.id,
    expiresAt: new Date('2026-02-01T00:00:00Z'),
    periodMonths: 1,
  });
  const row = await createInvoice(db, {
    userId: c.userId,
    vpsInstanceId: vps.id,
    ...invoice,
    totalMinor: 1300,
    subtotalMinor: 1300,
    periodStart: new Date('2026-02-01T00:00:00Z'),
    periodEnd: new Date('2026-03-01T00:00:00Z'),
  });
  return { c, vps, invoice: row, as: api(t.app, c.accessToken) };
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
  }, 300_000);
  afterAll(async () => {
    await demo?.close();
    await live?.close();
    await fakes?.close();
  });
}
