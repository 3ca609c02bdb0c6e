import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  adminTasks,
  auditLog,
  images,
  invoices,
  jobRuns,
  legalDocumentVersions,
  products,
  settings,
  supportTickets,
  ticketMessages,
  transactions,
  users,
} from '../../src/db/schema/index.ts';
import { emailsTo, support } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import {
  createAdminTask,
  createImage,
  createInvoice,
  createOrder,
  createProduct,
  createTicket,
  createTicketMessage,
} from '../factories.ts';
import { asAdmin, expectRefused, refuseAuditOf, t, useAuditRefusalApp } from '../refuse-audit.ts';

/**
 * #15-7, the settings, catalog, staff, e-mail template and legal actions: each one's audit row is refused by the
 * database, so the action must not happen and no success may be answered.
 */
const REFUSED = [
  'settings.company',
  'settings.payments.update',
  'settings.contabo.updated',
  'settings.billing',
  'settings.staff-security.updated',
  'product.create',
  'product.update',
  'product.delete',
  'product.deactivate',
  'image.update',
  'images.sync',
  'staff.updated',
  'staff.invited',
  'staff.invite_resent',
  'email_template.updated',
  'email_template.restored',
  'legal.published',
  'task.done',
  'billing.run',
  'ticket.create',
  'ticket.update',
  'ticket.message.edit',
  'tickets.email-settings',
  'invoice.mark_paid',
  'invoice.export',
];

useAuditRefusalApp();

const setting = async (key: string) =>
  (await t.database.db.select().from(settings).where(eq(settings.key, key)))[0]?.value;
const auditActions = async (entityId: string) =>
  (await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, entityId))).map((r) => r.action);

const plan = (contaboProductId: string, name = 'Plan auditado') => ({
  contaboProductId,
  name,
  costMinor: 1000,
  sellingPriceMinor: 1500,
  ramMb: 8192,
  cpuCores: 4,
  diskGb: 100,
  diskType: 'NVMe',
  regions: [{ code: 'EU', surchargeMinor: 0 }],
  prices: [{ periodMonths: 1, costMinor: 1000 }],
});

describe(`settings, catalog, staff, templates and legal are audited in their transaction (${TEST_ENGINE})`, () => {
  beforeEach(() => refuseAuditOf(t, REFUSED));

  it('settings: company, payments, Contabo, billing and staff security stay as they were', async () => {
    const put = (url: string, payload: Record<string, unknown>) => asAdmin({ method: 'PUT', url, payload });
    expectRefused(await put('/api/admin/settings/company', { legalName: 'Refusada S.A.' }));
    expect(await setting('company.legalName')).toBeUndefined();
    expectRefused(await put('/api/admin/settings/payments', { bankTransfer: { enabled: true } }));
    expect(await setting('payments.bankTransfer.enabled')).toBeUndefined();
    expectRefused(await put('/api/admin/settings/contabo', { syncIntervalMinutes: 42 }));
    expect(await setting('contabo.syncIntervalMinutes')).toBeUndefined();
    expectRefused(await put('/api/admin/settings/billing', { invoicePrefix: 'ZZ' }));
    expect(await setting('billing.invoicePrefix')).toBeUndefined();
    expectRefused(await put('/api/admin/staff/security', { requireTwoFactor: false }));
    expect(await setting('security.requireAdmin2fa')).toBeUndefined();

    await refuseAuditOf(t, null);
    const ok = await put('/api/admin/settings/billing', { invoicePrefix: 'ZZ' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await setting('billing.invoicePrefix')).toBe('ZZ');
    expect((await put('/api/admin/settings/contabo', { syncIntervalMinutes: 42 })).statusCode).toBe(200);
    expect(await auditActions('contabo')).toEqual(['settings.contabo.updated']);
  });

  it('catalog: no plan is created, changed, deleted or deactivated, and no image changes', async () => {
    expectRefused(await asAdmin({ method: 'POST', url: '/api/admin/products', payload: plan('VA1') }));
    expect(await t.database.db.select().from(products).where(eq(products.contaboProductId, 'VA1'))).toEqual(
      [],
    );

    const product = await createProduct(t.database.db, { contaboProductId: 'VA2', name: 'Antes' });
    const url = `/api/admin/products/${product.id}`;
    expectRefused(await asAdmin({ method: 'PUT', url, payload: plan('VA2', 'Después') }));
    const row = async () =>
      (await t.database.db.select().from(products).where(eq(products.id, product.id)))[0];
    expect((await row())?.name).toBe('Antes');
    expectRefused(await asAdmin({ method: 'DELETE', url }));
    expect(await row()).toBeDefined();

    const ordered = await createProduct(t.database.db, { contaboProductId: 'VA3', isActive: true });
    await createOrder(t.database.db, { productId: ordered.id });
    expectRefused(await asAdmin({ method: 'DELETE', url: `/api/admin/products/${ordered.id}` }));
    expect(
      (await t.database.db.select().from(products).where(eq(products.id, ordered.id)))[0]?.isActive,
    ).toBe(true);

    const image = await createImage(t.database.db, { isActive: false });
    expectRefused(
      await asAdmin({ method: 'PUT', url: `/api/admin/images/${image.id}`, payload: { isActive: true } }),
    );
    expect((await t.database.db.select().from(images).where(eq(images.id, image.id)))[0]?.isActive).toBe(
      false,
    );
    const before = await t.database.db.select().from(images);
    expectRefused(await asAdmin({ method: 'POST', url: '/api/admin/images/sync' }));
    expect(await t.database.db.select().from(images)).toEqual(before);

    await refuseAuditOf(t, null);
    expect((await asAdmin({ method: 'DELETE', url })).json()).toEqual({ deleted: true, deactivated: false });
    expect(await auditActions(product.id)).toEqual(['product.delete']);
  });

  it('staff: no role change, no invitation (no account, no e-mail) and no resent link', async () => {
    const member = await support(t);
    const url = `/api/admin/staff/${member.userId}`;
    expectRefused(await asAdmin({ method: 'PATCH', url, payload: { role: 'admin' } }));
    const role = async () =>
      (await t.database.db.select().from(users).where(eq(users.id, member.userId)))[0]?.role;
    expect(await role()).toBe('support');

    const email = `invitado-${Date.now()}@example.test`;
    expectRefused(
      await asAdmin({ method: 'POST', url: '/api/admin/staff', payload: { email, role: 'support' } }),
    );
    expect(await t.database.db.select().from(users).where(eq(users.email, email))).toEqual([]);
    expect(await emailsTo(t, email)).toEqual([]);
    const mailsBefore = (await emailsTo(t, member.email)).length;
    expectRefused(await asAdmin({ method: 'POST', url: `${url}/invite` }));
    expect(await emailsTo(t, member.email)).toHaveLength(mailsBefore);

    await refuseAuditOf(t, null);
    expect((await asAdmin({ method: 'PATCH', url, payload: { role: 'admin' } })).statusCode).toBe(200);
    expect(await role()).toBe('admin');
    expect((await auditActions(member.userId)).filter((a) => a.startsWith('staff.'))).toEqual([
      'staff.updated',
    ]);
  });

  it('e-mail templates and legal pages: nothing is saved, restored or published', async () => {
    const url = '/api/admin/email-templates/password-changed/es';
    const current = (await asAdmin({ method: 'GET', url })).json();
    const payload = { ...current.sources, subject: 'Asunto refusado' };
    expectRefused(await asAdmin({ method: 'PUT', url, payload }));
    expect((await asAdmin({ method: 'GET', url })).json().customised).toBe(false);

    await refuseAuditOf(t, null);
    expect((await asAdmin({ method: 'PUT', url, payload })).statusCode).toBe(200);
    await refuseAuditOf(t, REFUSED);
    expectRefused(await asAdmin({ method: 'DELETE', url }));
    expect((await asAdmin({ method: 'GET', url })).json()).toMatchObject({
      customised: true,
      sources: { subject: 'Asunto refusado' },
    });

    const versions = async () =>
      (
        await t.database.db
          .select()
          .from(legalDocumentVersions)
          .where(eq(legalDocumentVersions.document, 'terms'))
      ).length;
    await asAdmin({ method: 'GET', url: '/api/admin/legal/terms' });
    const before = await versions();
    const body = { bodyEs: '# Términos\n\nRefusados.', bodyEn: '# Terms\n\nRefused.' };
    expectRefused(await asAdmin({ method: 'PUT', url: '/api/admin/legal/terms', payload: body }));
    expect(await versions()).toBe(before);
  });

  it('billing admin: the task stays open and the billing run does not start', async () => {
    const task = await createAdminTask(t.database.db, { status: 'open' });
    expectRefused(await asAdmin({ method: 'POST', url: `/api/admin/tasks/${task.id}/done`, payload: {} }));
    const [row] = await t.database.db.select().from(adminTasks).where(eq(adminTasks.id, task.id));
    expect(row!.status).toBe('open');

    const runsBefore = (await t.database.db.select().from(jobRuns)).length;
    expectRefused(await asAdmin({ method: 'POST', url: '/api/admin/billing/run' }));
    expect(await t.database.db.select().from(jobRuns)).toHaveLength(runsBefore);

    await refuseAuditOf(t, null);
    const done = await asAdmin({ method: 'POST', url: `/api/admin/tasks/${task.id}/done`, payload: {} });
    expect(done.statusCode, done.body).toBe(200);
    expect(await auditActions(task.id)).toEqual(['task.done']);
  });

  it('tickets admin: no ticket opened, changed or edited, and the mailbox settings stay', async () => {
    const owner = await support(t);
    expectRefused(
      await asAdmin({
        method: 'POST',
        url: '/api/admin/tickets',
        payload: { userId: owner.userId, subject: 'Refusado', message: 'No debe existir.' },
      }),
    );
    expect(
      await t.database.db.select().from(supportTickets).where(eq(supportTickets.subject, 'Refusado')),
    ).toEqual([]);

    const ticket = await createTicket(t.database.db, { status: 'open' });
    const url = `/api/admin/tickets/${ticket.id}`;
    expectRefused(await asAdmin({ method: 'PATCH', url, payload: { status: 'closed' } }));
    const [row] = await t.database.db.select().from(supportTickets).where(eq(supportTickets.id, ticket.id));
    expect(row!.status).toBe('open');
    const message = await createTicketMessage(t.database.db, { ticketId: ticket.id, isAdmin: true });
    expectRefused(
      await asAdmin({
        method: 'PATCH',
        url: `${url}/messages/${message.id}`,
        payload: { message: 'Corregido' },
      }),
    );
    const [text] = await t.database.db.select().from(ticketMessages).where(eq(ticketMessages.id, message.id));
    expect(text!.message).toBe(message.message);

    const mailbox = {
      address: 'soporte@example.test',
      host: 'imap.example.test',
      port: 993,
      secure: true,
      user: 'soporte',
      folder: 'INBOX',
    };
    expectRefused(
      await asAdmin({ method: 'PUT', url: '/api/admin/tickets/email-settings', payload: mailbox }),
    );
    expect(await setting('tickets.inbound')).toBeUndefined();
  });

  it('invoices: a manual payment is not recorded, and no CSV is handed out', async () => {
    const invoice = await createInvoice(t.database.db, {
      status: 'issued',
      invoiceNumber: `T-${Date.now()}-MP`,
    });
    expectRefused(
      await asAdmin({
        method: 'POST',
        url: `/api/admin/invoices/${invoice.id}/mark-paid`,
        payload: { reference: 'TRF-9' },
      }),
    );
    const [row] = await t.database.db.select().from(invoices).where(eq(invoices.id, invoice.id));
    expect(row!.status).toBe('issued');
    expect(
      await t.database.db.select().from(transactions).where(eq(transactions.invoiceId, invoice.id)),
    ).toEqual([]);
    const url = '/api/admin/invoices/export?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z';
    const res = await asAdmin({ method: 'GET', url });
    expectRefused(res);
    expect(res.headers['content-type']).not.toMatch(/csv/);
  });
});
