import { and, count, desc, eq, inArray, lt } from 'drizzle-orm';
import { unitOfWork, type Db, type DbOrTx } from '../../db/client.ts';
import { createSshKeysRepo } from '../account/ssh-keys.repo.ts';
import { images, orderStatusHistory, orders, products, regions, users } from '../../db/schema/index.ts';
import type { ActorType, OrderStatus } from './orders.state.ts';

export type OrderRow = typeof orders.$inferSelect;
export type NewOrderRow = typeof orders.$inferInsert;
export interface OrderWithRefs {
  order: OrderRow;
  product: { id: string; name: string; contaboProductId: string };
  image: { id: string; name: string; osType: string } | null;
}

export function createOrdersRepo(db: Db) {
  const userKeys = createSshKeysRepo(db);
  const selection = {
    order: orders,
    product: { id: products.id, name: products.name, contaboProductId: products.contaboProductId },
    image: { id: images.id, name: images.name, displayName: images.displayName, osType: images.osType },
  };
  const toRefs = (r: {
    order: OrderRow;
    product: OrderWithRefs['product'];
    image: { id: string; name: string; displayName: string | null; osType: string } | null;
  }): OrderWithRefs => ({
    order: r.order,
    product: r.product,
    image: r.image
      ? { id: r.image.id, name: r.image.displayName ?? r.image.name, osType: r.image.osType }
      : null,
  });

  return {
    transaction: unitOfWork(db),

    async insertOrders(tx: DbOrTx, rows: NewOrderRow[]): Promise<OrderRow[]> {
      return tx.insert(orders).values(rows).returning();
    },

    async recordTransition(
      tx: DbOrTx,
      entry: {
        orderId: string;
        fromStatus: OrderStatus | null;
        toStatus: OrderStatus;
        actorType: ActorType;
        actorId?: string | null;
        note?: string | null;
        noteCode?: string | null;
        noteParams?: Record<string, string | number> | null;
      },
    ): Promise<void> {
      await tx
        .insert(orderStatusHistory)
        .values({ ...entry, actorId: entry.actorId ?? null, note: entry.note ?? null });
    },

    /** Moves an order only if it is still in `from` (optimistic guard against races); returns the updated row. */
    async updateStatus(
      tx: DbOrTx,
      id: string,
      from: OrderStatus,
      patch: Partial<NewOrderRow> & { status: OrderStatus },
    ): Promise<OrderRow | undefined> {
      const [row] = await tx
        .update(orders)
        .set(patch)
        .where(and(eq(orders.id, id), eq(orders.status, from)))
        .returning();
      return row;
    },

    async findById(id: string, tx: DbOrTx = db): Promise<OrderRow | undefined> {
      const [row] = await tx.select().from(orders).where(eq(orders.id, id));
      return row;
    },

    async findWithRefs(id: string): Promise<OrderWithRefs | undefined> {
      const [row] = await db
        .select(selection)
        .from(orders)
        .innerJoin(products, eq(products.id, orders.productId))
        .leftJoin(images, eq(images.id, orders.imageId))
        .where(eq(orders.id, id));
      return row ? toRefs(row) : undefined;
    },

    async listForUser(
      userId: string,
      q: { status?: OrderStatus; page: number; pageSize: number },
    ): Promise<{ rows: OrderWithRefs[]; total: number }> {
      const where = and(eq(orders.userId, userId), q.status ? eq(orders.status, q.status) : undefined);
      const [rows, [totals]] = await Promise.all([
        db
          .select(selection)
          .from(orders)
          .innerJoin(products, eq(products.id, orders.productId))
          .leftJoin(images, eq(images.id, orders.imageId))
          .where(where)
          .orderBy(desc(orders.createdAt), desc(orders.orderNumber))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        db.select({ total: count() }).from(orders).where(where),
      ]);
      return { rows: rows.map(toRefs), total: totals?.total ?? 0 };
    },

    /** Orders still pending that were created before `cutoff` (the unpaid-order cancellation job). */
    async listPendingCreatedBefore(cutoff: Date): Promise<OrderRow[]> {
      return db
        .select()
        .from(orders)
        .where(and(eq(orders.status, 'pending'), lt(orders.createdAt, cutoff)));
    },

    async listByIds(ids: string[], tx: DbOrTx = db): Promise<OrderRow[]> {
      if (!ids.length) return [];
      return tx.select().from(orders).where(inArray(orders.id, ids));
    },

    async listPendingInCheckout(userId: string, checkoutId: string): Promise<OrderRow[]> {
      return db
        .select()
        .from(orders)
        .where(
          and(eq(orders.userId, userId), eq(orders.checkoutId, checkoutId), eq(orders.status, 'pending')),
        )
        .orderBy(orders.orderNumber);
    },

    async history(orderId: string) {
      return db
        .select()
        .from(orderStatusHistory)
        .where(eq(orderStatusHistory.orderId, orderId))
        .orderBy(orderStatusHistory.createdAt);
    },

    /** Paid orders with what their e-mails show (plan, region name, customer), in order-number order. */
    async forPaidMail(tx: DbOrTx, ids: string[]) {
      return tx
        .select({ order: orders, plan: products.name, regionName: regions.name, user: users })
        .from(orders)
        .innerJoin(products, eq(products.id, orders.productId))
        .innerJoin(regions, eq(regions.code, orders.region))
        .innerJoin(users, eq(users.id, orders.userId))
        .where(inArray(orders.id, ids))
        .orderBy(orders.orderNumber);
    },

    /** The administrators, who are e-mailed about every paid order. */
    async admins(tx: DbOrTx) {
      return tx.select().from(users).where(eq(users.role, 'admin'));
    },

    /** The user's SSH keys among `ids` (the account's repository answers). */
    sshKeysOfUser: (userId: string, ids: string[]) => userKeys.findMany(userId, ids),
  };
}

export type OrdersRepo = ReturnType<typeof createOrdersRepo>;
