import type { TestApp } from './app.ts';
import { api, CHECKOUT_TERMS, customer } from './auth-helpers.ts';

/**
 * A new customer's order for VPS 10 NVMe (V91) in the EU, paid through the sandbox and waiting for fulfilment, as the
 * shop makes it (checkout with the terms accepted, then the sandbox payment approved).
 */
export async function paidSandboxOrder(t: TestApp, options: { displayName?: string } = {}) {
  const c = await customer(t);
  const as = api(t.app, c.accessToken);
  const product = (await t.app.inject('/api/products'))
    .json()
    .items.find((p: { contaboProductId: string }) => p.contaboProductId === 'V91');
  const image = (await t.app.inject('/api/images')).json().items[0];
  const item = { productId: product.id, periodMonths: 1, region: 'EU', imageId: image.id, ...options };
  const order = (
    await as({
      method: 'POST',
      url: '/api/orders',
      payload: { legalAccepted: CHECKOUT_TERMS, items: [item] },
    })
  ).json().items[0] as {
    id: string;
    orderNumber: string;
    subtotalMinor: number;
    regionSurchargeMinor: number;
  };
  const payment = (
    await as({ method: 'POST', url: `/api/orders/${order.id}/pay`, payload: { provider: 'sandbox' } })
  ).json() as { id: string };
  await as({ method: 'POST', url: `/api/payments/sandbox/${payment.id}/approve` });
  return { c, as, order, payment };
}
