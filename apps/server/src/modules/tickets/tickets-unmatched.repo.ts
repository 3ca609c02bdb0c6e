import { count, desc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.ts';
import { unmatchedEmails } from '../../db/schema/index.ts';

export type UnmatchedRow = typeof unmatchedEmails.$inferSelect;

/** The "unmatched mail" list: inbound e-mail that became no ticket message, until staff assigns or discards it. */
export function createUnmatchedMailRepo(db: Db) {
  return {
    /** Kept once per Message-ID (a message fetched twice is stored once). */
    async insertUnmatched(row: typeof unmatchedEmails.$inferInsert): Promise<void> {
      await db.insert(unmatchedEmails).values(row).onConflictDoNothing();
    },

    async listUnmatched(q: { limit: number; offset: number }) {
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(unmatchedEmails)
          .orderBy(desc(unmatchedEmails.receivedAt), desc(unmatchedEmails.id))
          .limit(q.limit)
          .offset(q.offset),
        db.select({ n: count() }).from(unmatchedEmails),
      ]);
      return { rows, total: total?.n ?? 0 };
    },

    /**
     * Takes a message off the list (delete … returning): of two staff members handling the same mail at once, only
     * one gets it; the other finds it gone.
     */
    async takeUnmatched(id: string, tx: DbOrTx = db): Promise<UnmatchedRow | undefined> {
      const [row] = await tx.delete(unmatchedEmails).where(eq(unmatchedEmails.id, id)).returning();
      return row;
    },

    /** Puts a taken message back as it was (its handling failed). */
    async restoreUnmatched(row: UnmatchedRow): Promise<void> {
      await db.insert(unmatchedEmails).values(row).onConflictDoNothing();
    },
  };
}
