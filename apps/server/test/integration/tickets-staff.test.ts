import { describe, expect, it } from 'vitest';
import { emailsTo } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { createVpsInstance } from '../factories.ts';
import { useTicketsApp, t, staff, asStaff, newCustomer, openTicket } from './tickets.setup.ts';

useTicketsApp();

describe(`support tickets: internal notes, canned responses, edits (${TEST_ENGINE})`, () => {
  it('internal notes never reach the customer: not in the API, not in any e-mail, no status change', async () => {
    const c = await newCustomer();
    const created = await openTicket(c.as);
    const secret = 'NOTA-INTERNA: el cliente debe 3 facturas';
    const note = await asStaff({
      method: 'POST',
      url: `/api/admin/tickets/${created.id}/messages`,
      payload: { message: secret, internal: true },
    });
    expect(note.statusCode).toBe(201);
    expect(note.json().status).toBe('open');
    const staffView = note.json().messages.find((m: { body: string }) => m.body === secret);
    expect(staffView.internal).toBe(true);

    const view = await c.as({ url: `/api/tickets/${created.id}` });
    expect(view.body).not.toContain('NOTA-INTERNA');
    expect(view.json().messages).toHaveLength(1);
    const list = await c.as({ url: '/api/tickets' });
    expect(list.body).not.toContain('NOTA-INTERNA');

    await asStaff({
      method: 'POST',
      url: `/api/admin/tickets/${created.id}/messages`,
      payload: { message: 'Respuesta pública' },
    });
    const mails = await emailsTo(t, c.email);
    expect(mails.length).toBeGreaterThan(0);
    for (const m of mails) {
      expect(m.text).not.toContain('NOTA-INTERNA');
      expect(m.html).not.toContain('NOTA-INTERNA');
    }
    // Editing the note keeps it internal.
    const edit = await asStaff({
      method: 'PATCH',
      url: `/api/admin/tickets/${created.id}/messages/${staffView.id}`,
      payload: { message: `${secret} (corregida)` },
    });
    expect(edit.statusCode).toBe(200);
    expect((await c.as({ url: `/api/tickets/${created.id}` })).body).not.toContain('NOTA-INTERNA');
  });

  it('a canned response is rendered with the ticket variables when inserted', async () => {
    const c = await newCustomer();
    const vps = await createVpsInstance(t.database.db, {
      userId: c.userId,
      displayName: 'web-01',
      ipAddress: '203.0.113.77',
    });
    const created = await openTicket(c.as, { vpsId: vps.id });
    const canned = await asStaff({
      method: 'POST',
      url: '/api/admin/canned-responses',
      payload: {
        title: 'Reinicio',
        body: 'Hola {{customer.firstName}}, reiniciamos {{vps.name}} ({{vps.ip}}) por el ticket {{ticket.number}}. {{unknown.var}}',
      },
    });
    expect(canned.statusCode).toBe(201);
    const expected = `Hola Lucía, reiniciamos web-01 (203.0.113.77) por el ticket ${created.number}. {{unknown.var}}`;
    const preview = await asStaff({
      method: 'POST',
      url: `/api/admin/canned-responses/${canned.json().id}/render`,
      payload: { ticketId: created.id },
    });
    expect(preview.json().body).toBe(expected);
    const reply = await asStaff({
      method: 'POST',
      url: `/api/admin/tickets/${created.id}/messages`,
      payload: { cannedResponseId: canned.json().id },
    });
    expect(reply.statusCode).toBe(201);
    expect((await c.as({ url: `/api/tickets/${created.id}` })).json().messages.at(-1).body).toBe(expected);

    const listed = await asStaff({ url: '/api/admin/canned-responses' });
    expect(listed.json().some((r: { id: string }) => r.id === canned.json().id)).toBe(true);
    const changed = await asStaff({
      method: 'PUT',
      url: `/api/admin/canned-responses/${canned.json().id}`,
      payload: { title: 'Reinicio 2', body: 'Texto' },
    });
    expect(changed.json().title).toBe('Reinicio 2');
    expect(
      (await asStaff({ method: 'DELETE', url: `/api/admin/canned-responses/${canned.json().id}` }))
        .statusCode,
    ).toBe(204);
    expect(
      (await asStaff({ method: 'DELETE', url: `/api/admin/canned-responses/${canned.json().id}` }))
        .statusCode,
    ).toBe(404);
  });

  it('staff edits keep the previous text for staff; the customer sees only the new text and that it was edited', async () => {
    const c = await newCustomer();
    const created = await openTicket(c.as);
    const reply = await asStaff({
      method: 'POST',
      url: `/api/admin/tickets/${created.id}/messages`,
      payload: { message: 'Versión uno' },
    });
    const message = reply.json().messages.at(-1);
    const edited = await asStaff({
      method: 'PATCH',
      url: `/api/admin/tickets/${created.id}/messages/${message.id}`,
      payload: { message: 'Versión dos' },
    });
    expect(edited.statusCode).toBe(200);
    const staffMessage = edited.json().messages.find((m: { id: string }) => m.id === message.id);
    expect(staffMessage.body).toBe('Versión dos');
    expect(staffMessage.revisions.map((r: { previousBody: string }) => r.previousBody)).toEqual([
      'Versión uno',
    ]);
    const customerView = await c.as({ url: `/api/tickets/${created.id}` });
    const seen = customerView.json().messages.find((m: { id: string }) => m.id === message.id);
    expect(seen.body).toBe('Versión dos');
    expect(seen.editedAt).not.toBeNull();
    expect(customerView.body).not.toContain('Versión uno');

    const customerMessage = customerView.json().messages[0];
    const refused = await asStaff({
      method: 'PATCH',
      url: `/api/admin/tickets/${created.id}/messages/${customerMessage.id}`,
      payload: { message: 'Reescrito' },
    });
    expect(refused.statusCode).toBe(409);
  });
});

describe(`support tickets: the staff queue and unread counts (${TEST_ENGINE})`, () => {
  it('waiting on staff first, oldest wait first; filters and search over messages; waiting time per row', async () => {
    const c = await newCustomer();
    const older = await openTicket(c.as, { subject: 'Primero en llegar' });
    t.clock.advance(60_000);
    const answered = await openTicket(c.as, { subject: 'Ya respondido' });
    await asStaff({
      method: 'POST',
      url: `/api/admin/tickets/${answered.id}/messages`,
      payload: { message: 'Listo' },
    });
    t.clock.advance(60_000);
    const newer = await openTicket(c.as, {
      subject: 'Recién llegado',
      message: 'palabra-clave-única en el mensaje',
    });
    const queue = await asStaff({ url: `/api/admin/tickets?customerId=${c.userId}` });
    expect(queue.statusCode).toBe(200);
    expect(queue.json().items.map((r: { id: string }) => r.id)).toEqual([older.id, newer.id, answered.id]);
    const first = queue.json().items[0];
    expect(first.waitingOn).toBe('staff');
    expect(first.waitingSeconds).toBe(120);
    expect(first.customer.email).toBe(c.email.toLowerCase());

    const waiting = await asStaff({ url: `/api/admin/tickets?customerId=${c.userId}&status=waiting_staff` });
    expect(waiting.json().total).toBe(2);
    const search = await asStaff({
      url: `/api/admin/tickets?q=${encodeURIComponent('palabra-clave-única')}`,
    });
    expect(search.json().items.map((r: { id: string }) => r.id)).toEqual([newer.id]);
    const byNumber = await asStaff({ url: `/api/admin/tickets?q=${older.number}` });
    expect(byNumber.json().items.map((r: { id: string }) => r.id)).toEqual([older.id]);
    const wildcard = await asStaff({ url: `/api/admin/tickets?q=${encodeURIComponent('%_')}` });
    expect(wildcard.json().total).toBe(0);
  });

  it('unread counts follow replies and reads on both sides', async () => {
    const c = await newCustomer();
    const created = await openTicket(c.as);
    const staffBefore = (await asStaff({ url: '/api/admin/tickets/unread-count' })).json();
    expect(staffBefore.unread).toBeGreaterThanOrEqual(1);
    const detail = await asStaff({ url: `/api/admin/tickets/${created.id}` });
    expect(detail.json().customer.id).toBe(c.userId);
    expect((await asStaff({ url: '/api/admin/tickets/unread-count' })).json().unread).toBe(
      staffBefore.unread - 1,
    );

    expect((await c.as({ url: '/api/tickets/unread-count' })).json().unread).toBe(0);
    await asStaff({
      method: 'POST',
      url: `/api/admin/tickets/${created.id}/messages`,
      payload: { message: 'Hola' },
    });
    expect((await c.as({ url: '/api/tickets/unread-count' })).json()).toEqual({ unread: 1, waiting: 1 });
    await c.as({ url: `/api/tickets/${created.id}` });
    expect((await c.as({ url: '/api/tickets/unread-count' })).json().unread).toBe(0);
  });

  it('staff opens a ticket for a customer: it waits on the customer, who is e-mailed the message', async () => {
    const c = await newCustomer();
    const res = await asStaff({
      method: 'POST',
      url: '/api/admin/tickets',
      payload: {
        userId: c.userId,
        subject: 'Mantenimiento programado',
        message: 'Reiniciaremos tu servidor el lunes.',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'answered', assignee: { id: staff.userId } });
    const mails = (await emailsTo(t, c.email)).filter((m) => m.template === 'ticket-reply');
    expect(mails[0]!.text).toContain('Reiniciaremos tu servidor el lunes.');
    const unknown = await asStaff({
      method: 'POST',
      url: '/api/admin/tickets',
      payload: { userId: '00000000-0000-4000-8000-000000000000', subject: 'x', message: 'y' },
    });
    expect(unknown.statusCode).toBe(404);
  });
});
