import { and, asc, desc, eq, gt, like, lt, ne, sql } from 'drizzle-orm';
import { unitOfWork, type Db } from '../../db/client.ts';
import {
  accounts,
  retiredSessionTokens,
  sessions,
  usedTotpCodes,
  users,
  verifications,
} from '../../db/schema/index.ts';
import { hashVerificationIdentifier, sha256Hex } from './auth.token-hash.ts';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

/** The accounts domain's own queries; everything about passwords, tokens and TOTP goes through better-auth. */
export function createAuthRepo(db: Db) {
  // Every authenticated request runs this one: prepared once (built once here, parsed once per connection by
  // PostgreSQL) instead of building the same SQL from the query builder on each request.
  const liveSession = db
    .select({
      session: {
        id: sessions.id,
        token: sessions.token,
        expiresAt: sessions.expiresAt,
        updatedAt: sessions.updatedAt,
        userId: sessions.userId,
        impersonatedBy: sessions.impersonatedBy,
      },
      // Only what the guard reads: every authenticated request runs this, and each column is parsed and mapped.
      user: {
        id: users.id,
        role: users.role,
        email: users.email,
        emailVerified: users.emailVerified,
        twoFactorEnabled: users.twoFactorEnabled,
        banned: users.banned,
        banExpires: users.banExpires,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sql.placeholder('sessionId')), gt(sessions.expiresAt, sql.placeholder('now'))))
    .prepare('auth_live_session');
  const userById = db
    .select()
    .from(users)
    .where(eq(users.id, sql.placeholder('id')))
    .prepare('auth_user_by_id');

  return {
    transaction: unitOfWork(db),

    async findUserById(id: string): Promise<UserRow | undefined> {
      const [row] = await userById.execute({ id });
      return row;
    },

    async findUserByEmail(email: string): Promise<UserRow | undefined> {
      const [row] = await db
        .select()
        .from(users)
        .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
      return row;
    },

    async anyAdmin(): Promise<boolean> {
      const [row] = await db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).limit(1);
      return Boolean(row);
    },

    async updateUser(id: string, values: Partial<typeof users.$inferInsert>): Promise<UserRow | undefined> {
      const [row] = await db.update(users).set(values).where(eq(users.id, id)).returning();
      return row;
    },

    /** A session that has not expired at `now`, with the fields of its user the guard needs. */
    async findLiveSession(sessionId: string, now: Date) {
      const [row] = await liveSession.execute({ sessionId, now });
      return row;
    },

    /** The session of a plaintext token (stored as its SHA-256). */
    async findSessionByToken(token: string): Promise<SessionRow | undefined> {
      const [row] = await db
        .select()
        .from(sessions)
        .where(eq(sessions.token, sha256Hex(token)));
      return row;
    },

    /**
     * Rotates a refresh token, atomically: the session that holds `oldToken` now holds `newToken`, and the old hash is
     * retired. Undefined when no live session holds `oldToken` (unknown, expired, or a concurrent rotation won).
     */
    async rotateSessionToken(oldToken: string, newToken: string, now: Date) {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(sessions)
          .set({ token: sha256Hex(newToken), updatedAt: now })
          .where(and(eq(sessions.token, sha256Hex(oldToken)), gt(sessions.expiresAt, now)))
          .returning({ id: sessions.id, userId: sessions.userId });
        if (!row) return undefined;
        await tx
          .insert(retiredSessionTokens)
          .values({ tokenHash: sha256Hex(oldToken), sessionId: row.id, retiredAt: now })
          .onConflictDoNothing();
        return row;
      });
    },

    /** The session a retired (already rotated) refresh token belonged to, if that session still exists. */
    async sessionOfRetiredToken(token: string): Promise<{ sessionId: string; userId: string } | undefined> {
      const [row] = await db
        .select({ sessionId: sessions.id, userId: sessions.userId })
        .from(retiredSessionTokens)
        .innerJoin(sessions, eq(sessions.id, retiredSessionTokens.sessionId))
        .where(eq(retiredSessionTokens.tokenHash, sha256Hex(token)));
      return row;
    },

    /**
     * Records "last used" at most once a minute per session. The request that moves it waits for the write, but not
     * for the disk: `synchronous_commit` is off for this statement's own transaction only (a crash within the WAL
     * writer's delay may lose this write: "last used" then shows a minute older; nothing else). Visibility is
     * unchanged, so the next request reads the new value.
     */
    async touchSession(sessionId: string, now: Date): Promise<void> {
      await db
        .update(sessions)
        .set({ updatedAt: now })
        .where(
          and(
            eq(sessions.id, sessionId),
            lt(sessions.updatedAt, new Date(now.getTime() - 60_000)),
            sql`set_config('synchronous_commit', 'off', true) = 'off'`,
          ),
        );
    },

    async listLiveSessions(userId: string, now: Date): Promise<SessionRow[]> {
      return db
        .select()
        .from(sessions)
        .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
        .orderBy(desc(sessions.updatedAt), asc(sessions.id));
    },

    async deleteSession(userId: string, sessionId: string): Promise<boolean> {
      const rows = await db
        .delete(sessions)
        .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
        .returning({ id: sessions.id });
      return rows.length > 0;
    },

    async deleteSessions(userId: string, exceptSessionId?: string): Promise<number> {
      const rows = await db
        .delete(sessions)
        .where(
          and(eq(sessions.userId, userId), exceptSessionId ? ne(sessions.id, exceptSessionId) : undefined),
        )
        .returning({ id: sessions.id });
      return rows.length;
    },

    /** Who a password-reset token belongs to (for the audit row), without consuming it. */
    async resetTokenOwner(token: string): Promise<string | undefined> {
      const [row] = await db
        .select({ value: verifications.value })
        .from(verifications)
        .where(eq(verifications.identifier, hashVerificationIdentifier(`reset-password:${token}`)));
      return row?.value;
    },

    /**
     * Spends every password-reset link of the account (after a reset, a password change or an e-mail change): an
     * old link must never set the password again.
     */
    async deleteResetTokens(userId: string): Promise<number> {
      const rows = await db
        .delete(verifications)
        .where(and(like(verifications.identifier, 'reset-password:%'), eq(verifications.value, userId)))
        .returning({ id: verifications.id });
      return rows.length;
    },

    /**
     * Claims a TOTP code for the user, atomically: false when the same code was already claimed within `windowMs`
     * (a replay, RFC 6238 §5.2), true otherwise. Two parallel requests with one code: exactly one gets true.
     */
    async claimTotpCode(userId: string, code: string, now: Date, windowMs: number): Promise<boolean> {
      const rows = await db
        .insert(usedTotpCodes)
        .values({ userId, code, usedAt: now })
        .onConflictDoUpdate({
          target: [usedTotpCodes.userId, usedTotpCodes.code],
          set: { usedAt: now },
          setWhere: lt(usedTotpCodes.usedAt, new Date(now.getTime() - windowMs)),
        })
        .returning({ userId: usedTotpCodes.userId });
      await db
        .delete(usedTotpCodes)
        .where(
          and(eq(usedTotpCodes.userId, userId), lt(usedTotpCodes.usedAt, new Date(now.getTime() - windowMs))),
        );
      return rows.length > 0;
    },

    async hasPassword(userId: string): Promise<boolean> {
      const [row] = await db
        .select({ id: accounts.id })
        .from(accounts)
        .where(and(eq(accounts.userId, userId), eq(accounts.providerId, 'credential')));
      return Boolean(row);
    },
  };
}

export type AuthRepo = ReturnType<typeof createAuthRepo>;
