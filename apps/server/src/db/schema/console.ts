import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './_columns.ts';
import { users } from './auth.ts';

/** Internal notes the staff keep about a customer (never shown to the customer). */
export const customerNotes = pgTable(
  'customer_notes',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('customer_notes_user_idx').on(t.userId, t.createdAt)],
);
