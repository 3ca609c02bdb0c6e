import type { TPayment } from '../src/modules/payments/payments.schemas.ts';
import type { TestApp } from './app.ts';
import { api, CHECKOUT_TERMS, customer } from './auth-helpers.ts';

export interface OrderOptions {
  /** The plan, by its Contabo product id; default VPS 10 NVMe (V91). */
  contaboProductId?: string;
  /** The server's name, as the customer may give it at checkout. */
  displayName?: string;
}

/**
 * A new customer's pending orders — `count` servers of one plan (V91 unless told) in the EU with the catalog's first
 * image — placed as the shop does it (one checkout with the terms accepted).
 */
export async function placedOrders(t: TestApp, options: OrderOptions & { count?: number } = {}) {
  const { contaboProductId = 'V91', count = 1, ...rest } = options;
  const c = await customer(t);
  const as = api(t.app, c.accessToken);
  const product = (await t.app.inject('/api/products'))
    .json()
    .items.find((p: { contaboProductId: string }) => p.contaboProductId === contaboProductId);
  const image = (await t.app.inject('/api/images')).json().items[0];
  const item = { productId: product.id, periodMonths: 1, region: 'EU', imageId: image.id, ...rest };
  const created = await as({
    method: 'POST',
    url: '/api/orders',
    payload: { legalAccepted: CHECKOUT_TERMS, items: Array.from({ length: count }, () => item) },
  });
  if (created.statusCode !== 201) throw new Error(`checkout failed: ${created.body}`);
  const orders = created.json().items as Array<{
    id: string;
    orderNumber: string;
    subtotalMinor: number;
    regionSurchargeMinor: number;
    totalMinor: number;
  }>;
  return { c, as, orders };
}

/** One such order. */
export async function placedOrder(t: TestApp, options: OrderOptions = {}) {
  const { c, as, orders } = await placedOrders(t, options);
  return { c, as, order: orders[0]! };
}

/** That order with its payment started through `provider` (the gateway's checkout, not yet paid). */
export async function orderWithPayment(t: TestApp, provider: string, options: OrderOptions = {}) {
  const placed = await placedOrder(t, options);
  const payment = (
    await placed.as({ method: 'POST', url: `/api/orders/${placed.order.id}/pay`, payload: { provider } })
  ).json() as TPayment;
  return { ...placed, payment };
}

/** That order paid through the sandbox, waiting for fulfilment. */
export async function paidSandboxOrder(t: TestApp, options: OrderOptions = {}) {
  const paid = await orderWithPayment(t, 'sandbox', options);
  await paid.as({ method: 'POST', url: `/api/payments/sandbox/${paid.payment.id}/approve` });
  return paid;
}
