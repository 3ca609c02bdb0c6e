/** Shared setup of the vps tests (split by topic into several files). */
import { afterAll, beforeAll } from 'vitest';
import type { SimulatorControl } from '@cloud-vertice/contabo/simulator';
import { isVpsEvent, type VpsEvent } from '../../src/events/bus.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { admin, api } from '../auth-helpers.ts';
import { paidSandboxOrder } from '../order-helpers.ts';

export let t: TestApp;
export let sim: SimulatorControl;
export let asAdmin: ReturnType<typeof api>;
export const events: VpsEvent[] = [];

/** A verified customer with one order paid through the sandbox. */
export const paidOrder = (contaboProductId = 'V91') => paidSandboxOrder(t, { contaboProductId });

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
