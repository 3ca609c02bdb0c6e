import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '../../db/client.ts';
import type { FileStorage } from '../../integrations/storage/storage.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, conflict, notFound } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { offsetOf } from '../../lib/pagination.ts';
import type { SettingsService } from '../../settings/settings.service.ts';
import { checkAttachments, type CheckedFile, type IncomingFile } from './tickets.attachments.ts';
import type { TicketNotifier } from './tickets.notify.ts';
import { assertCanDownload, assertOwner } from './tickets.policy.ts';
import { presentCustomerMessage, presentTicket } from './tickets.presenter.ts';
import type { PersonRef, TicketRow, TicketsRepo } from './tickets.repo.ts';
import type { TCreateTicket, TTicketQuery } from './tickets.schemas.ts';
import { afterCustomerReply, canReopen } from './tickets.status.ts';

export interface TicketsServiceDeps {
  repo: TicketsRepo;
  settings: SettingsService;
  storage: FileStorage;
  notify: TicketNotifier;
  clock: Clock;
  logger: Logger;
}

export interface NewMessage {
  authorId: string | null;
  isAdmin: boolean;
  internal: boolean;
  text: string;
  source: 'web' | 'email';
  files: StoredFile[];
}
export interface StoredFile extends CheckedFile {
  key: string;
}

const validation = (field: string, message: string) =>
  new AppError('validation_error', `Invalid request: ${field}`, [{ field, message }]);

/**
 * The customer side of support tickets and the pieces staff share (storing files, writing a message, opening a
 * ticket). Status rules live in `tickets.status.ts`; who may see what in `tickets.policy.ts`.
 */
export function createTicketsService({ repo, settings, storage, notify, clock, logger }: TicketsServiceDeps) {
  async function limits() {
    const s = await settings.getMany(['tickets.maxFilesPerMessage', 'tickets.maxFileBytes']);
    return { maxFiles: s['tickets.maxFilesPerMessage'], maxBytes: s['tickets.maxFileBytes'] };
  }

  /** Checks and stores the files before the transaction; `discard` removes them if the transaction fails. */
  async function storeFiles(files: IncomingFile[]) {
    const checked = await checkAttachments(files, await limits());
    const stored: StoredFile[] = [];
    try {
      for (const file of checked) {
        const key = `tickets/${randomUUID()}`;
        await storage.put(key, file.data, file.contentType);
        stored.push({ ...file, key });
      }
    } catch (error) {
      await discard(stored);
      throw error;
    }
    return stored;
  }

  async function discard(stored: StoredFile[]) {
    for (const file of stored) {
      await storage.delete(file.key).catch((error: unknown) => {
        logger.warn({ err: error, key: file.key }, 'could not remove an orphaned attachment');
      });
    }
  }

  /** Runs `work` with the files stored; removes them again when it throws. */
  async function withFiles<T>(files: IncomingFile[], work: (stored: StoredFile[]) => Promise<T>): Promise<T> {
    const stored = await storeFiles(files);
    try {
      return await work(stored);
    } catch (error) {
      await discard(stored);
      throw error;
    }
  }

  async function writeMessage(tx: DbOrTx, ticket: TicketRow, m: NewMessage) {
    const message = await repo.insertMessage(tx, {
      ticketId: ticket.id,
      userId: m.authorId,
      message: m.text,
      isAdmin: m.isAdmin,
      internal: m.internal,
      source: m.source,
      createdAt: clock.now(),
    });
    await repo.insertAttachments(
      tx,
      m.files.map((f) => ({
        ticketId: ticket.id,
        messageId: message.id,
        filename: f.filename,
        contentType: f.contentType,
        sizeBytes: f.data.length,
        storageKey: f.key,
        createdAt: clock.now(),
      })),
    );
    return message;
  }

  async function checkDepartment(department: string | undefined) {
    if (department === undefined) return undefined;
    const allowed = await settings.get('tickets.departments');
    if (!allowed.includes(department)) {
      throw validation('body.department', `One of: ${allowed.join(', ')}`);
    }
    return department;
  }

  /** The links a ticket may carry must belong to its customer (someone else's server is "not found"). */
  async function checkLinks(userId: string, input: Pick<TCreateTicket, 'vpsId' | 'orderId' | 'invoiceId'>) {
    if (input.vpsId && !(await repo.ownsVps(userId, input.vpsId))) throw notFound('Server');
    if (input.orderId && !(await repo.ownsOrder(userId, input.orderId))) throw notFound('Order');
    if (input.invoiceId && !(await repo.ownsInvoice(userId, input.invoiceId))) throw notFound('Invoice');
  }

  /**
   * Opens a ticket with its first message, in one transaction with the staff e-mails (or, when staff opens it for a
   * customer, with the customer's e-mail).
   */
  async function openTicket(
    tx: DbOrTx,
    input: {
      customer: PersonRef;
      fields: Omit<TCreateTicket, 'message'> & { previousTicketId?: string | null };
      message: NewMessage;
      staff?: PersonRef;
    },
  ): Promise<TicketRow> {
    const now = clock.now();
    const byStaff = Boolean(input.staff);
    let ticket = await repo.insertTicket(tx, {
      number: await repo.nextNumber(tx),
      userId: input.customer.id,
      subject: input.fields.subject.trim(),
      // The first department of the setting is the default (the column's own default only covers old rows).
      department:
        input.fields.department ??
        (await settings.getMany(['tickets.departments'], tx))['tickets.departments'][0]!,
      priority: input.fields.priority ?? 'normal',
      vpsInstanceId: input.fields.vpsId ?? null,
      orderId: input.fields.orderId ?? null,
      invoiceId: input.fields.invoiceId ?? null,
      previousTicketId: input.fields.previousTicketId ?? null,
      status: byStaff ? 'answered' : 'open',
      statusChangedAt: now,
      firstResponseAt: byStaff ? now : null,
      lastMessageAt: now,
      customerUnread: byStaff,
      staffUnread: !byStaff,
      createdAt: now,
      updatedAt: now,
    });
    await writeMessage(tx, ticket, input.message);
    if (input.staff) {
      ticket = await repo.update(tx, ticket.id, { assigneeId: input.staff.id });
      await notify.staffReplied(tx, ticket, input.customer, input.staff, input.message.text);
    } else {
      await notify.newTicket(tx, ticket, input.customer, input.message.text);
    }
    return ticket;
  }

  async function detailFor(userId: string, ticket: TicketRow) {
    const [{ rows, attachments }, reopenDays] = await Promise.all([
      repo.messages(ticket.id, { includeInternal: false }),
      settings.get('tickets.reopenDays'),
    ]);
    return {
      ...presentTicket(ticket),
      canReopen: ticket.status === 'closed' && canReopen(ticket, clock.now(), reopenDays),
      messages: rows.map((r) => presentCustomerMessage(r.message, r.author, attachments, 'Soporte')),
    };
  }

  async function customerOf(userId: string, tx?: DbOrTx): Promise<PersonRef> {
    const customer = await repo.person(userId, tx);
    if (!customer) throw notFound('Customer');
    return customer;
  }

  return {
    withFiles,
    writeMessage,
    openTicket,
    checkDepartment,
    checkLinks,
    customerOf,

    async create(userId: string, input: TCreateTicket, files: IncomingFile[]) {
      const department = await checkDepartment(input.department);
      await checkLinks(userId, input);
      const customer = await customerOf(userId);
      const ticket = await withFiles(files, (stored) =>
        repo.transaction((tx) =>
          openTicket(tx, {
            customer,
            fields: { ...input, department },
            message: {
              authorId: userId,
              isAdmin: false,
              internal: false,
              text: input.message,
              source: 'web',
              files: stored,
            },
          }),
        ),
      );
      await notify.publish('ticket.message', ticket, true);
      return detailFor(userId, ticket);
    },

    async list(userId: string, q: TTicketQuery) {
      const { rows, total } = await repo.listOwn(userId, {
        status: q.status,
        limit: q.pageSize,
        offset: offsetOf(q),
      });
      return { items: rows.map(presentTicket), total };
    },

    /** Reading the ticket marks the staff's replies as read. */
    async get(userId: string, ticketId: string) {
      let ticket = assertOwner(await repo.find(ticketId), userId);
      if (ticket.customerUnread) ticket = await repo.markRead(ticket.id, 'customer');
      return detailFor(userId, ticket);
    },

    unread: (userId: string) => repo.unreadForCustomer(userId),

    /** The departments a ticket may be filed under, from the settings registry. */
    departments: () => settings.get('tickets.departments'),

    /**
     * The customer's reply (from the web or by e-mail): reopens a recently closed ticket, or starts a new one that
     * references it when it was closed too long ago. Returns the ticket the message landed on.
     */
    async reply(
      userId: string,
      ticketId: string,
      text: string,
      files: IncomingFile[],
      source: 'web' | 'email' = 'web',
    ) {
      assertOwner(await repo.find(ticketId), userId);
      const customer = await customerOf(userId);
      const reopenDays = await settings.get('tickets.reopenDays');
      const ticket = await withFiles(files, (stored) =>
        repo.transaction(async (tx) => {
          const current = assertOwner(await repo.lock(tx, ticketId), userId);
          const now = clock.now();
          const message: NewMessage = {
            authorId: userId,
            isAdmin: false,
            internal: false,
            text,
            source,
            files: stored,
          };
          const outcome = afterCustomerReply(current, now, reopenDays);
          if (outcome.kind === 'new_ticket') {
            return openTicket(tx, {
              customer,
              fields: {
                subject: current.subject,
                department: current.department,
                priority: current.priority as TCreateTicket['priority'],
                vpsId: current.vpsInstanceId,
                orderId: current.orderId,
                invoiceId: current.invoiceId,
                previousTicketId: current.id,
              },
              message,
            });
          }
          await writeMessage(tx, current, message);
          const changed = outcome.status !== current.status;
          const updated = await repo.update(tx, current.id, {
            status: outcome.status,
            ...(changed ? { statusChangedAt: now } : {}),
            ...(outcome.reopened ? { closedAt: null, rating: null, ratingComment: null, ratedAt: null } : {}),
            lastMessageAt: now,
            staffUnread: true,
            updatedAt: now,
          });
          await notify.customerReplied(tx, updated, customer, text);
          return updated;
        }),
      );
      await notify.publish('ticket.message', ticket, true);
      return detailFor(userId, ticket);
    },

    async close(userId: string, ticketId: string) {
      const ticket = await repo.transaction(async (tx) => {
        const current = assertOwner(await repo.lock(tx, ticketId), userId);
        if (current.status === 'closed') return current;
        const now = clock.now();
        return repo.update(tx, current.id, {
          status: 'closed',
          closedAt: now,
          statusChangedAt: now,
          updatedAt: now,
        });
      });
      await notify.publish('ticket.updated', ticket, true);
      return detailFor(userId, ticket);
    },

    async rate(userId: string, ticketId: string, input: { rating: number; comment?: string }) {
      const ticket = await repo.transaction(async (tx) => {
        const current = assertOwner(await repo.lock(tx, ticketId), userId);
        if (current.status !== 'closed') {
          throw new AppError('invalid_transition', 'A ticket can be rated once it is closed');
        }
        if (current.rating !== null) throw conflict('This ticket has already been rated');
        return repo.update(tx, current.id, {
          rating: input.rating,
          ratingComment: input.comment?.trim() || null,
          ratedAt: clock.now(),
        });
      });
      await notify.publish('ticket.updated', ticket, true);
      return detailFor(userId, ticket);
    },

    /** The bytes of an attachment, for the ticket's owner or staff (checked by the policy). */
    async download(user: { id: string; role: string }, ticketId: string, attachmentId: string) {
      const ticket = await repo.find(ticketId);
      const found = await repo.findAttachment(ticketId, attachmentId);
      assertCanDownload(user, ticket, found);
      const attachment = found!.attachment;
      return {
        filename: attachment.filename,
        contentType: attachment.contentType,
        body: await storage.get(attachment.storageKey),
      };
    },
  };
}

export type TicketsService = ReturnType<typeof createTicketsService>;
