import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { unitOfWork, type Db, type DbOrTx } from '../../db/client.ts';
import { formatNumber, nextSequenceValue } from '../../db/sequences.ts';
import {
  images,
  invoiceItems,
  invoices,
  orders,
  products,
  regions,
  transactions,
  users,
} from '../../db/schema/index.ts';

export type InvoiceRow = typeof invoices.$inferSelect;
export type NewInvoiceRow = typeof invoices.$inferInsert;
export type InvoiceItemRow = typeof invoiceItems.$inferSelect;
export type NewInvoiceItemRow = typeof invoiceItems.$inferInsert;
export type BillingUserRow = typeof users.$inferSelect;
export type TransactionRow = typeof transactions.$inferSelect;

/**
 * Voiding frees the invoice's idempotency key (it is kept, suffixed), so the same period can be invoiced again —
 * by the daily job, or by the customer's "renew now".
 */
export const voided = (now: Date) => ({
  status: 'void',
  voidedAt: now,
  idempotencyKey: sql`${invoices.idempotencyKey} || ':void:' || ${invoices.id}`,
});

/** An image as a licence line names it (null when the row has no image). */
export const licensedImage = {
  id: images.id,
  name: sql<string | null>`coalesce(${images.displayName}, ${images.name})`,
  licenseFeeMinor: images.licenseFeeMinor,
};

/**
 * Invoices and credit notes as rows: issuing (insert, number, lines), reading one with what belongs to it, voiding,
 * and the transactions that pay or refund them.
 */
export function createInvoicesRepo(db: Db) {
  return {
    transaction: unitOfWork(db),

    /** Paid orders with what their invoice lines describe (plan and region names). */
    async ordersForInvoice(tx: DbOrTx, orderIds: string[]) {
      if (!orderIds.length) return [];
      return tx
        .select({ order: orders, plan: products.name, regionName: regions.name, image: licensedImage })
        .from(orders)
        .innerJoin(products, eq(products.id, orders.productId))
        .innerJoin(regions, eq(regions.code, orders.region))
        .leftJoin(images, eq(images.id, orders.imageId))
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

    async voidInvoice(tx: DbOrTx, id: string, now: Date): Promise<InvoiceRow | undefined> {
      const [row] = await tx.update(invoices).set(voided(now)).where(eq(invoices.id, id)).returning();
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

    async referenceNumberOf(id: string | null, tx: DbOrTx = db): Promise<string | null> {
      if (!id) return null;
      const [row] = await tx.select({ n: invoices.invoiceNumber }).from(invoices).where(eq(invoices.id, id));
      return row?.n ?? null;
    },

    async transactionsOf(invoiceIds: string[], tx: DbOrTx = db) {
      if (!invoiceIds.length) return [];
      return tx
        .select()
        .from(transactions)
        .where(inArray(transactions.invoiceId, invoiceIds))
        .orderBy(asc(transactions.createdAt));
    },

    async creditNotesOf(invoiceId: string, tx: DbOrTx = db) {
      return tx
        .select()
        .from(invoices)
        .where(and(eq(invoices.referenceInvoiceId, invoiceId), eq(invoices.type, 'credit_note')))
        .orderBy(asc(invoices.issuedAt));
    },

    /** Locks the invoice row for the rest of the transaction (payment versus void versus job). */
    async lockInvoice(tx: DbOrTx, id: string): Promise<InvoiceRow | undefined> {
      const [row] = await tx.select().from(invoices).where(eq(invoices.id, id)).for('update');
      return row;
    },

    async insertTransaction(tx: DbOrTx, row: typeof transactions.$inferInsert) {
      const [inserted] = await tx.insert(transactions).values(row).returning();
      return inserted!;
    },

    /** Draws the next gap-free number of a yearly series inside `tx` (rolled back with it). */
    async nextNumber(tx: DbOrTx, scope: string, prefix: string, year: number): Promise<string> {
      return formatNumber(prefix, year, await nextSequenceValue(tx, scope, year));
    },
  };
}

export type InvoicesRepo = ReturnType<typeof createInvoicesRepo>;
