/** Shared setup of the vps tests (split by topic into several files). */
import { afterAll, beforeAll } from 'vitest';
import type { SimulatorControl } from '@cloud-vertice/contabo/simulator';
import { isVpsEvent, type VpsEvent } from '../../src/events/bus.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { admin, api, customer, CHECKOUT_TERMS } from '../auth-helpers.ts';

export let t: TestApp;
export let sim: SimulatorControl;
export let asAdmin: ReturnType<typeof api>;
export const events: VpsEvent[] = [];

/** A verified customer with one order paid through the sandbox. */
export async function paidOrder(contaboProductId = 'V91') {
  const c = await customer(t);
  const as = api(t.app, c.accessToken);
  const product = (await t.app.inject('/api/products'))
    .json()
    .items.find((p: { contaboProductId: string }) => p.contaboProductId === contaboProductId);
  const image = (await t.app.inject('/api/images')).json().items[0];
  const order = (
    await as({
      method: 'POST',
      url: '/api/orders',
      payload: {
        legalAccepted: CHECKOUT_TERMS,
        items: [{ productId: product.id, periodMonths: 1, region: 'EU', imageId: image.id }],
      },
    })
  ).json().items[0];
  const payment = (
    await as({ method: 'POST', url: `/api/orders/${order.id}/pay`, payload: { provider: 'sandbox' } })
  ).json();
  await as({ method: 'POST', url: `/api/payments/sandbox/${payment.id}/approve` });
  return { c, as, order };
}

export async function unassignedInstance(status = 'running') {
  const inventory = (
    await asAdmin({ method: 'GET', url: '/api/admin/contabo/instances?assigned=false' })
  ).json();
  return inventory.items.find((i: { status: string }) => i.status === status);
}

/** Moves Contabo's clock and lets the tracker see the result. */
export async function settle(ms = 3_500) {
  await t.container.vpsQueue.pass(); // sends what is queued (the worker's dispatcher does it in production)
  sim.advance(ms);
  await t.container.vps.trackActions();
  await t.container.fulfilment.trackProvisioning();
}

/** Registers the shared app and fixtures for the file that calls it (at top level). */
export function useVpsApp() {
  beforeAll(async () => {
    t = await createTestApp({ contabo: { timing: { actionMs: 3_000, provisionMs: 10_000 } } });
    sim = t.container.contabo.simulator!.control;
    asAdmin = api(t.app, (await admin(t)).accessToken);
    t.container.events.subscribe((e) => isVpsEvent(e) && events.push(e));
  });
  afterAll(async () => {
    await t.close();
  });
}
