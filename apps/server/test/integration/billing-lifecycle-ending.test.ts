import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { adminTasks, billingNotices, invoices, jobRuns, vpsInstances } from '../../src/db/schema/index.ts';
import { admin, api, customer, emailsTo } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import {
  as,
  counts,
  NONE,
  requestsTo,
  service,
  t,
  templatesTo,
  useLifecycleApp,
} from './billing-lifecycle.setup.ts';

useLifecycleApp();

describe(`renewal lifecycle: endings, cancellations and runs (${TEST_ENGINE})`, () => {
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
      expect(task!.params).toMatchObject({ cancelDate: ended!.contaboCancelDate, reason: 'unpaid' });
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
