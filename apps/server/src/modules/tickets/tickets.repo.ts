import { and, asc, count, desc, eq, ilike, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { unitOfWork, type Db, type DbOrTx } from '../../db/client.ts';
import { nextSequenceValue } from '../../db/sequences.ts';
import {
  cannedResponses,
  invoices,
  orders,
  supportTickets,
  ticketAttachments,
  ticketMessageRevisions,
  ticketMessages,
  users,
  vpsActions,
  vpsInstances,
} from '../../db/schema/index.ts';
import { createUnmatchedMailRepo } from './tickets-unmatched.repo.ts';
import { STAFF_ROLES } from './tickets.policy.ts';
import type { TAdminTicketQuery } from './tickets.schemas.ts';

export type TicketRow = typeof supportTickets.$inferSelect;
export type NewTicketRow = typeof supportTickets.$inferInsert;
export type MessageRow = typeof ticketMessages.$inferSelect;
export type AttachmentRow = typeof ticketAttachments.$inferSelect;
export type RevisionRow = typeof ticketMessageRevisions.$inferSelect;
export type CannedRow = typeof cannedResponses.$inferSelect;
export interface PersonRef {
  id: string;
  name: string;
  firstName: string;
  lastName: string;
  email: string;
  language: string;
  role: string;
  createdAt: Date;
}

/** `CV-T-000123` */
export const formatTicketNumber = (n: number) => `CV-T-${String(n).padStart(6, '0')}`;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function createTicketsRepo(db: Db) {
  const customer = alias(users, 'customer');
  const assignee = alias(users, 'assignee');
  const person = {
    id: users.id,
    name: users.name,
    firstName: users.firstName,
    lastName: users.lastName,
    email: users.email,
    language: users.language,
    role: users.role,
    createdAt: users.createdAt,
  };

  function adminFilters(q: TAdminTicketQuery): SQL[] {
    const where: SQL[] = [];
    if (q.status === 'waiting_staff') where.push(eq(supportTickets.queueRank, 0));
    else if (q.status) where.push(eq(supportTickets.status, q.status));
    if (q.priority) where.push(eq(supportTickets.priority, q.priority));
    if (q.department) where.push(eq(supportTickets.department, q.department));
    if (q.assignee === 'none') where.push(isNull(supportTickets.assigneeId));
    else if (q.assignee) where.push(eq(supportTickets.assigneeId, q.assignee));
    if (q.customerId) where.push(eq(supportTickets.userId, q.customerId));
    if (q.vpsId) where.push(eq(supportTickets.vpsInstanceId, q.vpsId));
    const text = q.q?.trim();
    if (text) {
      const pattern = `%${escapeLike(text)}%`;
      // One set of matching ticket ids, each branch served by its own index (trigram GIN on subject and message, the
      // unique number), joined to the queue: an OR over the ticket row would scan every ticket and probe its messages.
      where.push(
        sql`${supportTickets.id} in (
          select ${supportTickets.id} from ${supportTickets} where ${ilike(supportTickets.subject, pattern)}
          union select ${supportTickets.id} from ${supportTickets} where ${eq(supportTickets.number, text.toUpperCase())}
          union select ${ticketMessages.ticketId} from ${ticketMessages} where ${ilike(ticketMessages.message, pattern)}
        )`,
      );
    }
    return where;
  }

  return {
    transaction: unitOfWork(db),

    async nextNumber(tx: DbOrTx): Promise<string> {
      // One counter for all time (year 0): numbers never repeat, and customers quote them without a year.
      return formatTicketNumber(await nextSequenceValue(tx, 'ticket', 0));
    },

    async insertTicket(tx: DbOrTx, row: NewTicketRow): Promise<TicketRow> {
      const [created] = await tx.insert(supportTickets).values(row).returning();
      return created!;
    },

    async insertMessage(tx: DbOrTx, row: typeof ticketMessages.$inferInsert): Promise<MessageRow> {
      const [created] = await tx.insert(ticketMessages).values(row).returning();
      return created!;
    },

    async insertAttachments(tx: DbOrTx, rows: Array<typeof ticketAttachments.$inferInsert>) {
      if (rows.length === 0) return [];
      return tx.insert(ticketAttachments).values(rows).returning();
    },

    async find(id: string, tx: DbOrTx = db): Promise<TicketRow | undefined> {
      const [row] = await tx.select().from(supportTickets).where(eq(supportTickets.id, id));
      return row;
    },

    /** Locks the ticket row so two replies (or a reply and the auto-close) decide its status one after the other. */
    async lock(tx: DbOrTx, id: string): Promise<TicketRow | undefined> {
      const [row] = await tx.select().from(supportTickets).where(eq(supportTickets.id, id)).for('update');
      return row;
    },

    async update(tx: DbOrTx, id: string, patch: Partial<NewTicketRow>): Promise<TicketRow> {
      const [row] = await tx.update(supportTickets).set(patch).where(eq(supportTickets.id, id)).returning();
      return row!;
    },

    /** Who has read the ticket: opening it clears the unread mark of the side that opened it. */
    async markRead(id: string, by: 'customer' | 'staff'): Promise<TicketRow> {
      const [row] = await db
        .update(supportTickets)
        .set(by === 'customer' ? { customerUnread: false } : { staffUnread: false })
        .where(eq(supportTickets.id, id))
        .returning();
      return row!;
    },

    async listOwn(userId: string, q: { status?: string; limit: number; offset: number }) {
      const where = and(
        eq(supportTickets.userId, userId),
        q.status ? eq(supportTickets.status, q.status) : undefined,
      );
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(supportTickets)
          .where(where)
          .orderBy(desc(supportTickets.lastMessageAt), desc(supportTickets.id))
          .limit(q.limit)
          .offset(q.offset),
        db.select({ n: count() }).from(supportTickets).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },

    /** The staff queue: waiting on staff first, then on hold, waiting on the customer, closed; oldest wait first. */
    async listForStaff(q: TAdminTicketQuery & { limit: number; offset: number }) {
      const where = and(...adminFilters(q));
      const [rows, [total]] = await Promise.all([
        db
          .select({
            ticket: supportTickets,
            customer: { id: customer.id, name: customer.name, email: customer.email },
            assignee: { id: assignee.id, name: assignee.name },
          })
          .from(supportTickets)
          .innerJoin(customer, eq(customer.id, supportTickets.userId))
          .leftJoin(assignee, eq(assignee.id, supportTickets.assigneeId))
          .where(where)
          .orderBy(asc(supportTickets.queueRank), asc(supportTickets.statusChangedAt), asc(supportTickets.id))
          .limit(q.limit)
          .offset(q.offset),
        db.select({ n: count() }).from(supportTickets).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },

    async messages(ticketId: string, options: { includeInternal: boolean }) {
      const rows = await db
        .select({
          message: ticketMessages,
          author: { id: users.id, name: users.name, firstName: users.firstName },
        })
        .from(ticketMessages)
        .leftJoin(users, eq(users.id, ticketMessages.userId))
        .where(
          and(
            eq(ticketMessages.ticketId, ticketId),
            options.includeInternal ? undefined : eq(ticketMessages.internal, false),
          ),
        )
        .orderBy(asc(ticketMessages.seq));
      const ids = rows.map((r) => r.message.id);
      const attachments = ids.length
        ? await db
            .select()
            .from(ticketAttachments)
            .where(inArray(ticketAttachments.messageId, ids))
            .orderBy(asc(ticketAttachments.createdAt), asc(ticketAttachments.filename))
        : [];
      return { rows, attachments };
    },

    async revisions(messageIds: string[]): Promise<RevisionRow[]> {
      if (messageIds.length === 0) return [];
      return db
        .select()
        .from(ticketMessageRevisions)
        .where(inArray(ticketMessageRevisions.messageId, messageIds))
        .orderBy(asc(ticketMessageRevisions.createdAt));
    },

    async findMessage(tx: DbOrTx, ticketId: string, messageId: string): Promise<MessageRow | undefined> {
      const [row] = await tx
        .select()
        .from(ticketMessages)
        .where(and(eq(ticketMessages.id, messageId), eq(ticketMessages.ticketId, ticketId)))
        .for('update');
      return row;
    },

    async editMessage(tx: DbOrTx, message: MessageRow, text: string, editedBy: string, at: Date) {
      await tx
        .insert(ticketMessageRevisions)
        .values({ messageId: message.id, previousMessage: message.message, editedBy, createdAt: at });
      const [row] = await tx
        .update(ticketMessages)
        .set({ message: text, editedAt: at })
        .where(eq(ticketMessages.id, message.id))
        .returning();
      return row!;
    },

    async findAttachment(ticketId: string, attachmentId: string) {
      const [row] = await db
        .select({ attachment: ticketAttachments, internal: ticketMessages.internal })
        .from(ticketAttachments)
        .innerJoin(ticketMessages, eq(ticketMessages.id, ticketAttachments.messageId))
        .where(and(eq(ticketAttachments.id, attachmentId), eq(ticketAttachments.ticketId, ticketId)));
      return row;
    },

    async findByNumber(number: string): Promise<TicketRow | undefined> {
      const [row] = await db.select().from(supportTickets).where(eq(supportTickets.number, number));
      return row;
    },

    async personByEmail(email: string): Promise<PersonRef | undefined> {
      if (!email) return undefined;
      const [row] = await db
        .select(person)
        .from(users)
        .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
      return row;
    },

    ...createUnmatchedMailRepo(db),

    async person(id: string, tx: DbOrTx = db): Promise<PersonRef | undefined> {
      const [row] = await tx.select(person).from(users).where(eq(users.id, id));
      return row;
    },

    /** Everyone who answers tickets (the roles live in the policy). */
    async staff(tx: DbOrTx = db): Promise<PersonRef[]> {
      return tx
        .select(person)
        .from(users)
        .where(and(inArray(users.role, [...STAFF_ROLES]), sql`coalesce(${users.banned}, false) = false`))
        .orderBy(asc(users.name));
    },

    async ownsVps(userId: string, vpsId: string) {
      const [row] = await db
        .select({ id: vpsInstances.id, name: vpsInstances.displayName, ip: vpsInstances.ipAddress })
        .from(vpsInstances)
        .where(and(eq(vpsInstances.id, vpsId), eq(vpsInstances.userId, userId)));
      return row;
    },
    async ownsOrder(userId: string, orderId: string) {
      const [row] = await db
        .select({ id: orders.id })
        .from(orders)
        .where(and(eq(orders.id, orderId), eq(orders.userId, userId)));
      return row;
    },
    async ownsInvoice(userId: string, invoiceId: string) {
      const [row] = await db
        .select({ id: invoices.id })
        .from(invoices)
        .where(and(eq(invoices.id, invoiceId), eq(invoices.userId, userId)));
      return row;
    },

    async vps(id: string) {
      const [row] = await db.select().from(vpsInstances).where(eq(vpsInstances.id, id));
      return row;
    },

    /** What staff sees beside a ticket: the customer's services, recent invoices, and actions on the linked server. */
    async customerContext(userId: string, vpsId: string | null) {
      const [services, recentInvoices, actions] = await Promise.all([
        db
          .select()
          .from(vpsInstances)
          .where(eq(vpsInstances.userId, userId))
          .orderBy(desc(vpsInstances.createdAt))
          .limit(20),
        db
          .select()
          .from(invoices)
          .where(and(eq(invoices.userId, userId), sql`${invoices.status} <> 'draft'`))
          .orderBy(
            sql`case when ${invoices.status} in ('issued', 'overdue') then 0 else 1 end`,
            desc(invoices.createdAt),
          )
          .limit(10),
        vpsId
          ? db
              .select()
              .from(vpsActions)
              .where(eq(vpsActions.vpsInstanceId, vpsId))
              .orderBy(desc(vpsActions.requestedAt))
              .limit(10)
          : Promise.resolve([]),
      ]);
      return { services, invoices: recentInvoices, actions };
    },

    /** Tickets `answered` since before `cutoff`: closed in one statement, so a re-run or a second worker skips them. */
    async closeStaleAnswered(tx: DbOrTx, cutoff: Date, now: Date): Promise<TicketRow[]> {
      return tx
        .update(supportTickets)
        .set({ status: 'closed', closedAt: now, statusChangedAt: now, customerUnread: true })
        .where(and(eq(supportTickets.status, 'answered'), lte(supportTickets.statusChangedAt, cutoff)))
        .returning();
    },

    async unreadForCustomer(userId: string) {
      const [row] = await db
        .select({
          unread: sql<number>`count(*) filter (where ${supportTickets.customerUnread})::int`,
          waiting: sql<number>`count(*) filter (where ${supportTickets.status} = 'answered')::int`,
        })
        .from(supportTickets)
        .where(eq(supportTickets.userId, userId));
      return { unread: row?.unread ?? 0, waiting: row?.waiting ?? 0 };
    },

    async unreadForStaff() {
      const [row] = await db
        .select({
          unread: sql<number>`count(*) filter (where ${supportTickets.staffUnread} and ${supportTickets.queueRank} < 3)::int`,
          waiting: sql<number>`count(*) filter (where ${supportTickets.queueRank} = 0)::int`,
        })
        .from(supportTickets);
      return { unread: row?.unread ?? 0, waiting: row?.waiting ?? 0 };
    },

    canned: {
      list: () => db.select().from(cannedResponses).orderBy(asc(cannedResponses.title)),
      find: async (id: string) => {
        const [row] = await db.select().from(cannedResponses).where(eq(cannedResponses.id, id));
        return row;
      },
      insert: async (row: typeof cannedResponses.$inferInsert) => {
        const [created] = await db.insert(cannedResponses).values(row).returning();
        return created!;
      },
      update: async (id: string, patch: Partial<typeof cannedResponses.$inferInsert>) => {
        const [row] = await db
          .update(cannedResponses)
          .set(patch)
          .where(eq(cannedResponses.id, id))
          .returning();
        return row;
      },
      remove: async (id: string) => {
        const rows = await db.delete(cannedResponses).where(eq(cannedResponses.id, id)).returning();
        return rows.length > 0;
      },
    },
  };
}

export type TicketsRepo = ReturnType<typeof createTicketsRepo>;
