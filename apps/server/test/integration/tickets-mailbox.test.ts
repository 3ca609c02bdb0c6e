import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, ticketMessages, unmatchedEmails } from '../../src/db/schema/index.ts';
import { api, customer, support } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { asStaff, imap, t, useTicketsMailApp } from './tickets-mail.setup.ts';

useTicketsMailApp('tickets-mailbox');

/** An e-mail that matched no ticket, as the inbound pass keeps it. */
async function unmatchedMail(o: { from: string; body: string; subject?: string }) {
  const [row] = await t.database.db
    .insert(unmatchedEmails)
    .values({
      fromAddress: o.from,
      toAddress: 'soporte@cloudvertice.test',
      subject: o.subject ?? 'Consulta',
      body: o.body,
      messageId: `<${randomUUID()}@example.test>`,
      reason: 'unsigned',
    })
    .returning();
  return row!;
}

async function openTicket(as: ReturnType<typeof api>) {
  const res = await as({
    method: 'POST',
    url: '/api/tickets',
    payload: { subject: 'Sin red', message: 'El servidor no tiene red' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; department: string };
}

const stillListed = async (id: string) =>
  (await t.database.db.select().from(unmatchedEmails).where(eq(unmatchedEmails.id, id))).length === 1;

describe(`support mailbox administration (${TEST_ENGINE})`, () => {
  it('departments come from the settings registry, and the first one is the default', async () => {
    const c = await customer(t);
    const as = api(t.app, c.accessToken);
    expect((await as({ url: '/api/tickets/departments' })).json()).toEqual({
      departments: ['technical', 'billing', 'sales'],
    });
    await t.container.settings.set('tickets.departments', ['networking', 'billing']);
    expect((await as({ url: '/api/tickets/departments' })).json()).toEqual({
      departments: ['networking', 'billing'],
    });
    expect((await openTicket(as)).department).toBe('networking');
    const refused = await as({
      method: 'POST',
      url: '/api/tickets',
      payload: { subject: 'Factura', message: 'Hola', department: 'sales' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('validation_error');
    expect((await t.app.inject({ url: '/api/tickets/departments' })).statusCode).toBe(401);
    await t.container.settings.set('tickets.departments', ['technical', 'billing', 'sales']);
  }, 60_000);

  it('tests the IMAP settings against a real server: ok, wrong password, wrong folder, unreachable, not set', async () => {
    const test = (payload: object) =>
      asStaff({ method: 'POST', url: '/api/admin/tickets/email-settings/test', payload });
    expect((await test({})).json()).toMatchObject({ ok: false, reason: 'not_configured' });
    const account = { host: imap.host, port: imap.port, secure: false, user: imap.user };
    const good = await test({ ...account, password: imap.password, folder: 'INBOX' });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toMatchObject({ ok: true, messages: expect.any(Number), unseen: expect.any(Number) });
    expect((await test({ ...account, password: 'wrong-password' })).json()).toMatchObject({
      ok: false,
      reason: 'auth',
    });
    expect(
      (await test({ ...account, password: imap.password, folder: 'NoSuchFolder' })).json(),
    ).toMatchObject({ ok: false, reason: 'folder' });
    // Nothing listens on port 1 of the loopback.
    expect((await test({ ...account, port: 1, password: imap.password })).json()).toMatchObject({
      ok: false,
      reason: 'connect',
    });
    // A missing password means the stored one: save the settings, then test without sending it.
    await asStaff({
      method: 'PUT',
      url: '/api/admin/tickets/email-settings',
      payload: { address: 'soporte@cloudvertice.test', ...account, password: imap.password, folder: 'INBOX' },
    });
    const stored = await test({});
    expect(stored.json()).toMatchObject({ ok: true });
    expect(stored.body).not.toContain(imap.password);
    expect((await test({ host: 'a\u0000b' })).statusCode).toBe(400);
    expect((await test({ port: 10 ** 12 })).statusCode).toBe(400);
  }, 90_000);

  it("assigns an unmatched e-mail to a ticket as the customer's reply, or as an internal note", async () => {
    const c = await customer(t);
    const as = api(t.app, c.accessToken);
    const ticket = await openTicket(as);
    await asStaff({
      method: 'POST',
      url: `/api/admin/tickets/${ticket.id}/messages`,
      payload: { message: '¿Desde cuándo?' },
    });

    const reply = await unmatchedMail({
      from: 'otra-direccion@example.test',
      body: 'Desde ayer por la noche.\n\nEl lun, Soporte escribió:\n> ¿Desde cuándo?',
    });
    const assigned = await asStaff({
      method: 'POST',
      url: `/api/admin/tickets/unmatched-mail/${reply.id}/assign`,
      payload: { ticketId: ticket.id },
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toEqual({ ticketId: ticket.id });
    expect(await stillListed(reply.id)).toBe(false);
    const view = (await as({ url: `/api/tickets/${ticket.id}` })).json();
    expect(view.status).toBe('customer_reply');
    expect(view.messages.at(-1)).toMatchObject({
      body: 'Desde ayer por la noche.',
      author: 'customer',
      source: 'email',
    });

    const note = await unmatchedMail({ from: 'proveedor@example.test', body: 'Aviso del proveedor de red' });
    const noted = await asStaff({
      method: 'POST',
      url: `/api/admin/tickets/unmatched-mail/${note.id}/assign`,
      payload: { ticketId: ticket.id, as: 'note' },
    });
    expect(noted.statusCode, noted.body).toBe(200);
    const staffView = (await asStaff({ url: `/api/admin/tickets/${ticket.id}` })).json();
    expect(staffView.messages.at(-1)).toMatchObject({ internal: true });
    expect(staffView.messages.at(-1).body).toContain('proveedor@example.test');
    expect(staffView.messages.at(-1).body).toContain('Aviso del proveedor de red');
    const customerView = (await as({ url: `/api/tickets/${ticket.id}` })).json();
    expect(JSON.stringify(customerView)).not.toContain('Aviso del proveedor');

    const audit = await t.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.action, 'tickets.unmatched-mail.assign'));
    expect(audit.length).toBe(2);
  }, 60_000);

  it('an unknown ticket or mail is 404 and the mail stays listed; two staff assigning at once post it once', async () => {
    const c = await customer(t);
    const ticket = await openTicket(api(t.app, c.accessToken));
    const mail = await unmatchedMail({ from: c.email, body: 'Una sola vez' });
    const assign = (ticketId: string, id = mail.id) =>
      asStaff({
        method: 'POST',
        url: `/api/admin/tickets/unmatched-mail/${id}/assign`,
        payload: { ticketId },
      });

    const unknownTicket = await assign(randomUUID());
    expect(unknownTicket.statusCode).toBe(404);
    expect(unknownTicket.json().error.code).toBe('not_found');
    expect(await stillListed(mail.id)).toBe(true);
    expect((await assign(ticket.id, randomUUID())).statusCode).toBe(404);
    expect((await assign('not-a-uuid')).statusCode).toBe(400);
    expect(
      (
        await asStaff({
          method: 'POST',
          url: `/api/admin/tickets/unmatched-mail/${mail.id}/assign`,
          payload: { ticketId: ticket.id, as: 'everyone' },
        })
      ).statusCode,
    ).toBe(400);

    const both = await Promise.all([assign(ticket.id), assign(ticket.id)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 404]);
    const posted = await t.database.db
      .select()
      .from(ticketMessages)
      .where(eq(ticketMessages.ticketId, ticket.id));
    expect(posted.filter((m) => m.message === 'Una sola vez')).toHaveLength(1);
  }, 60_000);

  it('discards an unmatched e-mail (audited); a second discard is 404', async () => {
    const mail = await unmatchedMail({ from: 'spam@example.test', body: 'Oferta increíble' });
    const url = `/api/admin/tickets/unmatched-mail/${mail.id}`;
    expect((await asStaff({ method: 'DELETE', url })).statusCode).toBe(204);
    expect(await stillListed(mail.id)).toBe(false);
    expect((await asStaff({ method: 'DELETE', url })).statusCode).toBe(404);
    const list = (await asStaff({ url: '/api/admin/tickets/unmatched-mail' })).json();
    expect(list.items.map((m: { id: string }) => m.id)).not.toContain(mail.id);
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'tickets.unmatched-mail.discard'));
    expect(audit).toMatchObject({ entityId: mail.id });
  }, 60_000);

  it('support staff may not manage the mailbox; customers and anonymous callers are refused', async () => {
    const mail = await unmatchedMail({ from: 'x@example.test', body: 'x' });
    const routes = [
      { method: 'POST' as const, url: '/api/admin/tickets/email-settings/test', payload: {} },
      {
        method: 'POST' as const,
        url: `/api/admin/tickets/unmatched-mail/${mail.id}/assign`,
        payload: { ticketId: randomUUID() },
      },
      { method: 'DELETE' as const, url: `/api/admin/tickets/unmatched-mail/${mail.id}` },
    ];
    const asSupport = api(t.app, (await support(t)).accessToken);
    const asCustomer = api(t.app, (await customer(t)).accessToken);
    for (const route of routes) {
      expect((await asSupport(route)).statusCode).toBe(403);
      expect((await asCustomer(route)).statusCode).toBe(403);
      expect((await t.app.inject(route)).statusCode).toBe(401);
    }
    expect(await stillListed(mail.id)).toBe(true);
  }, 60_000);
});
