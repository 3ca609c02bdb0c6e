import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { emailOutbox, supportTickets } from '../../src/db/schema/index.ts';
import { emailsTo } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { useTicketsApp, t, staff, asStaff, newCustomer, openTicket, ticketRow } from './tickets.setup.ts';

useTicketsApp();

describe(`support tickets: status lifecycle (${TEST_ENGINE})`, () => {
  it('open → answered → customer_reply → on_hold → closed → rated, with the e-mails of each step', async () => {
    const c = await newCustomer('en');
    const created = await openTicket(c.as, { priority: 'high', department: 'billing' });
    expect(created.number).toMatch(/^CV-T-\d{6}$/);
    expect(created.status).toBe('open');
    expect(created.messages.map((m) => m.body)).toEqual(['Hola,\nno responde desde ayer.']);
    const toStaff = await emailsTo(t, staff.email);
    expect(toStaff.some((m) => m.template === 'ticket-new-staff' && m.text.includes(created.number))).toBe(
      true,
    );

    // A second customer message before staff answers keeps it "open" (waiting on staff).
    const more = await c.as({
      method: 'POST',
      url: `/api/tickets/${created.id}/messages`,
      payload: { message: 'Más datos' },
    });
    expect(more.statusCode).toBe(201);
    expect(more.json().status).toBe('open');

    const replied = await asStaff({
      method: 'POST',
      url: `/api/admin/tickets/${created.id}/messages`,
      payload: { message: 'Please try a restart.\nThen tell us.' },
    });
    expect(replied.statusCode, replied.body).toBe(201);
    expect(replied.json()).toMatchObject({
      status: 'answered',
      waitingOn: 'customer',
      assignee: { id: staff.userId },
    });
    expect(replied.json().firstResponseAt).not.toBeNull();
    const mail = (await emailsTo(t, c.email)).find((m) => m.template === 'ticket-reply')!;
    expect(mail.language).toBe('en');
    expect(mail.subject).toBe(`[${created.number}] Mi servidor no arranca`);
    expect(mail.text).toContain('Please try a restart.');
    expect(mail.text).toContain(`/panel/support/${created.id}`);

    const back = await c.as({
      method: 'POST',
      url: `/api/tickets/${created.id}/messages`,
      payload: { message: 'Still down' },
    });
    expect(back.json().status).toBe('customer_reply');
    // The ticket is now assigned: only the assignee hears about the customer's reply.
    const replies = (await t.database.db.select().from(emailOutbox)).filter(
      (m) => m.template === 'ticket-customer-reply-staff' && m.text.includes('Still down'),
    );
    expect(replies.map((m) => m.toAddress)).toEqual([staff.email.toLowerCase()]);

    const hold = await asStaff({
      method: 'PATCH',
      url: `/api/admin/tickets/${created.id}`,
      payload: { status: 'on_hold' },
    });
    expect(hold.json()).toMatchObject({ status: 'on_hold', waitingOn: 'none' });

    const early = await c.as({
      method: 'POST',
      url: `/api/tickets/${created.id}/rating`,
      payload: { rating: 5 },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('invalid_transition');

    const closed = await asStaff({
      method: 'PATCH',
      url: `/api/admin/tickets/${created.id}`,
      payload: { status: 'closed' },
    });
    expect(closed.json().status).toBe('closed');
    expect(closed.json().closedAt).not.toBeNull();

    const rated = await c.as({
      method: 'POST',
      url: `/api/tickets/${created.id}/rating`,
      payload: { rating: 4, comment: 'Rápidos' },
    });
    expect(rated.statusCode).toBe(200);
    expect(rated.json()).toMatchObject({ rating: 4, ratingComment: 'Rápidos' });
    const again = await c.as({
      method: 'POST',
      url: `/api/tickets/${created.id}/rating`,
      payload: { rating: 1 },
    });
    expect(again.statusCode).toBe(409);
  });

  it('the customer can close their ticket; closing twice is harmless', async () => {
    const c = await newCustomer();
    const created = await openTicket(c.as);
    const first = await c.as({ method: 'POST', url: `/api/tickets/${created.id}/close` });
    expect(first.json().status).toBe('closed');
    const second = await c.as({ method: 'POST', url: `/api/tickets/${created.id}/close` });
    expect(second.statusCode).toBe(200);
    expect(second.json().closedAt).toBe(first.json().closedAt);
  });

  it('numbers are unique even when tickets are opened at the same time', async () => {
    const c = await newCustomer();
    const results = await Promise.all(Array.from({ length: 6 }, () => openTicket(c.as)));
    expect(new Set(results.map((r) => r.number)).size).toBe(6);
  });
});

describe(`support tickets: reopen rules and auto-close (${TEST_ENGINE})`, () => {
  it('a reply within 14 days of closing reopens the ticket; later it opens a new one that references it', async () => {
    const c = await newCustomer();
    const created = await openTicket(c.as);
    await c.as({ method: 'POST', url: `/api/tickets/${created.id}/close` });
    const closedAt = new Date(t.clock.now().getTime() - 13 * 86_400_000);
    await t.database.db.update(supportTickets).set({ closedAt }).where(eq(supportTickets.id, created.id));
    expect((await c.as({ url: `/api/tickets/${created.id}` })).json().canReopen).toBe(true);
    const reopened = await c.as({
      method: 'POST',
      url: `/api/tickets/${created.id}/messages`,
      payload: { message: 'Volvió a pasar' },
    });
    expect(reopened.json()).toMatchObject({ id: created.id, status: 'customer_reply', closedAt: null });

    await c.as({ method: 'POST', url: `/api/tickets/${created.id}/close` });
    await t.database.db
      .update(supportTickets)
      .set({ closedAt: new Date(t.clock.now().getTime() - 15 * 86_400_000) })
      .where(eq(supportTickets.id, created.id));
    expect((await c.as({ url: `/api/tickets/${created.id}` })).json().canReopen).toBe(false);
    const fresh = await c.as({
      method: 'POST',
      url: `/api/tickets/${created.id}/messages`,
      payload: { message: 'Otra vez' },
    });
    expect(fresh.statusCode).toBe(201);
    const body = fresh.json();
    expect(body.id).not.toBe(created.id);
    expect(body).toMatchObject({
      previousTicketId: created.id,
      status: 'open',
      subject: 'Mi servidor no arranca',
    });
    expect(body.number).not.toBe(created.number);
    expect(body.messages.map((m: { body: string }) => m.body)).toEqual(['Otra vez']);
    expect((await ticketRow(created.id)).status).toBe('closed');
  });

  it('tickets waiting on the customer close themselves after N days (moving the clock), once, with an e-mail', async () => {
    const c = await newCustomer('es');
    const created = await openTicket(c.as);
    await asStaff({
      method: 'POST',
      url: `/api/admin/tickets/${created.id}/messages`,
      payload: { message: '¿Sigue pasando?' },
    });
    const start = t.clock.now();
    try {
      t.clock.advanceDays(4);
      expect((await t.container.autoCloseTickets()).closed).toBe(0);
      expect((await ticketRow(created.id)).status).toBe('answered');
      t.clock.advanceDays(1.1);
      expect((await t.container.autoCloseTickets()).closed).toBeGreaterThanOrEqual(1);
      const row = await ticketRow(created.id);
      expect(row.status).toBe('closed');
      expect(row.closedAt).not.toBeNull();
      expect((await t.container.autoCloseTickets()).closed).toBe(0);
      const mails = (await emailsTo(t, c.email)).filter((m) => m.template === 'ticket-auto-closed');
      expect(mails).toHaveLength(1);
      expect(mails[0]!.text).toContain('no recibimos respuesta en 5 días');
    } finally {
      t.clock.set(start);
    }
  });
});
