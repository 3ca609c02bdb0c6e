import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  ilike,
  inArray,
  isNotNull,
  lt,
  lte,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.ts';
import {
  invoiceItems,
  invoices,
  orders,
  products,
  regions,
  transactions,
  users,
  vpsInstances,
} from '../../db/schema/index.ts';

export type InvoiceRow = typeof invoices.$inferSelect;
export type NewInvoiceRow = typeof invoices.$inferInsert;
export type InvoiceItemRow = typeof invoiceItems.$inferSelect;
export type NewInvoiceItemRow = typeof invoiceItems.$inferInsert;
export type BillingUserRow = typeof users.$inferSelect;

export interface AdminInvoiceFilter {
  status?: string;
  search?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/** The only place that queries invoices, their lines and what they are built from. */
export function createBillingRepo(db: Db) {
  return {
    db,

    /** Paid orders with what their invoice lines describe (plan and region names). */
    async ordersForInvoice(tx: DbOrTx, orderIds: string[]) {
      if (!orderIds.length) return [];
      return tx
        .select({ order: orders, plan: products.name, regionName: regions.name })
        .from(orders)
        .innerJoin(products, eq(products.id, orders.productId))
        .innerJoin(regions, eq(regions.code, orders.region))
        .where(inArray(orders.id, orderIds))
        .orderBy(asc(orders.orderNumber));
    },

    async findUser(tx: DbOrTx, id: string): Promise<BillingUserRow | undefined> {
      const [row] = await tx.select().from(users).where(eq(users.id, id));
      return row;
    },

    /** The succeeded payment that settled these orders (newest first), if any. */
    async paymentForOrder(tx: DbOrTx, orderId: string) {
      const [row] = await tx
        .select()
        .from(transactions)
        .where(
          and(
            eq(transactions.status, 'succeeded'),
            eq(transactions.kind, 'payment'),
            sql`${transactions.orderIds} @> ${JSON.stringify([orderId])}::jsonb`,
          ),
        )
        .orderBy(desc(transactions.createdAt))
        .limit(1);
      return row;
    },

    async findByIdempotencyKey(tx: DbOrTx, key: string): Promise<InvoiceRow | undefined> {
      const [row] = await tx.select().from(invoices).where(eq(invoices.idempotencyKey, key));
      return row;
    },

    /** Inserts unless an invoice with the same idempotency key exists (then returns undefined). */
    async insertInvoice(tx: DbOrTx, row: NewInvoiceRow): Promise<InvoiceRow | undefined> {
      const [inserted] = await tx
        .insert(invoices)
        .values(row)
        .onConflictDoNothing({ target: invoices.idempotencyKey })
        .returning();
      return inserted;
    },

    async insertItems(tx: DbOrTx, rows: NewInvoiceItemRow[]): Promise<void> {
      if (rows.length) await tx.insert(invoiceItems).values(rows);
    },

    async updateInvoice(
      tx: DbOrTx,
      id: string,
      patch: Partial<NewInvoiceRow>,
    ): Promise<InvoiceRow | undefined> {
      const [row] = await tx.update(invoices).set(patch).where(eq(invoices.id, id)).returning();
      return row;
    },

    async linkTransaction(tx: DbOrTx, transactionId: string, invoiceId: string): Promise<void> {
      await tx.update(transactions).set({ invoiceId }).where(eq(transactions.id, transactionId));
    },

    async findById(id: string, tx: DbOrTx = db): Promise<InvoiceRow | undefined> {
      const [row] = await tx.select().from(invoices).where(eq(invoices.id, id));
      return row;
    },

    async items(invoiceId: string, tx: DbOrTx = db): Promise<InvoiceItemRow[]> {
      return tx
        .select()
        .from(invoiceItems)
        .where(eq(invoiceItems.invoiceId, invoiceId))
        .orderBy(asc(invoiceItems.sortOrder));
    },

    async listForUser(userId: string, limit: number, offset: number) {
      const where = and(eq(invoices.userId, userId), sql`${invoices.status} <> 'draft'`);
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(invoices)
          .where(where)
          .orderBy(desc(invoices.issuedAt), desc(invoices.invoiceNumber))
          .limit(limit)
          .offset(offset),
        db.select({ n: count() }).from(invoices).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },

    async listForAdmin(filter: AdminInvoiceFilter) {
      const conditions: SQL[] = [];
      if (filter.status) conditions.push(eq(invoices.status, filter.status));
      if (filter.from) conditions.push(gte(invoices.issuedAt, filter.from));
      if (filter.to) conditions.push(lt(invoices.issuedAt, filter.to));
      if (filter.search) {
        const like = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        conditions.push(or(ilike(invoices.invoiceNumber, like), ilike(users.email, like))!);
      }
      const where = conditions.length ? and(...conditions) : undefined;
      const [rows, [total]] = await Promise.all([
        db
          .select({ invoice: invoices, email: users.email })
          .from(invoices)
          .innerJoin(users, eq(users.id, invoices.userId))
          .where(where)
          .orderBy(desc(invoices.issuedAt), desc(invoices.invoiceNumber))
          .limit(filter.limit)
          .offset(filter.offset),
        db.select({ n: count() }).from(invoices).innerJoin(users, eq(users.id, invoices.userId)).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },

    /** Active, auto-renewing services expiring at or before `until`, with what their renewal line describes. */
    async servicesDueForRenewal(until: Date) {
      return db
        .select({
          vps: vpsInstances,
          order: orders,
          plan: products.name,
          price: products.sellingPriceMinor,
          productCurrency: products.currency,
          regionName: regions.name,
        })
        .from(vpsInstances)
        .leftJoin(orders, eq(orders.id, vpsInstances.orderId))
        .leftJoin(products, eq(products.id, vpsInstances.productId))
        .leftJoin(regions, eq(regions.code, vpsInstances.region))
        .where(
          and(
            eq(vpsInstances.serviceStatus, 'active'),
            eq(vpsInstances.autoRenew, true),
            eq(vpsInstances.cancelAtPeriodEnd, false),
            isNotNull(vpsInstances.expiresAt),
            lte(vpsInstances.expiresAt, until),
          ),
        )
        .orderBy(asc(vpsInstances.expiresAt));
    },

    /** Issued invoices past their due date become overdue; returns how many moved. */
    async markOverdue(now: Date): Promise<number> {
      const rows = await db
        .update(invoices)
        .set({ status: 'overdue' })
        .where(and(eq(invoices.status, 'issued'), lt(invoices.dueAt, now)))
        .returning({ id: invoices.id });
      return rows.length;
    },

    /** Unpaid service invoices due before `cutoff` whose service is still active. */
    async unpaidServiceInvoicesDueBefore(cutoff: Date) {
      return db
        .select({ invoice: invoices, vps: vpsInstances })
        .from(invoices)
        .innerJoin(vpsInstances, eq(vpsInstances.id, invoices.vpsInstanceId))
        .where(
          and(
            inArray(invoices.status, ['issued', 'overdue']),
            lt(invoices.dueAt, cutoff),
            eq(vpsInstances.serviceStatus, 'active'),
          ),
        );
    },

    /** Locks the invoice row for the rest of the transaction (payment versus void versus job). */
    async lockInvoice(tx: DbOrTx, id: string): Promise<InvoiceRow | undefined> {
      const [row] = await tx.select().from(invoices).where(eq(invoices.id, id)).for('update');
      return row;
    },

    async lockService(tx: DbOrTx, id: string) {
      const [row] = await tx.select().from(vpsInstances).where(eq(vpsInstances.id, id)).for('update');
      return row;
    },

    async updateService(tx: DbOrTx, id: string, patch: Partial<typeof vpsInstances.$inferInsert>) {
      const [row] = await tx.update(vpsInstances).set(patch).where(eq(vpsInstances.id, id)).returning();
      return row;
    },

    async insertTransaction(tx: DbOrTx, row: typeof transactions.$inferInsert) {
      const [inserted] = await tx.insert(transactions).values(row).returning();
      return inserted!;
    },

    async invoicesIssuedBetween(from: Date, to: Date) {
      return db
        .select({ invoice: invoices, email: users.email })
        .from(invoices)
        .innerJoin(users, eq(users.id, invoices.userId))
        .where(and(gte(invoices.issuedAt, from), lt(invoices.issuedAt, to)))
        .orderBy(asc(invoices.issuedAt), asc(invoices.invoiceNumber));
    },

    async transactionsBetween(from: Date, to: Date) {
      return db
        .select({ tx: transactions, email: users.email, invoiceNumber: invoices.invoiceNumber })
        .from(transactions)
        .innerJoin(users, eq(users.id, transactions.userId))
        .leftJoin(invoices, eq(invoices.id, transactions.invoiceId))
        .where(and(gte(transactions.createdAt, from), lt(transactions.createdAt, to)))
        .orderBy(asc(transactions.createdAt), asc(transactions.id));
    },
  };
}

export type BillingRepo = ReturnType<typeof createBillingRepo>;
