import { boolean, index, pgTable, text, uuid, varchar } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt } from './_columns.ts';
import { users } from './auth.ts';
import { vpsInstances } from './vps.ts';

export const supportTickets = pgTable(
  'support_tickets',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    vpsInstanceId: uuid('vps_instance_id').references(() => vpsInstances.id),
    subject: varchar('subject', { length: 200 }).notNull(),
    /** open | answered | customer_reply | closed */
    status: varchar('status', { length: 20 }).notNull().default('open'),
    /** low | normal | high | urgent */
    priority: varchar('priority', { length: 10 }).notNull().default('normal'),
    lastMessageAt: tstz('last_message_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    closedAt: tstz('closed_at'),
  },
  (t) => [
    index('support_tickets_user_idx').on(t.userId, t.updatedAt),
    index('support_tickets_status_idx').on(t.status),
  ],
);

export const ticketMessages = pgTable(
  'ticket_messages',
  {
    id: id(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => supportTickets.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id),
    message: text('message').notNull(),
    isAdmin: boolean('is_admin').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('ticket_messages_ticket_idx').on(t.ticketId, t.createdAt)],
);
