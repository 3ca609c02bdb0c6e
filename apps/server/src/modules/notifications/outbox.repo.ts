import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { unitOfWork, type Db, type DbOrTx } from '../../db/client.ts';
import { emailOutbox } from '../../db/schema/index.ts';

export type OutboxRow = typeof emailOutbox.$inferSelect;
export type OutboxInsert = typeof emailOutbox.$inferInsert;

export function createOutboxRepo(db: Db) {
  return {
    transaction: unitOfWork(db),

    async insert(values: OutboxInsert, tx: DbOrTx = db): Promise<OutboxRow> {
      const [row] = await tx.insert(emailOutbox).values(values).returning();
      return row!;
    },

    async find(id: string): Promise<OutboxRow | undefined> {
      const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
      return row;
    },

    async markDelivered(id: string, status: 'sent' | 'kept', at: Date): Promise<void> {
      await db
        .update(emailOutbox)
        .set({
          status,
          sentAt: status === 'sent' ? at : null,
          attempts: sql`${emailOutbox.attempts} + 1`,
          lastError: null,
        })
        .where(eq(emailOutbox.id, id));
    },

    async markAttemptFailed(id: string, error: string, final: boolean): Promise<void> {
      await db
        .update(emailOutbox)
        .set({
          attempts: sql`${emailOutbox.attempts} + 1`,
          lastError: error.slice(0, 1000),
          ...(final ? { status: 'failed' } : {}),
        })
        .where(eq(emailOutbox.id, id));
    },

    async list(q: { status?: string; to?: string; limit: number; offset: number }) {
      const where: SQL | undefined = and(
        q.status ? eq(emailOutbox.status, q.status) : undefined,
        q.to ? eq(sql`lower(${emailOutbox.toAddress})`, q.to.toLowerCase()) : undefined,
      );
      const [rows, [totals]] = await Promise.all([
        db
          .select()
          .from(emailOutbox)
          .where(where)
          .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
          .limit(q.limit)
          .offset(q.offset),
        db.select({ total: count() }).from(emailOutbox).where(where),
      ]);
      return { rows, total: totals?.total ?? 0 };
    },
  };
}

export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
