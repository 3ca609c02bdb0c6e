import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, ticketMessages, unmatchedEmails } from '../../src/db/schema/index.ts';
import { TEST_ENGINE } from '../db.ts';
import { createTicket, createUnmatchedEmail } from '../factories.ts';
import { asAdmin, expectRefused, refuseAuditOf, t, useAuditRefusalApp } from '../refuse-audit.ts';

/**
 * #15-7, unmatched support e-mail: posting one on a ticket and discarding one are audited in the transaction that
 * takes the e-mail off the list. With the audit row refused, the e-mail stays where it was and nothing is posted.
 */

useAuditRefusalApp();

const stillListed = async (id: string) =>
  (await t.database.db.select().from(unmatchedEmails).where(eq(unmatchedEmails.id, id))).length === 1;
const audited = async (action: string) =>
  (await t.database.db.select().from(auditLog).where(eq(auditLog.action, action))).length;

describe(`unmatched e-mail audit rows commit with the action (${TEST_ENGINE})`, () => {
  it('an e-mail is not posted on a ticket when that cannot be audited', async () => {
    const ticket = await createTicket(t.database.db, { status: 'open' });
    const mail = await createUnmatchedEmail(t.database.db, { body: 'Adjunto el comprobante.' });
    const assign = () =>
      asAdmin({
        method: 'POST',
        url: `/api/admin/tickets/unmatched-mail/${mail.id}/assign`,
        payload: { ticketId: ticket.id, as: 'note' },
      });
    const messages = async () =>
      (await t.database.db.select().from(ticketMessages).where(eq(ticketMessages.ticketId, ticket.id)))
        .length;
    const before = await messages();

    await refuseAuditOf(t, ['tickets.unmatched-mail.assign']);
    expectRefused(await assign());
    expect(await stillListed(mail.id)).toBe(true);
    expect(await messages()).toBe(before);

    await refuseAuditOf(t, null);
    const done = await assign();
    expect(done.statusCode, done.body).toBe(200);
    expect(await stillListed(mail.id)).toBe(false);
    expect(await messages()).toBe(before + 1);
    expect(await audited('tickets.unmatched-mail.assign')).toBe(1);
  });

  it('an e-mail is not discarded when that cannot be audited', async () => {
    const mail = await createUnmatchedEmail(t.database.db, { subject: 'Oferta increíble' });
    const discard = () => asAdmin({ method: 'DELETE', url: `/api/admin/tickets/unmatched-mail/${mail.id}` });

    await refuseAuditOf(t, ['tickets.unmatched-mail.discard']);
    expectRefused(await discard());
    expect(await stillListed(mail.id)).toBe(true);

    await refuseAuditOf(t, null);
    expect((await discard()).statusCode).toBe(204);
    expect(await stillListed(mail.id)).toBe(false);
    expect(await audited('tickets.unmatched-mail.discard')).toBe(1);
    expect((await discard()).statusCode).toBe(404);
  });
});
