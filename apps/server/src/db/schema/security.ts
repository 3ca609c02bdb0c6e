import { pgTable, primaryKey, uuid, varchar } from 'drizzle-orm/pg-core';
import { tstz } from './_columns.ts';
import { users } from './auth.ts';

/**
 * TOTP codes already accepted, kept for the code's validity window so the same code cannot be used twice
 * (RFC 6238 §5.2). One row per user and code; a claim after the window reuses the row.
 */
export const usedTotpCodes = pgTable(
  'used_totp_codes',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    code: varchar('code', { length: 10 }).notNull(),
    usedAt: tstz('used_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.code] })],
);
