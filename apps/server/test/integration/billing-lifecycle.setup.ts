/** Shared setup of the renewal lifecycle tests (split by topic into two files): a platform per test on a manual clock. */
import { afterEach, beforeEach } from 'vitest';
import type { SimulatorControl } from '@cloud-vertice/contabo/simulator';
import type { vpsInstances } from '../../src/db/schema/index.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import type { LifecycleCounts } from '../../src/modules/billing/billing.lifecycle.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { api, customer, emailsTo, login } from '../auth-helpers.ts';
import { createOrder, createProduct, createVpsInstance } from '../factories.ts';

export let t: TestApp;
export let sim: SimulatorControl;

/** A platform per test: each walks its own services through time. Call once at the top of a test file. */
export function useLifecycleApp(): void {
  beforeEach(async () => {
    t = await createTestApp({ clock: new ManualClock('2026-01-15T12:00:00Z') });
    sim = t.container.contabo.simulator!.control;
  });
  afterEach(async () => {
    await t.close();
  });
}

export const NONE: LifecycleCounts = {
  issued: 0,
  reminders: 0,
  overdue: 0,
  overdueNotices: 0,
  suspended: 0,
  terminationWarnings: 0,
  terminated: 0,
  cancelled: 0,
};
export const counts = (partial: Partial<LifecycleCounts>) => ({ ...NONE, ...partial });

/** The calls Contabo received for an instance, after the queued lifecycle calls ran. */
export async function requestsTo(instanceId: number, suffix: string) {
  await t.container.jobs.drain();
  return sim
    .requests()
    .filter((r) => r.method === 'POST' && r.path.endsWith(`/instances/${instanceId}${suffix}`));
}

/** Access tokens are short-lived and the clock jumps days: log in again for each step. */
export async function as(user: { email: string; password: string }) {
  const res = await login(t.app, user.email, user.password);
  return api(t.app, res.json().accessToken as string);
}

/** A customer with a paid 1-month service expiring on `expiresAt`, running at the simulator. */
export async function service(expiresAt: string, patch: Partial<typeof vpsInstances.$inferInsert> = {}) {
  const db = t.database.db;
  const c = await customer(t);
  const product = await createProduct(db, { name: 'VPS Pruebas' });
  const order = await createOrder(db, {
    userId: c.userId,
    productId: product.id,
    status: 'completed',
    subtotalMinor: 1200,
    regionSurchargeMinor: 100,
    setupFeeMinor: 500,
    totalMinor: 1800,
  });
  const [instanceId] = sim.seedInstances(1);
  const vps = await createVpsInstance(db, {
    userId: c.userId,
    orderId: order.id,
    productId: product.id,
    contaboInstanceId: instanceId!,
    displayName: 'web-1',
    expiresAt: new Date(expiresAt),
    periodMonths: 1,
    ...patch,
  });
  return { c, vps, instanceId: instanceId! };
}

/** The lifecycle e-mails a customer got, oldest first (without the sign-up e-mail). */
export const templatesTo = async (email: string) =>
  (await emailsTo(t, email))
    .map((m) => m.template)
    .filter((name) => name !== 'verify-email')
    .reverse();
