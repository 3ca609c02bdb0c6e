import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, invoices, transactions, vpsInstances } from '../../src/db/schema/index.ts';
import { renewalKey } from '../../src/modules/billing/billing.lifecycle.ts';
import { admin, api, customer, emailsTo } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import {
  as,
  counts,
  NONE,
  requestsTo,
  service,
  sim,
  t,
  templatesTo,
  useLifecycleApp,
} from './billing-lifecycle.setup.ts';

useLifecycleApp();

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
});
