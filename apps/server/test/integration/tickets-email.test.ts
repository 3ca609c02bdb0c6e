import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import { emailOutbox, ticketMessages } from '../../src/db/schema/index.ts';
import { api, customer } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { asStaff, imap, t, useTicketsMailApp } from './tickets-mail.setup.ts';

useTicketsMailApp('tickets-mail');

/** Delivers a message into the support mailbox, as the mail server would. */
async function deliver(raw: string) {
  const client = new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: false,
    auth: { user: imap.user, pass: imap.password },
    logger: false,
  });
  await client.connect();
  await client.append('INBOX', raw.replace(/\n/g, '\r\n'));
  await client.logout();
}

function reply(o: { from: string; to: string; id: string; text: string; attachment?: string }) {
  const boundary = 'cv-boundary-1';
  const headers = `From: ${o.from}\nTo: ${o.to}\nSubject: Re: ticket\nMessage-ID: <${o.id}@example.test>\nMIME-Version: 1.0\n`;
  if (!o.attachment) return `${headers}Content-Type: text/plain; charset=utf-8\n\n${o.text}\n`;
  return (
    `${headers}Content-Type: multipart/mixed; boundary="${boundary}"\n\n` +
    `--${boundary}\nContent-Type: text/plain; charset=utf-8\n\n${o.text}\n` +
    `--${boundary}\nContent-Type: text/plain; name="error.log"\nContent-Disposition: attachment; filename="error.log"\n\n${o.attachment}\n` +
    `--${boundary}--\n`
  );
}

describe(`reply by e-mail over IMAP (${TEST_ENGINE})`, () => {
  it('is off, and says so, until the mailbox is configured', async () => {
    const settings = await asStaff({ url: '/api/admin/tickets/email-settings' });
    expect(settings.json()).toMatchObject({ enabled: false, passwordSet: false });
    expect(await t.container.inboundMail.fetch()).toEqual({ off: true });
  });

  it('a signed reply from the owner lands on its ticket (quotes stripped, attachment kept); forged or foreign mail is kept apart', async () => {
    const saved = await asStaff({
      method: 'PUT',
      url: '/api/admin/tickets/email-settings',
      payload: {
        address: 'soporte@cloudvertice.test',
        host: imap.host,
        port: imap.port,
        secure: false,
        user: imap.user,
        password: imap.password,
        folder: 'INBOX',
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ enabled: true, passwordSet: true });
    expect(saved.body).not.toContain(imap.password);

    const c = await customer(t);
    const as = api(t.app, c.accessToken);
    const ticket = (
      await as({
        method: 'POST',
        url: '/api/tickets',
        payload: { subject: 'Disco lleno', message: 'Se llenó el disco' },
      })
    ).json();
    await asStaff({
      method: 'POST',
      url: `/api/admin/tickets/${ticket.id}/messages`,
      payload: { message: '¿Qué ocupa?' },
    });
    const [mail] = await t.database.db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.toAddress, c.email.toLowerCase()), eq(emailOutbox.template, 'ticket-reply')));
    const replyTo = mail!.replyTo!;
    expect(replyTo).toMatch(/^soporte\+T\d+\.[0-9a-f]{20}@cloudvertice\.test$/);
    const forged = replyTo.replace(/\.[0-9a-f]{20}@/, '.0123456789abcdef0123@');

    await deliver(
      reply({
        from: c.email,
        to: replyTo,
        id: 'good-1',
        text: 'Son los registros de nginx.\n\nEl lun, 15 ene 2026 a las 12:00, Soporte escribió:\n> ¿Qué ocupa?',
        attachment: '2026-01-15 nginx: disk full',
      }),
    );
    await deliver(reply({ from: c.email, to: forged, id: 'forged-1', text: 'Intento falsificado' }));
    await deliver(
      reply({ from: 'intruso@example.test', to: replyTo, id: 'stranger-1', text: 'No soy el cliente' }),
    );
    await deliver(
      reply({ from: c.email, to: 'soporte@cloudvertice.test', id: 'unsigned-1', text: 'Sin firma' }),
    );

    expect(await t.container.inboundMail.fetch()).toEqual({ handled: 4 });
    expect(await t.container.inboundMail.fetch()).toEqual({ handled: 0 });

    const view = (await as({ url: `/api/tickets/${ticket.id}` })).json();
    expect(view.status).toBe('customer_reply');
    const last = view.messages.at(-1);
    expect(last).toMatchObject({ body: 'Son los registros de nginx.', source: 'email', author: 'customer' });
    expect(last.attachments.map((a: { filename: string }) => a.filename)).toEqual(['error.log']);
    expect(view.body ?? JSON.stringify(view)).not.toContain('Intento falsificado');
    const bodies = await t.database.db
      .select({ message: ticketMessages.message })
      .from(ticketMessages)
      .where(eq(ticketMessages.ticketId, ticket.id));
    expect(bodies.map((b) => b.message)).not.toContain('No soy el cliente');

    const unmatched = (await asStaff({ url: '/api/admin/tickets/unmatched-mail' })).json();
    const reasons = Object.fromEntries(
      unmatched.items.map((m: { subject: string; body: string; reason: string }) => [
        m.body.trim(),
        m.reason,
      ]),
    );
    expect(reasons).toMatchObject({
      'Intento falsificado': 'forged',
      'No soy el cliente': 'unknown_sender',
      'Sin firma': 'unsigned',
    });
  }, 90_000);

  it('customers cannot read or change the mail settings or the unmatched mail', async () => {
    const c = await customer(t);
    const as = api(t.app, c.accessToken);
    for (const route of [
      { url: '/api/admin/tickets/email-settings' },
      { method: 'PUT' as const, url: '/api/admin/tickets/email-settings', payload: {} },
      { url: '/api/admin/tickets/unmatched-mail' },
    ]) {
      expect((await as(route)).statusCode).toBe(403);
      expect((await t.app.inject(route)).statusCode).toBe(401);
    }
  }, 60_000);
});
