import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { vpsConsoleSessions } from '../../db/schema/index.ts';

export type ConsoleSessionRow = typeof vpsConsoleSessions.$inferSelect;

/** Console tickets and the audit of the sessions they opened. */
export function createConsoleRepo(db: Db) {
  return {
    async insertTicket(row: typeof vpsConsoleSessions.$inferInsert): Promise<ConsoleSessionRow> {
      const [inserted] = await db.insert(vpsConsoleSessions).values(row).returning();
      return inserted!;
    },

    /** Marks a ticket used, once: unknown, used, expired or another VPS's ticket → undefined. */
    async claimTicket(vpsId: string, ticketHash: string, now: Date): Promise<ConsoleSessionRow | undefined> {
      const [row] = await db
        .update(vpsConsoleSessions)
        .set({ startedAt: now })
        .where(
          and(
            eq(vpsConsoleSessions.ticketHash, ticketHash),
            eq(vpsConsoleSessions.vpsInstanceId, vpsId),
            isNull(vpsConsoleSessions.startedAt),
            gt(vpsConsoleSessions.expiresAt, now),
          ),
        )
        .returning();
      return row;
    },

    async endSession(
      id: string,
      patch: Pick<ConsoleSessionRow, 'endedAt' | 'bytesToServer' | 'bytesToClient' | 'endReason'>,
    ): Promise<void> {
      await db.update(vpsConsoleSessions).set(patch).where(eq(vpsConsoleSessions.id, id));
    },

    async session(id: string): Promise<ConsoleSessionRow | undefined> {
      const [row] = await db.select().from(vpsConsoleSessions).where(eq(vpsConsoleSessions.id, id));
      return row;
    },
  };
}

export type ConsoleRepo = ReturnType<typeof createConsoleRepo>;
