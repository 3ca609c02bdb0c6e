import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatorControl } from '@cloud-vertice/contabo/simulator';
import { createTestApp, type TestApp } from '../app.ts';
import { api, customer } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
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
}, 120_000);
afterAll(async () => {
  sim?.clearFaults();
  await t?.close();
});

async function ownVps(contaboInstanceId: number) {
  const c = await customer(t);
  const vps = await createVpsInstance(t.database.db, { userId: c.userId, contaboInstanceId });
  return { as: api(t.app, c.accessToken), vps };
}

describe(`Contabo-facing edges (${TEST_ENGINE})`, () => {
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
