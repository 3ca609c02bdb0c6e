import type { AuditInTx } from '../../audit/audit.service.ts';
import type { Clock } from '../../lib/clock.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { offsetOf } from '../../lib/pagination.ts';
import type { SettingsService } from '../../settings/settings.service.ts';
import type { IncomingFile } from './tickets.attachments.ts';
import { renderCannedResponse } from './tickets.canned.ts';
import type { TicketNotifier } from './tickets.notify.ts';
import { isStaff } from './tickets.policy.ts';
import { presentAdminTicket, presentStaffMessage } from './tickets.presenter.ts';
import type { PersonRef, TicketRow, TicketsRepo } from './tickets.repo.ts';
import type { TAdminCreateTicket, TAdminTicketQuery, TStaffReply, TTicketPatch } from './tickets.schemas.ts';
import type { TicketsService } from './tickets.service.ts';
import { afterStaffReply } from './tickets.status.ts';

export interface TicketsStaffDeps {
  repo: TicketsRepo;
  tickets: TicketsService;
  settings: SettingsService;
  notify: TicketNotifier;
  clock: Clock;
}

/** The staff side: the queue, the full thread with internal notes, replies, edits, assignment and status. */
export function createTicketsStaffService({ repo, tickets, settings, notify, clock }: TicketsStaffDeps) {
  async function staffMember(id: string): Promise<PersonRef> {
    const person = await repo.person(id);
    if (!person || !isStaff(person)) throw notFound('Staff member');
    return person;
  }

  async function detail(ticket: TicketRow) {
    const [customer, assignee, { rows, attachments }, context, staff] = await Promise.all([
      repo.person(ticket.userId),
      ticket.assigneeId ? repo.person(ticket.assigneeId) : Promise.resolve(undefined),
      repo.messages(ticket.id, { includeInternal: true }),
      repo.customerContext(ticket.userId, ticket.vpsInstanceId),
      repo.staff(),
    ]);
    const revisions = await repo.revisions(rows.filter((r) => r.message.editedAt).map((r) => r.message.id));
    const c = customer!;
    return {
      ...presentAdminTicket(
        ticket,
        { id: c.id, name: c.name, email: c.email },
        assignee ? { id: assignee.id, name: assignee.name } : null,
        clock.now(),
      ),
      customer: { id: c.id, name: c.name, email: c.email, language: c.language, createdAt: c.createdAt },
      messages: rows.map((r) => presentStaffMessage(r.message, r.author, attachments, revisions)),
      services: context.services.map((v) => ({
        id: v.id,
        name: v.displayName ?? v.name ?? String(v.contaboInstanceId),
        ipAddress: v.ipAddress,
        status: v.status,
        serviceStatus: v.serviceStatus,
        expiresAt: v.expiresAt,
      })),
      invoices: context.invoices.map((i) => ({
        id: i.id,
        number: i.invoiceNumber,
        status: i.status,
        totalMinor: i.totalMinor,
        currency: i.currency,
        dueAt: i.dueAt,
      })),
      vpsActions: context.actions.map((a) => ({
        id: a.id,
        actionType: a.actionType,
        status: a.status,
        requestedAt: a.requestedAt,
      })),
      staff: staff.map((s) => ({ id: s.id, name: s.name })),
    };
  }

  async function found(ticketId: string) {
    const ticket = await repo.find(ticketId);
    if (!ticket) throw notFound('Ticket');
    return ticket;
  }

  /** The text of a staff reply: what staff wrote, or the canned response rendered for this ticket. */
  async function replyText(ticket: TicketRow, staff: PersonRef, body: TStaffReply) {
    if (body.message !== undefined) return body.message;
    return renderFor(body.cannedResponseId!, ticket, staff);
  }

  async function renderFor(cannedId: string, ticket: TicketRow, staff: PersonRef) {
    const canned = await repo.canned.find(cannedId);
    if (!canned) throw notFound('Canned response');
    const [customer, vps, companyName] = await Promise.all([
      repo.person(ticket.userId),
      ticket.vpsInstanceId ? repo.vps(ticket.vpsInstanceId) : Promise.resolve(undefined),
      settings.get('company.name'),
    ]);
    return renderCannedResponse(canned.body, {
      customer: customer ?? null,
      ticket,
      vps: vps ? { name: vps.displayName ?? vps.name ?? '', ip: vps.ipAddress ?? '' } : null,
      staff,
      companyName,
    });
  }

  return {
    async list(q: TAdminTicketQuery) {
      const { rows, total } = await repo.listForStaff({ ...q, limit: q.pageSize, offset: offsetOf(q) });
      const now = clock.now();
      return {
        items: rows.map((r) =>
          presentAdminTicket(r.ticket, r.customer, r.assignee?.id ? r.assignee : null, now),
        ),
        total,
      };
    },

    /** Reading the ticket marks the customer's messages as read by staff. */
    async get(ticketId: string) {
      let ticket = await found(ticketId);
      if (ticket.staffUnread) ticket = await repo.markRead(ticket.id, 'staff');
      return detail(ticket);
    },

    unread: () => repo.unreadForStaff(),

    renderCanned: async (cannedId: string, ticketId: string, staffId: string) => ({
      body: await renderFor(cannedId, await found(ticketId), await staffMember(staffId)),
    }),

    /** A public reply (e-mailed to the customer, ticket → answered) or an internal note (staff only, no change). */
    async reply(
      staffId: string,
      ticketId: string,
      body: TStaffReply,
      files: IncomingFile[],
      source: 'web' | 'email' = 'web',
    ) {
      const staff = await staffMember(staffId);
      const text = await replyText(await found(ticketId), staff, body);
      const internal = body.internal ?? false;
      const ticket = await tickets.withFiles(files, (stored) =>
        repo.transaction(async (tx) => {
          const current = await repo.lock(tx, ticketId);
          if (!current) throw notFound('Ticket');
          await tickets.writeMessage(tx, current, {
            authorId: staff.id,
            isAdmin: true,
            internal,
            text,
            source,
            files: stored,
          });
          if (internal) return current;
          const now = clock.now();
          const updated = await repo.update(tx, current.id, {
            status: afterStaffReply(current.status, internal),
            statusChangedAt: now,
            firstResponseAt: current.firstResponseAt ?? now,
            lastMessageAt: now,
            closedAt: null,
            customerUnread: true,
            staffUnread: false,
            assigneeId: current.assigneeId ?? staff.id,
            updatedAt: now,
          });
          await notify.staffReplied(tx, updated, await tickets.customerOf(updated.userId, tx), staff, text);
          return updated;
        }),
      );
      await notify.publish('ticket.message', ticket, !internal);
      return detail(ticket);
    },

    /** Opens a ticket on a customer's behalf; its first message is a staff reply the customer is e-mailed. */
    async create(
      staffId: string,
      input: TAdminCreateTicket,
      files: IncomingFile[],
      audit?: AuditInTx<{ id: string }>,
    ) {
      const staff = await staffMember(staffId);
      const customer = await repo.person(input.userId);
      if (!customer) throw notFound('Customer');
      const department = await tickets.checkDepartment(input.department);
      await tickets.checkLinks(customer.id, input);
      const ticket = await tickets.withFiles(files, (stored) =>
        repo.transaction(async (tx) => {
          const opened = await tickets.openTicket(tx, {
            customer,
            staff,
            fields: { ...input, department },
            message: {
              authorId: staff.id,
              isAdmin: true,
              internal: false,
              text: input.message,
              source: 'web',
              files: stored,
            },
          });
          if (audit) await audit(tx, opened);
          return opened;
        }),
      );
      await notify.publish('ticket.message', ticket, true);
      return detail(ticket);
    },

    async update(ticketId: string, patch: TTicketPatch, audit?: AuditInTx<{ id: string }>) {
      const department = await tickets.checkDepartment(patch.department);
      if (patch.assigneeId) await staffMember(patch.assigneeId);
      const ticket = await repo.transaction(async (tx) => {
        const current = await repo.lock(tx, ticketId);
        if (!current) throw notFound('Ticket');
        const now = clock.now();
        const statusChanged = patch.status !== undefined && patch.status !== current.status;
        const updated = await repo.update(tx, current.id, {
          ...(patch.priority ? { priority: patch.priority } : {}),
          ...(department ? { department } : {}),
          ...(patch.assigneeId !== undefined ? { assigneeId: patch.assigneeId } : {}),
          ...(statusChanged
            ? {
                status: patch.status,
                statusChangedAt: now,
                closedAt: patch.status === 'closed' ? now : null,
              }
            : {}),
          updatedAt: now,
        });
        if (audit) await audit(tx, updated);
        return updated;
      });
      await notify.publish('ticket.updated', ticket, true);
      return detail(ticket);
    },

    /** Staff may correct their own side's messages; the previous text is kept for staff to see. */
    async editMessage(
      staffId: string,
      ticketId: string,
      messageId: string,
      text: string,
      audit?: AuditInTx<{ id: string }>,
    ) {
      await staffMember(staffId);
      const ticket = await found(ticketId);
      const internal = await repo.transaction(async (tx) => {
        const message = await repo.findMessage(tx, ticketId, messageId);
        if (!message) throw notFound('Message');
        if (!message.isAdmin)
          throw conflict("Only staff messages can be edited; the customer's words stay as written");
        if (message.message === text) return message.internal;
        await repo.editMessage(tx, message, text, staffId, clock.now());
        if (audit) await audit(tx, ticket);
        return message.internal;
      });
      await notify.publish('ticket.message', ticket, !internal);
      return detail(ticket);
    },
  };
}

export type TicketsStaffService = ReturnType<typeof createTicketsStaffService>;
