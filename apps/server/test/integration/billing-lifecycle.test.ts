import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { SimulatorControl } from '@cloud-vertice/contabo/simulator';
import {
  adminTasks,
  auditLog,
  billingNotices,
  invoices,
  jobRuns,
  transactions,
  vpsInstances,
} from '../../src/db/schema/index.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { renewalKey, type LifecycleCounts } from '../../src/modules/billing/billing.lifecycle.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { admin, api, customer, emailsTo, login } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { createOrder, createProduct, createVpsInstance } from '../factories.ts';

let t: TestApp;
let sim: SimulatorControl;

// A platform per test: each walks its own services through time.
beforeEach(async () => {
  t = await createTestApp({ clock: new ManualClock('2026-01-15T12:00:00Z') });
  sim = t.container.contabo.simulator!.control;
});
afterEach(async () => {
  await t.close();
});

const NONE: LifecycleCounts = {
  issued: 0,
  reminders: 0,
  overdue: 0,
  overdueNotices: 0,
  suspended: 0,
  terminationWarnings: 0,
  terminated: 0,
  cancelled: 0,
};
const counts = (partial: Partial<LifecycleCounts>) => ({ ...NONE, ...partial });

/** The calls Contabo received for an instance, after the queued lifecycle calls ran. */
async function requestsTo(instanceId: number, suffix: string) {
  await t.container.jobs.drain();
  return sim
    .requests()
    .filter((r) => r.method === 'POST' && r.path.endsWith(`/instances/${instanceId}${suffix}`));
}

/** Access tokens are short-lived and the clock jumps days: log in again for each step. */
async function as(user: { email: string; password: string }) {
  const res = await login(t.app, user.email, user.password);
  return api(t.app, res.json().accessToken as string);
}

/** A customer with a paid 1-month service expiring on `expiresAt`, running at the simulator. */
async function service(expiresAt: string, patch: Partial<typeof vpsInstances.$inferInsert> = {}) {
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
const templatesTo = async (email: string) =>
  (await emailsTo(t, email))
    .map((m) => m.template)
    .filter((name) => name !== 'verify-email')
    .reverse();

describe(`renewal lifecycle driven by the clock (${TEST_ENGINE})`, () => {
  it('renews, reminds, goes overdue, suspends (stopped, panel blocked) and is reactivated by paying online', async () => {
    const db = t.database.db;
    t.clock.set('2026-01-15T12:00:00Z');
    const { c, vps, instanceId } = await service('2026-02-01T00:00:00Z');
    const expiresAt = vps.expiresAt!;
    const lifecycle = t.container.billingLifecycle;

    expect(await lifecycle.run()).toEqual(NONE);

    t.clock.set('2026-01-25T00:00:00Z'); // 7 days before expiry: invoice + first reminder
    expect(await lifecycle.run()).toEqual(counts({ issued: 1, reminders: 1 }));
    expect(await lifecycle.run()).toEqual(NONE);
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
    const [reminder] = await emailsTo(t, c.email);
    expect(reminder).toMatchObject({ template: 'invoice-reminder' });
    expect(reminder!.subject).toContain('vence en 7 días');
    expect(reminder!.text).toMatch(/USD\s13\.00/);
    expect(reminder!.text).toContain(`http://localhost:3000/panel/invoices/${renewal!.id}?pay=1`);

    let me = await as(c);
    const mine = (await me({ method: 'GET', url: `/api/invoices/${renewal!.id}` })).json();
    expect(mine).toMatchObject({ status: 'issued', payable: true, transactions: [], creditNotes: [] });
    expect(mine.items[0].description).toContain('Renovación: Servidor VPS Pruebas "web-1" — 1 mes');
    const summary = (await me({ method: 'GET', url: '/api/invoices/summary' })).json();
    expect(summary).toMatchObject({
      unpaidCount: 1,
      overdueCount: 0,
      totals: [{ currency: 'USD', totalMinor: 1300 }],
      firstUnpaidId: renewal!.id,
    });
    const unpaid = (await me({ method: 'GET', url: '/api/invoices?status=unpaid' })).json();
    expect(unpaid.items.map((i: { id: string }) => i.id)).toEqual([renewal!.id]);
    const listed = (await me({ method: 'GET', url: `/api/vps/${vps.id}` })).json();
    expect(listed.openInvoice).toMatchObject({ id: renewal!.id, totalMinor: 1300, status: 'issued' });

    t.clock.set('2026-01-29T00:00:00Z'); // 3 days before
    expect(await lifecycle.run()).toEqual(counts({ reminders: 1 }));
    t.clock.set('2026-01-31T00:00:00Z'); // 1 day before
    expect(await lifecycle.run()).toEqual(counts({ reminders: 1 }));
    expect(await lifecycle.run()).toEqual(NONE);
    expect(await templatesTo(c.email)).toEqual(['invoice-reminder', 'invoice-reminder', 'invoice-reminder']);

    t.clock.set('2026-02-02T00:00:00Z'); // after the due date
    expect(await lifecycle.run()).toEqual(counts({ overdue: 1, overdueNotices: 1 }));
    expect(await lifecycle.run()).toEqual(NONE);
    const [overdueMail] = await emailsTo(t, c.email);
    expect(overdueMail).toMatchObject({ template: 'invoice-overdue' });
    expect(overdueMail!.text).toContain('4 de febrero de 2026'); // the suspension date

    t.clock.set('2026-02-04T01:00:00Z'); // grace of 3 days after the due date is over
    expect(await lifecycle.run()).toEqual(counts({ suspended: 1 }));
    expect(await lifecycle.run()).toEqual(NONE);
    expect(await requestsTo(instanceId, '/actions/stop')).toHaveLength(1);
    sim.advance(60_000);
    const atContabo = await t.container.contabo.client.instances.get(instanceId);
    expect(atContabo.status).toBe('stopped');
    const [suspended] = await db.select().from(vpsInstances).where(eq(vpsInstances.id, vps.id));
    expect(suspended).toMatchObject({ serviceStatus: 'suspended' });
    expect(suspended!.suspendedAt).toEqual(t.clock.now());

    me = await as(c);
    const blocked = await me({ method: 'POST', url: `/api/vps/${vps.id}/start` });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('service_suspended');
    const panel = (await me({ method: 'GET', url: `/api/vps/${vps.id}` })).json();
    expect(panel).toMatchObject({ serviceStatus: 'suspended', openInvoice: { id: renewal!.id } });
    expect(new Date(panel.terminatesAt)).toEqual(new Date('2026-02-18T01:00:00Z'));
    expect((await templatesTo(c.email)).at(-1)).toBe('service-suspended');

    // The customer pays the overdue renewal online (sandbox): paid, extended from the old expiry, started.
    const pay = await me({
      method: 'POST',
      url: `/api/invoices/${renewal!.id}/pay`,
      payload: { provider: 'sandbox' },
    });
    expect(pay.statusCode, pay.body).toBe(200);
    const payment = pay.json();
    expect(payment).toMatchObject({
      provider: 'sandbox',
      amountMinor: 1300,
      orders: [],
      invoice: { id: renewal!.id, invoiceNumber: renewal!.invoiceNumber, status: 'overdue' },
    });
    expect(payment.redirectUrl).toBe(`http://localhost:3000/pay/sandbox/${payment.id}`);
    const approved = await me({ method: 'POST', url: `/api/payments/sandbox/${payment.id}/approve` });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'succeeded', invoice: { status: 'paid' } });
    await me({ method: 'POST', url: `/api/payments/sandbox/${payment.id}/approve` });

    const [active] = await db.select().from(vpsInstances).where(eq(vpsInstances.id, vps.id));
    expect(active).toMatchObject({ serviceStatus: 'active', suspendedAt: null });
    expect(active!.expiresAt).toEqual(new Date('2026-03-01T00:00:00Z'));
    expect(await requestsTo(instanceId, '/actions/start')).toHaveLength(1);
    const txs = await db.select().from(transactions).where(eq(transactions.invoiceId, renewal!.id));
    expect(txs).toHaveLength(1);
    expect(txs[0]).toMatchObject({ id: payment.id, status: 'succeeded', provider: 'sandbox' });
    const paidInvoice = (await me({ method: 'GET', url: `/api/invoices/${renewal!.id}` })).json();
    expect(paidInvoice).toMatchObject({ status: 'paid', payable: false });
    expect(paidInvoice.transactions).toMatchObject([{ id: payment.id, kind: 'payment', amountMinor: 1300 }]);
    expect((await templatesTo(c.email)).at(-1)).toBe('service-reactivated');
    const again = await me({
      method: 'POST',
      url: `/api/invoices/${renewal!.id}/pay`,
      payload: { provider: 'sandbox' },
    });
    expect(again.statusCode).toBe(409);
    expect((await me({ method: 'GET', url: '/api/invoices/summary' })).json()).toMatchObject({
      unpaidCount: 0,
    });

    // Nothing more today; the next renewal waits for its own window.
    expect(await lifecycle.run()).toEqual(NONE);
    t.clock.set('2026-02-22T00:00:00Z');
    expect((await lifecycle.run()).issued).toBe(1);
    const keys = (await db.select().from(invoices).where(eq(invoices.vpsInstanceId, vps.id))).map(
      (i) => i.idempotencyKey,
    );
    expect(keys.sort()).toEqual(
      [renewalKey(vps.id, expiresAt), renewalKey(vps.id, new Date('2026-03-01T00:00:00Z'))].sort(),
    );
  });

  it('lets the admin record a manual payment once; customers cannot', async () => {
    const db = t.database.db;
    t.clock.set('2026-04-01T00:00:00Z');
    const { c, vps } = await service('2026-04-05T00:00:00Z');
    const renewed = await (await as(c))({ method: 'POST', url: `/api/vps/${vps.id}/renew` });
    expect(renewed.statusCode, renewed.body).toBe(200);
    const invoiceId = renewed.json().id as string;
    const asAdmin = api(t.app, (await admin(t)).accessToken);
    const markPaid = () =>
      asAdmin({
        method: 'POST',
        url: `/api/admin/invoices/${invoiceId}/mark-paid`,
        payload: { reference: 'TRF-2026-77' },
      });
    expect((await markPaid()).json()).toMatchObject({ status: 'paid' });
    expect((await markPaid()).statusCode).toBe(200);
    const txs = await db.select().from(transactions).where(eq(transactions.invoiceId, invoiceId));
    expect(txs).toHaveLength(1);
    expect(txs[0]).toMatchObject({ status: 'succeeded', amountMinor: 1300, reference: 'TRF-2026-77' });
    const audited = await db.select().from(auditLog).where(eq(auditLog.action, 'invoice.mark_paid'));
    expect(audited[0]!.metadata).toMatchObject({ reference: 'TRF-2026-77' });
    const [extended] = await db.select().from(vpsInstances).where(eq(vpsInstances.id, vps.id));
    expect(extended!.expiresAt).toEqual(new Date('2026-05-05T00:00:00Z'));
    const other = api(t.app, (await customer(t)).accessToken);
    const forbidden = await other({
      method: 'POST',
      url: `/api/admin/invoices/${invoiceId}/mark-paid`,
      payload: { reference: 'x' },
    });
    expect(forbidden.statusCode).toBe(403);
    expect((await other({ method: 'POST', url: `/api/vps/${vps.id}/renew` })).statusCode).toBe(404);
  });

  it('does not stop a server whose owner paid before the queued stop ran', async () => {
    t.clock.set('2026-05-01T00:00:00Z');
    const { vps, instanceId } = await service('2026-05-03T00:00:00Z');
    const lifecycle = t.container.billingLifecycle;
    await lifecycle.run();
    t.clock.set('2026-05-07T00:00:00Z');
    expect((await lifecycle.run()).suspended).toBe(1); // the stop is queued, not sent yet
    const [invoice] = await t.database.db.select().from(invoices).where(eq(invoices.vpsInstanceId, vps.id));
    await lifecycle.payInvoice(invoice!.id, { provider: 'bank_transfer', reference: 'TRF-1' });
    expect(await requestsTo(instanceId, '/actions/stop')).toHaveLength(0);
    expect(await requestsTo(instanceId, '/actions/start')).toHaveLength(1);
  });

  it('terminates a service left suspended: warning 3 days before, admin task, invoice voided, data kept', async () => {
    const db = t.database.db;
    t.clock.set('2026-06-01T00:00:00Z');
    const { c, vps, instanceId } = await service('2026-06-05T00:00:00Z');
    const lifecycle = t.container.billingLifecycle;
    await lifecycle.run(); // renewal invoice + reminder
    t.clock.set('2026-06-09T00:00:00Z'); // due 06-05 + 3 days grace → suspended
    expect((await lifecycle.run()).suspended).toBe(1);
    const [row] = await db.select().from(vpsInstances).where(eq(vpsInstances.id, vps.id));
    const suspendedAt = row!.suspendedAt!;

    t.clock.set(new Date(suspendedAt.getTime() + 11 * 86_400_000)); // 3 days before the 14 days are over
    expect(await lifecycle.run()).toEqual(counts({ terminationWarnings: 1 }));
    expect(await lifecycle.run()).toEqual(NONE);
    const [warning] = await emailsTo(t, c.email);
    expect(warning).toMatchObject({ template: 'termination-warning' });
    expect(warning!.subject).toContain('3 días');

    t.clock.set(new Date(suspendedAt.getTime() + 14 * 86_400_000));
    expect(await lifecycle.run()).toEqual(counts({ terminated: 1 }));
    expect(await lifecycle.run()).toEqual(NONE);
    const [ended] = await db.select().from(vpsInstances).where(eq(vpsInstances.id, vps.id));
    expect(ended).toMatchObject({ serviceStatus: 'terminated', contaboCancelDate: null });
    const [voided] = await db.select().from(invoices).where(eq(invoices.vpsInstanceId, vps.id));
    expect(voided).toMatchObject({ status: 'void' });
    const tasks = await db.select().from(adminTasks).where(eq(adminTasks.vpsInstanceId, vps.id));
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ type: 'contabo_cancel', status: 'open' });
    expect(tasks[0]!.title).toContain(String(instanceId));
    expect(await requestsTo(instanceId, '/cancel')).toHaveLength(0); // the setting is off: the admin does it
    expect((await emailsTo(t, c.email))[0]).toMatchObject({ template: 'service-ended' });

    // Customer data and invoices are kept and visible; the server can no longer be managed.
    const me = await as(c);
    expect((await me({ method: 'GET', url: `/api/invoices/${voided!.id}` })).json()).toMatchObject({
      status: 'void',
      payable: false,
    });
    expect((await me({ method: 'POST', url: `/api/vps/${vps.id}/start` })).json().error.code).toBe(
      'service_inactive',
    );

    const asAdmin = api(t.app, (await admin(t)).accessToken);
    const overview = (await asAdmin({ method: 'GET', url: '/api/admin/billing/overview' })).json();
    expect(overview.pendingTerminations.map((s: { id: string }) => s.id)).toContain(vps.id);
    expect(overview.tasks.map((x: { id: string }) => x.id)).toContain(tasks[0]!.id);
    const done = await asAdmin({
      method: 'POST',
      url: `/api/admin/tasks/${tasks[0]!.id}/done`,
      payload: { notes: 'Cancelled in the Contabo panel' },
    });
    expect(done.json()).toMatchObject({ status: 'done' });
    expect((await asAdmin({ method: 'POST', url: `/api/admin/tasks/${tasks[0]!.id}/done` })).statusCode).toBe(
      409,
    );
    const after = (await asAdmin({ method: 'GET', url: '/api/admin/billing/overview' })).json();
    expect(after.pendingTerminations.map((s: { id: string }) => s.id)).not.toContain(vps.id);
  });

  it('cancels at Contabo through the API when the setting is on', async () => {
    const db = t.database.db;
    t.clock.set('2026-08-01T00:00:00Z');
    await t.container.settings.set('billing.cancelAtContabo', true);
    try {
      const { vps, instanceId } = await service('2026-08-03T00:00:00Z', {
        serviceStatus: 'suspended',
        suspendedAt: new Date('2026-07-01T00:00:00Z'),
      });
      expect((await t.container.billingLifecycle.run()).terminated).toBe(1);
      expect(await requestsTo(instanceId, '/cancel')).toHaveLength(1);
      const [ended] = await db.select().from(vpsInstances).where(eq(vpsInstances.id, vps.id));
      expect(ended!.serviceStatus).toBe('terminated');
      expect(ended!.contaboCancelDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const [task] = await db.select().from(adminTasks).where(eq(adminTasks.vpsInstanceId, vps.id));
      expect(task).toMatchObject({ status: 'done' });
      expect(task!.notes).toContain("Cancelled through Contabo's API");
    } finally {
      await t.container.settings.set('billing.cancelAtContabo', false);
    }
  });

  it('auto-renew off: no invoice; renew by hand, or the service ends at its expiry when cancelled', async () => {
    const db = t.database.db;
    t.clock.set('2026-09-01T00:00:00Z');
    const lifecycle = t.container.billingLifecycle;
    const a = await service('2026-09-05T00:00:00Z');
    const b = await service('2026-09-05T00:00:00Z');
    // b already has its renewal invoice when the customer asks to cancel: it is voided.
    await lifecycle.run();
    const meA = await as(a.c);
    const meB = await as(b.c);
    const offA = await meA({
      method: 'PATCH',
      url: `/api/vps/${a.vps.id}/renewal`,
      payload: { autoRenew: false },
    });
    expect(offA.statusCode, offA.body).toBe(200);
    expect(offA.json()).toMatchObject({ autoRenew: false, cancelAtPeriodEnd: false, openInvoice: null });
    const cancelB = await meB({
      method: 'PATCH',
      url: `/api/vps/${b.vps.id}/renewal`,
      payload: { cancelAtPeriodEnd: true },
    });
    expect(cancelB.json()).toMatchObject({ autoRenew: false, cancelAtPeriodEnd: true, openInvoice: null });
    expect(
      (await meB({ method: 'PATCH', url: `/api/vps/${b.vps.id}/renewal`, payload: {} })).statusCode,
    ).toBe(400);
    expect(
      (await meA({ method: 'PATCH', url: `/api/vps/${b.vps.id}/renewal`, payload: { autoRenew: true } }))
        .statusCode,
    ).toBe(404);
    const voided = await db.select().from(invoices).where(eq(invoices.vpsInstanceId, b.vps.id));
    expect(voided.map((i) => i.status)).toEqual(['void']);

    const asAdmin = api(t.app, (await admin(t)).accessToken);
    const due = (await asAdmin({ method: 'GET', url: '/api/admin/billing/overview' })).json();
    const dueIds = due.cancellationsDue.map((s: { id: string }) => s.id);
    expect(dueIds).toEqual(expect.arrayContaining([a.vps.id, b.vps.id]));
    expect(due.expiring.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([a.vps.id]));

    // a renews by hand (one invoice however often asked) and pays; b ends at its expiry.
    const manual = (await meA({ method: 'POST', url: `/api/vps/${a.vps.id}/renew` })).json();
    expect((await meA({ method: 'POST', url: `/api/vps/${a.vps.id}/renew` })).json().id).toBe(manual.id);
    expect(manual).toMatchObject({ status: 'issued', totalMinor: 1300, payable: true });
    const pay = (
      await meA({ method: 'POST', url: `/api/invoices/${manual.id}/pay`, payload: { provider: 'sandbox' } })
    ).json();
    await meA({ method: 'POST', url: `/api/payments/sandbox/${pay.id}/approve` });

    t.clock.set('2026-09-05T00:00:01Z');
    expect(await lifecycle.run()).toEqual(counts({ cancelled: 1 }));
    expect(await lifecycle.run()).toEqual(NONE);
    const [endedB] = await db.select().from(vpsInstances).where(eq(vpsInstances.id, b.vps.id));
    expect(endedB).toMatchObject({ serviceStatus: 'cancelled' });
    expect(await requestsTo(b.instanceId, '/actions/stop')).toHaveLength(1);
    const [stillA] = await db.select().from(vpsInstances).where(eq(vpsInstances.id, a.vps.id));
    expect(stillA).toMatchObject({ serviceStatus: 'active', autoRenew: false });
    expect(stillA!.expiresAt).toEqual(new Date('2026-10-05T00:00:00Z'));
    const [task] = await db.select().from(adminTasks).where(eq(adminTasks.vpsInstanceId, b.vps.id));
    expect(task).toMatchObject({ type: 'contabo_cancel', status: 'open' });
    expect((await emailsTo(t, b.c.email))[0]).toMatchObject({ template: 'service-ended' });
    const ended = await (
      await as(b.c)
    )({ method: 'PATCH', url: `/api/vps/${b.vps.id}/renewal`, payload: { autoRenew: true } });
    expect(ended.statusCode).toBe(409);
  });

  it('two instances running the same day at once issue one invoice, one reminder and suspend once each', async () => {
    const db = t.database.db;
    t.clock.set('2026-11-01T00:00:00Z');
    const services = await Promise.all(Array.from({ length: 6 }, () => service('2026-11-06T00:00:00Z')));
    const lifecycle = t.container.billingLifecycle;
    const [one, two] = await Promise.all([lifecycle.run(), lifecycle.run()]);
    expect(one.issued + two.issued).toBe(6);
    expect(one.reminders + two.reminders).toBe(6);
    const ids = services.map((s) => s.vps.id);
    for (const id of ids) {
      expect(await db.select().from(invoices).where(eq(invoices.vpsInstanceId, id))).toHaveLength(1);
    }
    t.clock.set('2026-11-10T00:00:00Z');
    const [three, four] = await Promise.all([lifecycle.run(), lifecycle.run()]);
    expect(three.suspended + four.suspended).toBe(6);
    expect(three.overdueNotices + four.overdueNotices).toBe(6);
    for (const s of services) {
      expect(await requestsTo(s.instanceId, '/actions/stop')).toHaveLength(1);
      expect(await templatesTo(s.c.email)).toEqual([
        'invoice-reminder',
        'invoice-overdue',
        'service-suspended',
      ]);
    }
    const notices = await db.select().from(billingNotices).where(eq(billingNotices.kind, 'reminder'));
    expect(notices.filter((n) => ids.includes(n.vpsInstanceId!))).toHaveLength(6);
    const runs = await db
      .select()
      .from(jobRuns)
      .where(and(eq(jobRuns.job, 'billing.lifecycle'), eq(jobRuns.status, 'succeeded')));
    expect(runs.length).toBeGreaterThanOrEqual(4);
    expect(runs.every((r) => r.finishedAt && typeof r.counts.issued === 'number')).toBe(true);
  });

  it('records each run for the admin and runs on demand and as a registered job', async () => {
    const asAdmin = api(t.app, (await admin(t)).accessToken);
    const run = await asAdmin({ method: 'POST', url: '/api/admin/billing/run' });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()).toMatchObject({ job: 'billing.lifecycle', status: 'succeeded', counts: NONE });
    const overview = (await asAdmin({ method: 'GET', url: '/api/admin/billing/overview' })).json();
    expect(overview.jobRuns[0]).toMatchObject({ id: run.json().id });
    const other = api(t.app, (await customer(t)).accessToken);
    expect((await other({ method: 'POST', url: '/api/admin/billing/run' })).statusCode).toBe(403);
    expect((await other({ method: 'GET', url: '/api/admin/billing/overview' })).statusCode).toBe(403);

    const id = await t.container.jobs.enqueue('billing.lifecycle', {});
    expect(id).toBeTruthy();
    const result = await t.container.jobs.drain();
    expect(result.failed).toBe(0);
  });
});
