import type { DbOrTx, Tx } from '../../db/client.ts';
import { simpleParser, type AddressObject } from 'mailparser';
import { z } from 'zod';
import { checkImapAccount, fetchUnseenMessages, type ImapCheck } from '../../integrations/mail-inbox/imap.ts';
import { defineJob } from '../../jobs/queue.ts';
import { AppError, badRequest, notFound } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import type { SettingValue } from '../../settings/settings.registry.ts';
import type { SettingsService } from '../../settings/settings.service.ts';
import { isStaff } from './tickets.policy.ts';
import type { ReplyAddressSigner } from './tickets.reply-address.ts';
import { stripQuotedReply } from './tickets.reply-address.ts';
import type { UnmatchedRow } from './tickets-unmatched.repo.ts';
import type { TicketsRepo } from './tickets.repo.ts';
import type { TicketsService } from './tickets.service.ts';
import type { TicketsStaffService } from './tickets.staff.ts';

export type InboundOutcome =
  | { outcome: 'matched'; ticketId: string; as: 'customer' | 'staff' }
  | { outcome: 'unmatched'; reason: string };

const addressesOf = (value: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((o) => o.value.map((a) => a.address ?? ''));

// eslint-disable-next-line no-control-regex
const clean = (s: string, max: number) => s.replace(/\u0000/g, '').slice(0, max);

/**
 * Reply by e-mail. A message to a ticket's signed reply address from the ticket's owner (or from staff) becomes a
 * message on that ticket, with its quoted history stripped and its attachments kept (checked like uploads). Anything
 * else — unsigned or forged address, unknown ticket, another sender, refused attachment — is kept for staff in
 * "unmatched mail", never dropped.
 */
export function createInboundMail(deps: {
  repo: TicketsRepo;
  tickets: TicketsService;
  staff: TicketsStaffService;
  settings: SettingsService;
  signer: ReplyAddressSigner;
  logger: Logger;
}) {
  async function process(raw: Buffer): Promise<InboundOutcome> {
    const mail = await simpleParser(raw);
    const { address: base } = await deps.settings.get('tickets.inbound');
    const from = (mail.from?.value[0]?.address ?? '').toLowerCase();
    const recipients = [
      ...addressesOf(mail.to),
      ...addressesOf(mail.cc),
      ...['delivered-to', 'x-original-to'].map((h) => String(mail.headers.get(h) ?? '')),
    ].filter(Boolean);
    const unmatched = async (reason: string): Promise<InboundOutcome> => {
      await deps.repo.insertUnmatched({
        fromAddress: clean(from || '(sin remitente)', 255),
        toAddress: clean(recipients.join(', ') || '(sin destinatario)', 500),
        subject: clean(mail.subject ?? '', 255),
        body: clean(mail.text ?? '', 100_000),
        messageId: mail.messageId ? clean(mail.messageId, 255) : null,
        reason,
      });
      deps.logger.info({ reason }, 'inbound e-mail kept as unmatched');
      return { outcome: 'unmatched', reason };
    };

    const parsed = base ? recipients.map((r) => deps.signer.parse(base, r)).filter((p) => p !== null) : [];
    const target = parsed.find((p) => p !== 'forged');
    if (!target) return unmatched(parsed.length ? 'forged' : 'unsigned');
    const ticket = await deps.repo.findByNumber(target.number);
    if (!ticket) return unmatched('unknown_ticket');
    const text = stripQuotedReply(clean(mail.text ?? '', 200_000)).slice(0, 20_000);
    if (!text) return unmatched('empty');
    const files = (mail.attachments ?? [])
      .filter((a) => a.contentDisposition !== 'inline' || !a.cid)
      .map((a) => ({ filename: a.filename ?? 'adjunto', data: a.content }));

    const owner = await deps.repo.person(ticket.userId);
    const sender = owner && owner.email.toLowerCase() === from ? owner : await deps.repo.personByEmail(from);
    try {
      if (sender && sender.id === ticket.userId) {
        const landed = await deps.tickets.reply(sender.id, ticket.id, text, files, 'email');
        return { outcome: 'matched', ticketId: landed.id, as: 'customer' };
      }
      if (sender && isStaff(sender)) {
        await deps.staff.reply(sender.id, ticket.id, { message: text }, files, 'email');
        return { outcome: 'matched', ticketId: ticket.id, as: 'staff' };
      }
    } catch (error) {
      // A refused attachment (type, size, count) or text: staff still gets to read the message.
      if (error instanceof AppError && error.status < 500) return unmatched('rejected_attachment');
      throw error;
    }
    return unmatched('unknown_sender');
  }

  /** What staff sees of the mailbox settings: never the password, only whether one is stored. */
  async function mailSettings() {
    const { password, ...rest } = await deps.settings.get('tickets.inbound');
    return {
      ...rest,
      enabled: Boolean(rest.address && rest.host && rest.user),
      passwordSet: password !== '',
    };
  }

  /** Takes an unmatched e-mail off the list and writes its audit row in the same transaction. */
  async function takeAudited(id: string, audit?: (tx: Tx, mail: UnmatchedRow) => Promise<void>) {
    return deps.repo.transaction(async (tx) => {
      const mail = await deps.repo.takeUnmatched(id, tx);
      if (!mail) throw notFound('E-mail');
      await audit?.(tx, mail);
      return mail;
    });
  }

  return {
    process,
    mailSettings,

    /** Saves the mailbox settings; a missing password keeps the stored one. */
    async saveMailSettings(
      input: Omit<SettingValue<'tickets.inbound'>, 'password'> & { password?: string },
      actorId: string,
      audit?: (tx: DbOrTx) => Promise<void>,
    ) {
      const current = await deps.settings.get('tickets.inbound');
      // Saved with the admin's audit row or not at all (#15-7).
      await deps.settings.setMany(
        [['tickets.inbound', { ...input, password: input.password ?? current.password }]],
        actorId,
        audit,
      );
      return mailSettings();
    },

    async unmatched(q: { page: number; pageSize: number }) {
      const { rows, total } = await deps.repo.listUnmatched({
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return {
        items: rows.map((r) => ({
          id: r.id,
          fromAddress: r.fromAddress,
          toAddress: r.toAddress,
          subject: r.subject,
          body: r.body,
          reason: r.reason,
          receivedAt: r.receivedAt,
        })),
        total,
      };
    },

    /**
     * Tries the mailbox settings without saving them: the stored ones, with whatever the form changed laid over them
     * (a missing password means the stored one).
     */
    async testMailSettings(
      input: Partial<Omit<SettingValue<'tickets.inbound'>, 'password'> & { password: string }>,
    ): Promise<ImapCheck | { ok: false; reason: 'not_configured'; message: string }> {
      const stored = await deps.settings.get('tickets.inbound');
      const account = { ...stored, ...input, password: input.password ?? stored.password };
      if (!account.host || !account.user) {
        return { ok: false, reason: 'not_configured', message: 'Set the IMAP host and user first' };
      }
      return checkImapAccount(account);
    },

    /**
     * Staff puts an unmatched e-mail on a ticket: as the ticket owner's reply (the same path as a matched reply, so a
     * closed ticket reopens or continues in a new one) or as an internal note that quotes the sender. The mail leaves
     * the list; if posting fails it is put back.
     */
    /**
     * Posts an unmatched e-mail on a ticket. Taking it off the list and the staff member's audit row (`audit`) commit
     * together, so an unauditable assignment never happens (#15-7); a failed post puts the e-mail back.
     */
    async assignUnmatched(
      id: string,
      input: { ticketId: string; as: 'customer' | 'note' },
      staffId: string,
      audit?: (tx: Tx, mail: UnmatchedRow) => Promise<void>,
    ) {
      const mail = await takeAudited(id, audit);
      try {
        const ticket = await deps.repo.find(input.ticketId);
        if (!ticket) throw notFound('Ticket');
        if (input.as === 'customer') {
          const text = (stripQuotedReply(mail.body) || mail.body.trim()).slice(0, 20_000);
          if (!text) throw badRequest('The e-mail has no text to post');
          const landed = await deps.tickets.reply(ticket.userId, ticket.id, text, [], 'email');
          return { ticketId: landed.id, mail };
        }
        const header = `E-mail de ${mail.fromAddress} — ${mail.subject || '(sin asunto)'}`;
        const note = `${header}\n\n${mail.body.trim()}`.slice(0, 20_000);
        await deps.staff.reply(staffId, ticket.id, { message: note, internal: true }, [], 'email');
        return { ticketId: ticket.id, mail };
      } catch (error) {
        await deps.repo.restoreUnmatched(mail);
        throw error;
      }
    },

    /** Staff decided an unmatched e-mail needs nothing (spam, an auto-reply): it leaves the list, audited together. */
    async discardUnmatched(id: string, audit?: (tx: Tx, mail: UnmatchedRow) => Promise<void>) {
      return takeAudited(id, audit);
    },

    /** The IMAP account when reply by e-mail is configured; `null` means the feature is off. */
    async account() {
      const s = await deps.settings.get('tickets.inbound');
      return s.address && s.host && s.user ? s : null;
    },

    /** One polling pass (the `tickets.fetch-mail` job): no-op while the feature is off. */
    async fetch(): Promise<{ handled: number } | { off: true }> {
      const account = await this.account();
      if (!account) return { off: true };
      const handled = await fetchUnseenMessages(account, async (raw) => {
        await process(raw);
      });
      return { handled };
    },
  };
}

export type InboundMail = ReturnType<typeof createInboundMail>;

export const fetchTicketMailJob = (inbound: InboundMail) =>
  defineJob({
    name: 'tickets.fetch-mail',
    payload: z.object({}).passthrough(),
    cron: '* * * * *',
    retryLimit: 0,
    handler: async () => {
      await inbound.fetch();
    },
  });
