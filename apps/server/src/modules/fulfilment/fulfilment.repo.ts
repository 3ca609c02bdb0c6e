import { and, asc, count, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { unitOfWork, type Db, type DbOrTx } from '../../db/client.ts';
import { userContactColumns } from '../../db/columns.ts';
import { orders, provisioningAttempts, users, vpsInstances } from '../../db/schema/index.ts';
import type { OrderStatus } from '../orders/orders.state.ts';
import type { TAdminVpsQuery } from './fulfilment.schemas.ts';

export type AttemptRow = typeof provisioningAttempts.$inferSelect;

/** Queries of the operator's views: the fulfilment queue, provisioning intents, inventory joins and customers. */
export function createFulfilmentRepo(db: Db) {
  return {
    /** The unit of work fulfilment's writes share (order transition, VPS record, audit row). */
    transaction: unitOfWork(db),

    async listOrders(q: { status?: OrderStatus; search?: string; page: number; pageSize: number }) {
      const like = q.search ? `%${q.search.replace(/[%_]/g, '')}%` : undefined;
      const where = and(
        q.status ? eq(orders.status, q.status) : undefined,
        like ? or(ilike(orders.orderNumber, like), ilike(users.email, like)) : undefined,
      );
      // Paid orders waiting for fulfilment first (oldest payment first), then everything else, newest first.
      const waiting = sql`case when ${orders.status} in ('paid', 'processing', 'provisioning') then 0 else 1 end`;
      const [rows, [totals]] = await Promise.all([
        db
          .select({ id: orders.id, customer: { id: users.id, email: users.email, name: users.name } })
          .from(orders)
          .innerJoin(users, eq(users.id, orders.userId))
          .where(where)
          .orderBy(
            asc(waiting),
            asc(
              sql`case when ${orders.status} in ('paid', 'processing', 'provisioning') then ${orders.paidAt} end`,
            ),
            desc(orders.createdAt),
          )
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        db.select({ n: count() }).from(orders).innerJoin(users, eq(users.id, orders.userId)).where(where),
      ]);
      return { rows, total: totals?.n ?? 0 };
    },

    async customerOf(userId: string) {
      const [row] = await db.select(userContactColumns).from(users).where(eq(users.id, userId));
      return row;
    },

    async vpsOfOrder(orderId: string) {
      const [row] = await db.select().from(vpsInstances).where(eq(vpsInstances.orderId, orderId));
      return row;
    },

    async attemptOf(orderId: string, tx: DbOrTx = db): Promise<AttemptRow | undefined> {
      const [row] = await tx
        .select()
        .from(provisioningAttempts)
        .where(eq(provisioningAttempts.orderId, orderId));
      return row;
    },

    /** Records the intent to create (once per order); returns the existing row when there is one. */
    async recordIntent(
      orderId: string,
      displayName: string,
    ): Promise<{ attempt: AttemptRow; created: boolean }> {
      const [inserted] = await db
        .insert(provisioningAttempts)
        .values({ orderId, displayName, status: 'intent' })
        .onConflictDoNothing()
        .returning();
      if (inserted) return { attempt: inserted, created: true };
      return { attempt: (await this.attemptOf(orderId))!, created: false };
    },

    /** Atomically claims the right to call Contabo's create: only one caller moves the attempt to `creating`. */
    async claimCreate(orderId: string, from: string[], staleBefore: Date): Promise<AttemptRow | undefined> {
      const [row] = await db
        .update(provisioningAttempts)
        .set({ status: 'creating', error: null })
        .where(
          and(
            eq(provisioningAttempts.orderId, orderId),
            or(
              inArray(provisioningAttempts.status, from),
              and(
                eq(provisioningAttempts.status, 'creating'),
                sql`${provisioningAttempts.updatedAt} < ${staleBefore}`,
              ),
            ),
          ),
        )
        .returning();
      return row;
    },

    async updateAttempt(
      orderId: string,
      patch: Partial<typeof provisioningAttempts.$inferInsert>,
      tx: DbOrTx = db,
    ) {
      await tx.update(provisioningAttempts).set(patch).where(eq(provisioningAttempts.orderId, orderId));
    },

    /** Creates Contabo refused with 429 whose retry time has come (oldest first). */
    async dueRateLimitedCreates(now: Date, limit = 5): Promise<AttemptRow[]> {
      return db
        .select()
        .from(provisioningAttempts)
        .where(
          and(
            eq(provisioningAttempts.status, 'rate_limited'),
            sql`${provisioningAttempts.retryAt} <= ${now}`,
          ),
        )
        .orderBy(provisioningAttempts.retryAt)
        .limit(limit);
    },

    async provisioningOrders() {
      return db
        .select({ order: orders, vps: vpsInstances })
        .from(orders)
        .innerJoin(vpsInstances, eq(vpsInstances.orderId, orders.id))
        .where(eq(orders.status, 'provisioning'));
    },

    async assignmentsByInstance(ids: number[]) {
      if (!ids.length) return [];
      return db
        .select({
          contaboInstanceId: vpsInstances.contaboInstanceId,
          vpsId: vpsInstances.id,
          userId: vpsInstances.userId,
          email: users.email,
          serviceStatus: vpsInstances.serviceStatus,
        })
        .from(vpsInstances)
        .innerJoin(users, eq(users.id, vpsInstances.userId))
        .where(inArray(vpsInstances.contaboInstanceId, ids));
    },

    async listVps(q: TAdminVpsQuery) {
      const like = q.search ? `%${q.search.replace(/[%_]/g, '')}%` : undefined;
      const where = and(
        q.status ? eq(vpsInstances.status, q.status) : undefined,
        q.serviceStatus ? eq(vpsInstances.serviceStatus, q.serviceStatus) : undefined,
        like
          ? or(
              ilike(users.email, like),
              ilike(vpsInstances.displayName, like),
              ilike(vpsInstances.name, like),
              ilike(vpsInstances.ipAddress, like),
              sql`${vpsInstances.contaboInstanceId}::text like ${like}`,
            )
          : undefined,
      );
      const [rows, [totals]] = await Promise.all([
        db
          .select({ id: vpsInstances.id, email: users.email })
          .from(vpsInstances)
          .innerJoin(users, eq(users.id, vpsInstances.userId))
          .where(where)
          .orderBy(asc(vpsInstances.expiresAt))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        db
          .select({ n: count() })
          .from(vpsInstances)
          .innerJoin(users, eq(users.id, vpsInstances.userId))
          .where(where),
      ]);
      return { rows, total: totals?.n ?? 0 };
    },

    async userExists(id: string): Promise<boolean> {
      const [row] = await db.select({ id: users.id }).from(users).where(eq(users.id, id));
      return Boolean(row);
    },
  };
}

export type FulfilmentRepo = ReturnType<typeof createFulfilmentRepo>;
