import { index, pgTable, primaryKey, text, uuid, varchar } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './_columns.ts';
import { users } from './auth.ts';
import { notifications } from './system.ts';

/** Operator edits of an e-mail template in one language; without a row the built-in default is used. */
export const emailTemplates = pgTable(
  'email_templates',
  {
    key: varchar('key', { length: 100 }).notNull(),
    language: varchar('language', { length: 5 }).notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.key, t.language] })],
);

/** Per-user read marks, so a notification for all staff is read by each member separately. */
export const notificationReads = pgTable(
  'notification_reads',
  {
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    readAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.notificationId, t.userId] }),
    index('notification_reads_user_idx').on(t.userId),
  ],
);
