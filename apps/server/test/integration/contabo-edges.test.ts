import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { provisioningAttempts } from '../../src/db/schema/index.ts';
import type { SimulatorControl } from '@cloud-vertice/contabo/simulator';
import { createTestApp, type TestApp } from '../app.ts';
import { admin, api, customer } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { paidSandboxOrder } from '../order-helpers.ts';
import { createVpsInstance } from '../factories.ts';

/**
 * #15 item 21: a user-facing request spends at most CONTABO_REQUEST_BUDGET_MS on Contabo and answers a clear 503;
 * the 503 messages say what happened.
 */
let t: TestApp;
let sim: SimulatorControl;

beforeAll(async () => {
  t = await createTestApp({ env: { CONTABO_REQUEST_BUDGET_MS: '1500' } });
  sim = t.container.contabo.simulator!.control;
}, 300_000);
afterAll(async () => {
  sim?.clearFaults();
  await t?.close();
});

async function ownVps(contaboInstanceId: number) {
  const c = await customer(t);
  const vps = await createVpsInstance(t.database.db, { userId: c.userId, contaboInstanceId });
  return { as: api(t.app, c.accessToken), vps };
}

/** A customer's order paid through the sandbox, waiting for fulfilment. */
const paidOrder = async () => (await paidSandboxOrder(t)).order;

async function attemptOf(orderId: string) {
  const [row] = await t.database.db
    .select()
    .from(provisioningAttempts)
    .where(eq(provisioningAttempts.orderId, orderId));
  return row!;
}

describe(`Contabo-facing edges (${TEST_ENGINE})`, () => {
  it('a create refused with 429 is retried automatically with backoff; a 5xx create never is', async () => {
    const asAdmin = api(t.app, (await admin(t)).accessToken);
    const order = await paidOrder();
    sim.resetCounters();
    sim.injectFault({ kind: 'rate_limit', count: 1, method: 'POST', pathPattern: '^/v1/compute/instances$' });
    const res = await asAdmin({
      method: 'POST',
      url: `/api/admin/orders/${order.id}/provision`,
      payload: { mode: 'api' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ state: 'provisioning', order: { status: 'provisioning' } });
    expect(await attemptOf(order.id)).toMatchObject({ status: 'rate_limited', retryCount: 1 });
    // Not before its backoff is over.
    expect(await t.container.fulfilment.retryRateLimitedCreates()).toEqual({ retried: 0 });
    t.clock.advance(31_000);
    expect(await t.container.fulfilment.retryRateLimitedCreates()).toEqual({ retried: 1 });
    expect(await attemptOf(order.id)).toMatchObject({
      status: 'created',
      contaboInstanceId: expect.any(Number),
    });
    expect(await t.container.fulfilment.retryRateLimitedCreates()).toEqual({ retried: 0 });

    // A 5xx may have created the server: it is reconciled, never sent again by the retry job.
    const other = await paidOrder();
    sim.injectFault({
      kind: 'server_error',
      count: 1,
      method: 'POST',
      pathPattern: '^/v1/compute/instances$',
    });
    await asAdmin({
      method: 'POST',
      url: `/api/admin/orders/${other.id}/provision`,
      payload: { mode: 'api' },
    });
    sim.clearFaults();
    const unclear = await attemptOf(other.id);
    expect(unclear.status).not.toBe('rate_limited');
    t.clock.advance(3_600_000);
    const before = sim.counters().byOperation.createInstance ?? 0;
    expect(await t.container.fulfilment.retryRateLimitedCreates()).toEqual({ retried: 0 });
    expect(sim.counters().byOperation.createInstance ?? 0).toBe(before);
  });

  it('a hanging Contabo read is answered with a clear 503 within the budget, not after every retry', async () => {
    const { as, vps } = await ownVps(100001);
    sim.injectFault({ kind: 'timeout', count: 20, latencyMs: 120_000, pathPattern: '/snapshots$' });
    const started = Date.now();
    const res = await as({ method: 'GET', url: `/api/vps/${vps.id}/snapshots` });
    const elapsed = Date.now() - started;
    sim.clearFaults();
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('contabo_unavailable');
    // The read was sent: the message must not claim it was not.
    expect(res.json().error.message).not.toMatch(/not sent/i);
    expect(res.json().error.message).toMatch(/did not answer/i);
    expect(elapsed).toBeLessThan(8_000);
  });

  it('a failed secret creation says the rescue was NOT sent (and no rescue reached Contabo)', async () => {
    const { as, vps } = await ownVps(100002);
    sim.resetCounters();
    sim.injectFault({
      kind: 'server_error',
      status: 500,
      count: 5,
      method: 'POST',
      pathPattern: '^/v1/secrets$',
    });
    const res = await as({
      method: 'POST',
      url: `/api/vps/${vps.id}/rescue`,
      payload: { rootPassword: 'Rescue-Pass-123!', sshKeyIds: [] },
    });
    sim.clearFaults();
    expect(res.statusCode).toBe(503);
    expect(res.json().error.message).toMatch(/was NOT sent/);
    expect(res.json().error.message).not.toMatch(/may still happen/i);
    expect(sim.counters().byOperation.rescue ?? 0).toBe(0);
  });
});
