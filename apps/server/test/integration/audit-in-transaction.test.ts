import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, invoices, orders, users, vpsInstances } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { admin, api, customer } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { createInvoice, createInvoiceItem, createOrder, createVpsInstance } from '../factories.ts';

/**
 * #15-7: an admin action and its audit row commit together. The database is made to refuse the audit rows of the
 * actions under test (a trigger), so the action must not happen and no success may be answered.
 */
let t: TestApp;
let asAdmin: ReturnType<typeof api>;
const REFUSED = [
  'invoice.void',
  'invoice.credit_note',
  'vps.update',
  'customer.ban',
  'customer.note.add',
  'order.status',
];

beforeAll(async () => {
  t = await createTestApp({ env: { RATE_LIMIT_DISABLED: 'true' } });
  asAdmin = api(t.app, (await admin(t)).accessToken);
  await t.database.db.execute(sql`
    create or replace function refuse_audit_for_test() returns trigger language plpgsql as $$
    begin
      raise exception 'audit refused by the test';
    end $$`);
});
afterAll(async () => {
  await t.close();
});

async function refuseAudit(on: boolean) {
  await t.database.db.execute(sql`drop trigger if exists refuse_audit on audit_log`);
  if (!on) return;
  await t.database.db.execute(
    sql.raw(`create trigger refuse_audit before insert on audit_log for each row
      when (new.action in (${REFUSED.map((a) => `'${a}'`).join(', ')}))
      execute function refuse_audit_for_test()`),
  );
}

const auditRows = async (entityId: string) =>
  t.database.db.select().from(auditLog).where(eq(auditLog.entityId, entityId));

/** A failed audit is an internal failure: never a success, and always the error contract. */
function expectRefused(res: { statusCode: number; json: () => { error?: { code?: string } } }) {
  expect(res.statusCode).toBeGreaterThanOrEqual(500);
  expect(res.json().error?.code).toEqual(expect.any(String));
}

describe(`admin actions are audited in their own transaction (${TEST_ENGINE})`, () => {
  beforeEach(() => refuseAudit(true));

  it('void: the invoice stays issued when its audit row cannot be written', async () => {
    const invoice = await createInvoice(t.database.db, {
      status: 'issued',
      invoiceNumber: `T-${Date.now()}`,
    });
    const res = await asAdmin({
      method: 'POST',
      url: `/api/admin/invoices/${invoice.id}/void`,
      payload: { reason: 'duplicate' },
    });
    expectRefused(res);
    const [row] = await t.database.db.select().from(invoices).where(eq(invoices.id, invoice.id));
    expect(row!.status).toBe('issued');
    expect(await auditRows(invoice.id)).toHaveLength(0);

    await refuseAudit(false);
    const ok = await asAdmin({ method: 'POST', url: `/api/admin/invoices/${invoice.id}/void`, payload: {} });
    expect(ok.statusCode).toBe(200);
    expect((await auditRows(invoice.id)).map((r) => r.action)).toEqual(['invoice.void']);
  });

  it('credit note with a recorded refund: no note and no refund transaction without the audit row', async () => {
    const c = await customer(t);
    const invoice = await createInvoice(t.database.db, {
      userId: c.userId,
      status: 'paid',
      invoiceNumber: `T-${Date.now()}-P`,
      issuedAt: new Date(),
    });
    await createInvoiceItem(t.database.db, { invoiceId: invoice.id });
    const payload = { reason: 'Compensación', refund: { provider: 'bank_transfer', reference: 'TRF-1' } };
    const url = `/api/admin/invoices/${invoice.id}/credit-note`;
    expectRefused(await asAdmin({ method: 'POST', url, payload }));
    const notes = await t.database.db
      .select()
      .from(invoices)
      .where(eq(invoices.referenceInvoiceId, invoice.id));
    expect(notes).toHaveLength(0);

    await refuseAudit(false);
    const ok = await asAdmin({ method: 'POST', url, payload });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await auditRows(invoice.id)).map((r) => r.action)).toEqual(['invoice.credit_note']);
  });

  it('admin VPS update: the service status does not change without its audit row', async () => {
    const vps = await createVpsInstance(t.database.db, { serviceStatus: 'active' });
    const res = await asAdmin({
      method: 'PUT',
      url: `/api/admin/vps/${vps.id}`,
      payload: { serviceStatus: 'suspended' },
    });
    expectRefused(res);
    const [row] = await t.database.db.select().from(vpsInstances).where(eq(vpsInstances.id, vps.id));
    expect(row!.serviceStatus).toBe('active');
    expect(row!.suspendedAt).toBeNull();
  });

  it('ban: the customer is not banned and keeps their sessions; a note is not added', async () => {
    const c = await customer(t);
    expectRefused(
      await asAdmin({
        method: 'POST',
        url: `/api/admin/customers/${c.userId}/ban`,
        payload: { reason: 'fraud' },
      }),
    );
    const [user] = await t.database.db.select().from(users).where(eq(users.id, c.userId));
    expect(user!.banned).toBe(false);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: c.cookie } })).statusCode,
    ).toBe(200);
    expectRefused(
      await asAdmin({
        method: 'POST',
        url: `/api/admin/customers/${c.userId}/notes`,
        payload: { body: 'hola' },
      }),
    );
    const detail = await asAdmin({ method: 'GET', url: `/api/admin/customers/${c.userId}` });
    expect(JSON.stringify(detail.json())).not.toContain('hola');
  });

  it('order status: the order keeps its status without its audit row', async () => {
    const order = await createOrder(t.database.db, { status: 'pending' });
    const res = await asAdmin({
      method: 'PUT',
      url: `/api/admin/orders/${order.id}/status`,
      payload: { status: 'cancelled', note: 'test' },
    });
    expectRefused(res);
    const [row] = await t.database.db.select().from(orders).where(eq(orders.id, order.id));
    expect(row!.status).toBe('pending');
  });

  it('bad input is still a 4xx, not a failed audit (a NUL byte in the void reason)', async () => {
    await refuseAudit(false);
    const invoice = await createInvoice(t.database.db, {
      status: 'issued',
      invoiceNumber: `T-${Date.now()}-N`,
    });
    const res = await asAdmin({
      method: 'POST',
      url: `/api/admin/invoices/${invoice.id}/void`,
      payload: { reason: 'a\u0000b' },
    });
    expect(res.statusCode).toBe(400);
    const [row] = await t.database.db.select().from(invoices).where(eq(invoices.id, invoice.id));
    expect(row!.status).toBe('issued');
  });
});
