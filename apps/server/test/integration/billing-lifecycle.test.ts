import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { SimulatorControl } from '@cloud-vertice/contabo/simulator';
import { auditLog, invoices, transactions, vpsInstances } from '../../src/db/schema/index.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { renewalKey } from '../../src/modules/billing/billing.lifecycle.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { admin, api, customer, login } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { createOrder, createProduct, createVpsInstance } from '../factories.ts';

let t: TestApp;
let sim: SimulatorControl;

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock('2026-01-15T12:00:00Z') });
  sim = t.container.contabo.simulator!.control;
});
afterAll(async () => {
  await t.close();
});

const stopsOf = (instanceId: number) =>
  sim
    .requests()
    .filter((r) => r.method === 'POST' && r.path.endsWith(`/instances/${instanceId}/actions/stop`));

describe(`renewal lifecycle driven by the clock (${TEST_ENGINE})`, () => {
  it('renews, goes overdue, suspends and stops once, and is reactivated by paying', async () => {
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
    const expiresAt = new Date('2026-02-01T00:00:00Z');
    const vps = await createVpsInstance(db, {
      userId: c.userId,
      orderId: order.id,
      productId: product.id,
      contaboInstanceId: instanceId!,
      displayName: 'web-1',
      expiresAt,
      periodMonths: 1,
    });
    const lifecycle = t.container.billingLifecycle;

    expect(await lifecycle.run()).toEqual({ issued: 0, overdue: 0, suspended: 0 });

    t.clock.set('2026-01-25T00:00:00Z'); // 7 days before expiry
    expect(await lifecycle.run()).toEqual({ issued: 1, overdue: 0, suspended: 0 });
    expect(await lifecycle.run()).toEqual({ issued: 0, overdue: 0, suspended: 0 });
    const [renewal] = await db.select().from(invoices).where(eq(invoices.vpsInstanceId, vps.id));
    expect(renewal).toMatchObject({
      status: 'issued',
      idempotencyKey: renewalKey(vps.id, expiresAt),
      totalMinor: 1300,
      userId: c.userId,
    });
    expect(renewal!.invoiceNumber).toMatch(/^CV-2026-\d{6}$/);
    expect(renewal!.dueAt).toEqual(expiresAt);
    expect(renewal!.periodEnd).toEqual(new Date('2026-03-01T00:00:00Z'));
    // Access tokens are short-lived and the clock moved: log in again.
    const relogin = await login(t.app, c.email, c.password);
    const as = api(t.app, relogin.json().accessToken as string);
    const mineRes = await as({ method: 'GET', url: `/api/invoices/${renewal!.id}` });
    expect(mineRes.statusCode, mineRes.body).toBe(200);
    const mine = mineRes.json();
    expect(mine.status).toBe('issued');
    expect(mine.items[0].description).toContain('Renovación: Servidor VPS VPS Pruebas "web-1" — 1 mes');

    t.clock.set('2026-02-02T00:00:00Z');
    expect(await lifecycle.run()).toEqual({ issued: 0, overdue: 1, suspended: 0 });

    t.clock.set('2026-02-04T01:00:00Z'); // grace of 3 days after the due date is over
    expect(await lifecycle.run()).toEqual({ issued: 0, overdue: 0, suspended: 1 });
    const [suspended] = await db.select().from(vpsInstances).where(eq(vpsInstances.id, vps.id));
    expect(suspended).toMatchObject({ serviceStatus: 'suspended' });
    expect(suspended!.suspendedAt).toEqual(t.clock.now());
    expect(stopsOf(instanceId!)).toHaveLength(1);
    expect(await lifecycle.run()).toEqual({ issued: 0, overdue: 0, suspended: 0 });
    expect(stopsOf(instanceId!)).toHaveLength(1);

    const asAdmin = api(t.app, (await admin(t)).accessToken);
    const paid = await asAdmin({
      method: 'POST',
      url: `/api/admin/invoices/${renewal!.id}/mark-paid`,
      payload: { reference: 'TRF-2026-77' },
    });
    expect(paid.statusCode).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'paid' });
    const [active] = await db.select().from(vpsInstances).where(eq(vpsInstances.id, vps.id));
    expect(active).toMatchObject({ serviceStatus: 'active', suspendedAt: null });
    expect(active!.expiresAt).toEqual(new Date('2026-03-01T00:00:00Z'));
    const txs = await db.select().from(transactions).where(eq(transactions.invoiceId, renewal!.id));
    expect(txs).toHaveLength(1);
    expect(txs[0]).toMatchObject({ status: 'succeeded', amountMinor: 1300, reference: 'TRF-2026-77' });
    const audit = await db.select().from(auditLog).where(eq(auditLog.action, 'invoice.mark_paid'));
    expect(audit).toHaveLength(1);

    // Paying twice records nothing more; the next renewal waits for its own window.
    const again = await asAdmin({
      method: 'POST',
      url: `/api/admin/invoices/${renewal!.id}/mark-paid`,
      payload: { reference: 'TRF-2026-77' },
    });
    expect(again.statusCode).toBe(200);
    expect(await db.select().from(transactions).where(eq(transactions.invoiceId, renewal!.id))).toHaveLength(
      1,
    );
    expect(await lifecycle.run()).toEqual({ issued: 0, overdue: 0, suspended: 0 });
    t.clock.set('2026-02-22T00:00:00Z');
    expect((await lifecycle.run()).issued).toBe(1);
    const keys = (await db.select().from(invoices).where(eq(invoices.vpsInstanceId, vps.id))).map(
      (i) => i.idempotencyKey,
    );
    expect(keys.sort()).toEqual(
      [renewalKey(vps.id, expiresAt), renewalKey(vps.id, new Date('2026-03-01T00:00:00Z'))].sort(),
    );
    const other = api(t.app, (await customer(t)).accessToken);
    const forbidden = await other({
      method: 'POST',
      url: `/api/admin/invoices/${renewal!.id}/mark-paid`,
      payload: { reference: 'x' },
    });
    expect(forbidden.statusCode).toBe(403);
  });

  it('runs as a registered job', async () => {
    const id = await t.container.jobs.enqueue('billing.lifecycle', {});
    expect(id).toBeTruthy();
    const result = await t.container.jobs.drain();
    expect(result.failed).toBe(0);
  });
});
