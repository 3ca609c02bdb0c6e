import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vpsActions } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { TEST_ENGINE } from '../db.ts';
import { createVpsAction, createVpsInstance } from '../factories.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ seed: false });
});
afterAll(async () => t?.close());

describe(`VPS actions left in flight at boot (${TEST_ENGINE})`, () => {
  it('are settled at once against Contabo: the visible ones completed, the others failed and unblocked', async () => {
    const db = t.database.db;
    const control = t.container.contabo.simulator!.control;
    control.setInstanceStatus(100001, 'running');
    control.setInstanceStatus(100003, 'running');
    control.setInstanceStatus(100004, 'running');
    const before = new Date(Date.now() - 60_000);
    const bootAt = new Date();
    const [started, stopping, restarted, fresh] = [
      await createVpsInstance(db, { contaboInstanceId: 100001, status: 'stopped' }),
      await createVpsInstance(db, { contaboInstanceId: 100003 }),
      await createVpsInstance(db, { contaboInstanceId: 100004 }),
      await createVpsInstance(db, { contaboInstanceId: 100005 }),
    ];
    // Accepted before the crash, and Contabo shows its effect.
    const a = await createVpsAction(db, {
      vpsInstanceId: started!.id,
      actionType: 'start',
      status: 'accepted',
      expectedStatus: 'running',
      requestedAt: before,
      acceptedAt: before,
    });
    // Accepted (by a simulator that then forgot it): no effect, so it would block the server for 15 minutes.
    const b = await createVpsAction(db, {
      vpsInstanceId: stopping!.id,
      actionType: 'stop',
      status: 'accepted',
      expectedStatus: 'stopped',
      requestedAt: before,
      acceptedAt: before,
    });
    // Recorded but perhaps never sent; the server is running, which is what it asked for.
    const c = await createVpsAction(db, {
      vpsInstanceId: restarted!.id,
      actionType: 'restart',
      status: 'requested',
      expectedStatus: 'running',
      requestedAt: before,
    });
    // Requested by this process after boot: not the reconciliation's business.
    const d = await createVpsAction(db, {
      vpsInstanceId: fresh!.id,
      actionType: 'stop',
      status: 'requested',
      expectedStatus: 'stopped',
      requestedAt: new Date(bootAt.getTime() + 1_000),
    });

    const result = await t.container.vps.reconcileInterruptedActions({
      statuses: ['requested', 'accepted'],
      requestedBefore: bootAt,
    });
    expect(result).toEqual({ completed: 2, failed: 1 });
    const rows = await db
      .select()
      .from(vpsActions)
      .where(inArray(vpsActions.id, [a.id, b.id, c.id, d.id]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(a.id)).toMatchObject({ status: 'completed' });
    expect(byId.get(b.id)).toMatchObject({ status: 'failed', errorCode: 'interrupted' });
    expect(byId.get(b.id)!.completedAt).not.toBeNull();
    expect(byId.get(c.id)).toMatchObject({ status: 'completed' });
    expect(byId.get(d.id)).toMatchObject({ status: 'requested' });
    // The VPS whose action failed takes a new one at once instead of answering "another action is running".
    const retry = await createVpsAction(db, {
      vpsInstanceId: stopping!.id,
      actionType: 'stop',
      status: 'accepted',
      expectedStatus: 'stopped',
    });
    expect(retry.id).toBeTruthy();
  });

  it('only requested ones when told so (live Contabo keeps working on what it accepted)', async () => {
    const db = t.database.db;
    const vps = await createVpsInstance(db, { contaboInstanceId: 100002 });
    t.container.contabo.simulator!.control.setInstanceStatus(100002, 'running');
    const accepted = await createVpsAction(db, {
      vpsInstanceId: vps.id,
      actionType: 'stop',
      status: 'accepted',
      expectedStatus: 'stopped',
      requestedAt: new Date(Date.now() - 600_000),
    });
    const result = await t.container.vps.reconcileInterruptedActions({
      statuses: ['requested'],
      requestedBefore: new Date(Date.now() - 120_000),
    });
    expect(result).toEqual({ completed: 0, failed: 0 });
    const [row] = await db
      .select()
      .from(vpsActions)
      .where(inArray(vpsActions.id, [accepted.id]));
    expect(row!.status).toBe('accepted');
  });
});
