import { and, asc, desc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.ts';
import { adminTasks, invoices, jobRuns, users, vpsInstances } from '../../db/schema/index.ts';

/** The operator's side: admin tasks the lifecycle opens, its recorded runs and the services lists of the console. */
export function createBillingTasksRepo(db: Db) {
  return {
    async insertTask(tx: DbOrTx, row: typeof adminTasks.$inferInsert) {
      const [inserted] = await tx
        .insert(adminTasks)
        .values(row)
        .onConflictDoNothing({ target: adminTasks.key })
        .returning();
      return inserted;
    },

    async updateTask(id: string, patch: Partial<typeof adminTasks.$inferInsert>, tx: DbOrTx = db) {
      const [row] = await tx.update(adminTasks).set(patch).where(eq(adminTasks.id, id)).returning();
      return row;
    },

    async findTask(id: string) {
      const [row] = await db.select().from(adminTasks).where(eq(adminTasks.id, id));
      return row;
    },

    async openTasks() {
      return db
        .select()
        .from(adminTasks)
        .where(eq(adminTasks.status, 'open'))
        .orderBy(asc(adminTasks.createdAt))
        .limit(200);
    },

    /** Services for the admin's billing lists, each with its owner's e-mail and its open invoice. */
    async servicesForAdmin(
      which: 'expiring' | 'suspended' | 'pendingTerminations' | 'cancellationsDue',
      now: Date,
      until: Date,
    ) {
      const where = {
        expiring: and(
          eq(vpsInstances.serviceStatus, 'active'),
          sql`${vpsInstances.expiresAt} > ${now}`,
          lte(vpsInstances.expiresAt, until),
        ),
        suspended: eq(vpsInstances.serviceStatus, 'suspended'),
        pendingTerminations: and(
          inArray(vpsInstances.serviceStatus, ['terminated', 'cancelled']),
          sql`exists (select 1 from ${adminTasks} t where t.vps_instance_id = ${vpsInstances.id}
            and t.type = 'contabo_cancel' and t.status = 'open')`,
        ),
        cancellationsDue: and(
          eq(vpsInstances.serviceStatus, 'active'),
          or(eq(vpsInstances.cancelAtPeriodEnd, true), eq(vpsInstances.autoRenew, false)),
        ),
      }[which];
      return db
        .select({
          vps: vpsInstances,
          email: users.email,
          openInvoiceId: sql<
            string | null
          >`(select i.id from ${invoices} i where i.vps_instance_id = ${vpsInstances.id}
            and i.type = 'invoice' and i.status in ('issued', 'overdue') order by i.due_at limit 1)`,
        })
        .from(vpsInstances)
        .innerJoin(users, eq(users.id, vpsInstances.userId))
        .where(where)
        .orderBy(asc(vpsInstances.expiresAt))
        .limit(200);
    },

    async startJobRun(job: string, runKey: string, startedAt: Date) {
      const [row] = await db.insert(jobRuns).values({ job, runKey, startedAt }).returning();
      return row!;
    },

    async finishJobRun(
      id: string,
      patch: { status: string; counts: Record<string, number>; error?: string | null; finishedAt: Date },
    ) {
      const [row] = await db.update(jobRuns).set(patch).where(eq(jobRuns.id, id)).returning();
      return row!;
    },

    async lastJobRuns(job: string, limit = 10) {
      return db
        .select()
        .from(jobRuns)
        .where(eq(jobRuns.job, job))
        .orderBy(desc(jobRuns.startedAt))
        .limit(limit);
    },
  };
}

export type BillingTasksRepo = ReturnType<typeof createBillingTasksRepo>;
