import { index, pgTable, primaryKey, uuid, varchar } from 'drizzle-orm/pg-core';
import { tstz } from './_columns.ts';
import { sessions, users } from './auth.ts';

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

/**
 * Refresh tokens a session has rotated away from (SHA-256 hashes only). Presenting one again means the token was
 * copied: the whole session (every token descended from that login) is revoked (#15-8).
 */
export const retiredSessionTokens = pgTable(
  'retired_session_tokens',
  {
    tokenHash: varchar('token_hash', { length: 64 }).primaryKey(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    retiredAt: tstz('retired_at').notNull(),
  },
  (t) => [index('retired_session_tokens_session_idx').on(t.sessionId)],
);
