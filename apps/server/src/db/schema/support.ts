import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  smallint,
  text,
  uniqueIndex,
  uuid,
  varchar,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt } from './_columns.ts';
import { users } from './auth.ts';
import { invoices } from './billing.ts';
import { orders } from './orders.ts';
import { vpsInstances } from './vps.ts';

/**
 * Support tickets. `status_changed_at` is when the ticket entered its status: for `open`/`customer_reply` that is how
 * long the customer has waited on staff, for `answered` how long staff has waited on the customer (auto-close).
 */
export const supportTickets = pgTable(
  'support_tickets',
  {
    id: id(),
    /** `CV-T-000123`: unique, quoted by customers. */
    number: varchar('number', { length: 20 }).notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    vpsInstanceId: uuid('vps_instance_id').references(() => vpsInstances.id),
    orderId: uuid('order_id').references(() => orders.id),
    invoiceId: uuid('invoice_id').references(() => invoices.id),
    /** A customer reply to a ticket closed too long ago opens a new ticket that points back here. */
    previousTicketId: uuid('previous_ticket_id').references((): AnyPgColumn => supportTickets.id),
    subject: varchar('subject', { length: 200 }).notNull(),
    /** technical | billing | sales (the list lives in the settings registry) */
    department: varchar('department', { length: 30 }).notNull().default('technical'),
    /** open | answered | customer_reply | on_hold | closed */
    status: varchar('status', { length: 20 }).notNull().default('open'),
    /** low | normal | high | urgent */
    priority: varchar('priority', { length: 10 }).notNull().default('normal'),
    /** 0 waiting on staff (open, customer_reply), 1 on hold, 2 waiting on the customer, 3 closed: the queue's order. */
    queueRank: smallint('queue_rank')
      .notNull()
      .generatedAlwaysAs(
        sql`case status when 'open' then 0 when 'customer_reply' then 0 when 'on_hold' then 1 when 'answered' then 2 else 3 end`,
      ),
    assigneeId: uuid('assignee_id').references(() => users.id),
    statusChangedAt: tstz('status_changed_at').notNull().defaultNow(),
    firstResponseAt: tstz('first_response_at'),
    lastMessageAt: tstz('last_message_at'),
    /** Something new for the customer (a staff reply) / for staff (a customer message) since they last looked. */
    customerUnread: boolean('customer_unread').notNull().default(false),
    staffUnread: boolean('staff_unread').notNull().default(true),
    rating: smallint('rating'),
    ratingComment: text('rating_comment'),
    ratedAt: tstz('rated_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    closedAt: tstz('closed_at'),
  },
  (t) => [
    uniqueIndex('support_tickets_number_unique').on(t.number),
    index('support_tickets_user_idx').on(t.userId, t.lastMessageAt),
    index('support_tickets_queue_idx').on(t.queueRank, t.statusChangedAt),
    index('support_tickets_status_idx').on(t.status, t.statusChangedAt),
    index('support_tickets_assignee_idx').on(t.assigneeId, t.queueRank, t.statusChangedAt),
    // The queue filtered by priority ("urgent first"): its page and its total without walking the whole queue.
    index('support_tickets_priority_idx').on(t.priority, t.queueRank, t.statusChangedAt),
    index('support_tickets_vps_idx').on(t.vpsInstanceId),
  ],
);

export const ticketMessages = pgTable(
  'ticket_messages',
  {
    id: id(),
    /** Insertion order: messages written in the same millisecond still read in the order they were written. */
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => supportTickets.id, { onDelete: 'cascade' }),
    /** The author; null for messages the system writes. */
    userId: uuid('user_id').references(() => users.id),
    message: text('message').notNull(),
    /** Written by staff (shown on the staff side of the conversation). */
    isAdmin: boolean('is_admin').notNull().default(false),
    /** Staff-only note: never shown or sent to the customer. */
    internal: boolean('internal').notNull().default(false),
    /** web | email */
    source: varchar('source', { length: 10 }).notNull().default('web'),
    editedAt: tstz('edited_at'),
    createdAt: createdAt(),
  },
  (t) => [index('ticket_messages_ticket_idx').on(t.ticketId, t.seq)],
);

/** The text a message had before each edit (admins see it; customers see only that it was edited). */
export const ticketMessageRevisions = pgTable(
  'ticket_message_revisions',
  {
    id: id(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => ticketMessages.id, { onDelete: 'cascade' }),
    previousMessage: text('previous_message').notNull(),
    editedBy: uuid('edited_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('ticket_message_revisions_message_idx').on(t.messageId, t.createdAt)],
);

/** Files attached to a message; the bytes live in the storage adapter under `storage_key`. */
export const ticketAttachments = pgTable(
  'ticket_attachments',
  {
    id: id(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => supportTickets.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id')
      .notNull()
      .references(() => ticketMessages.id, { onDelete: 'cascade' }),
    filename: varchar('filename', { length: 255 }).notNull(),
    /** Sniffed from the content, never taken from the upload. */
    contentType: varchar('content_type', { length: 100 }).notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    storageKey: varchar('storage_key', { length: 300 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('ticket_attachments_message_idx').on(t.messageId)],
);

/** Staff's saved replies; `{{customer.firstName}}`-style variables are filled in when inserted into a ticket. */
export const cannedResponses = pgTable('canned_responses', {
  id: id(),
  title: varchar('title', { length: 120 }).notNull(),
  body: text('body').notNull(),
  department: varchar('department', { length: 30 }),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Inbound e-mail that could not become a ticket message (unsigned or forged address, unknown sender): staff reads it. */
export const unmatchedEmails = pgTable(
  'unmatched_emails',
  {
    id: id(),
    fromAddress: varchar('from_address', { length: 255 }).notNull(),
    toAddress: varchar('to_address', { length: 500 }).notNull(),
    subject: varchar('subject', { length: 255 }).notNull(),
    body: text('body').notNull(),
    /** The Message-ID header, so the same message fetched twice is stored once. */
    messageId: varchar('message_id', { length: 255 }),
    /** unsigned | forged | unknown_ticket | unknown_sender | rejected_attachment */
    reason: varchar('reason', { length: 30 }).notNull(),
    receivedAt: createdAt(),
  },
  (t) => [
    index('unmatched_emails_received_idx').on(t.receivedAt),
    uniqueIndex('unmatched_emails_message_id_unique').on(t.messageId),
  ],
);
