import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { auditLog } from '../db/schema/index.ts';

export type AuditRow = typeof auditLog.$inferSelect;

export function createAuditRepo(db: Db) {
  return {
    async insert(values: typeof auditLog.$inferInsert, tx: DbOrTx = db): Promise<void> {
      await tx.insert(auditLog).values(values);
    },

    async list(q: {
      action?: string;
      actorId?: string;
      entityType?: string;
      entityId?: string;
      limit: number;
      offset: number;
    }) {
      const where: SQL | undefined = and(
        q.action ? eq(auditLog.action, q.action) : undefined,
        q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
        q.entityType ? eq(auditLog.entityType, q.entityType) : undefined,
        q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
      );
      const [rows, [totals]] = await Promise.all([
        db
          .select()
          .from(auditLog)
          .where(where)
          .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
          .limit(q.limit)
          .offset(q.offset),
        db.select({ total: count() }).from(auditLog).where(where),
      ]);
      return { rows, total: totals?.total ?? 0 };
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
