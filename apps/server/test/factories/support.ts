/** Test factories: Support tickets, their messages, revisions and attachments, canned responses and unmatched e-mails. */
import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '../../src/db/client.ts';
import * as t from '../../src/db/schema/index.ts';
import { createUser } from './accounts.ts';
import { next, type Insert } from './shared.ts';

export async function createTicket(db: DbOrTx, o: Insert<typeof t.supportTickets> = {}) {
  const userId = o.userId ?? (await createUser(db)).id;
  const [row] = await db
    .insert(t.supportTickets)
    .values({
      subject: 'Mi servidor no responde',
      number: `CV-T-T${next()}-${randomUUID().slice(0, 6)}`,
      ...o,
      userId,
    })
    .returning();
  return row!;
}

export async function createTicketMessage(db: DbOrTx, o: Insert<typeof t.ticketMessages> = {}) {
  const ticketId = o.ticketId ?? (await createTicket(db)).id;
  const [row] = await db
    .insert(t.ticketMessages)
    .values({ message: 'Hola, ¿pueden revisar?', ...o, ticketId })
    .returning();
  return row!;
}

export async function createTicketMessageRevision(
  db: DbOrTx,
  o: Insert<typeof t.ticketMessageRevisions> = {},
) {
  const messageId = o.messageId ?? (await createTicketMessage(db, { isAdmin: true })).id;
  const [row] = await db
    .insert(t.ticketMessageRevisions)
    .values({ previousMessage: 'Texto anterior', ...o, messageId })
    .returning();
  return row!;
}

export async function createTicketAttachment(db: DbOrTx, o: Insert<typeof t.ticketAttachments> = {}) {
  const message = o.messageId
    ? { id: o.messageId, ticketId: o.ticketId! }
    : await createTicketMessage(db, o.ticketId ? { ticketId: o.ticketId } : {});
  const [row] = await db
    .insert(t.ticketAttachments)
    .values({
      filename: 'registro.log',
      contentType: 'text/plain; charset=utf-8',
      sizeBytes: 12,
      storageKey: `tickets/${randomUUID()}`,
      ...o,
      ticketId: message.ticketId,
      messageId: message.id,
    })
    .returning();
  return row!;
}

export async function createCannedResponse(db: DbOrTx, o: Insert<typeof t.cannedResponses> = {}) {
  const [row] = await db
    .insert(t.cannedResponses)
    .values({ title: `Respuesta ${next()}`, body: 'Hola {{customer.firstName}}, ya lo revisamos.', ...o })
    .returning();
  return row!;
}

export async function createUnmatchedEmail(db: DbOrTx, o: Insert<typeof t.unmatchedEmails> = {}) {
  const [row] = await db
    .insert(t.unmatchedEmails)
    .values({
      fromAddress: 'alguien@example.test',
      toAddress: 'soporte@cloudvertice.local',
      subject: 'Hola',
      body: 'Texto',
      reason: 'unsigned',
      ...o,
    })
    .returning();
  return row!;
}
