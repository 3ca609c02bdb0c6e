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
  adminTasks,
  billingNotices,
  images,
  invoiceItems,
  invoices,
  jobRuns,
  orders,
  productRegions,
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
export type TransactionRow = typeof transactions.$inferSelect;

export interface AdminInvoiceFilter {
  status?: string;
  type?: string;
  search?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/** `unpaid` means invoices (not credit notes) issued or overdue; anything else is the status itself. */
function statusCondition(status: string | undefined): SQL | undefined {
  if (!status) return undefined;
  if (status === 'unpaid')
    return and(inArray(invoices.status, ['issued', 'overdue']), eq(invoices.type, 'invoice'));
  return eq(invoices.status, status);
}

/**
 * Voiding frees the invoice's idempotency key (it is kept, suffixed), so the same period can be invoiced again —
 * by the daily job, or by the customer's "renew now".
 */
export const voided = (now: Date) => ({
  status: 'void',
  voidedAt: now,
  idempotencyKey: sql`${invoices.idempotencyKey} || ':void:' || ${invoices.id}`,
});

/**
 * A credit note's invoice number, read alongside the row. The outer column is written out in full: in a select from
 * one table Drizzle leaves columns unqualified, which inside this subquery would mean `r`'s own column.
 */
const referenceNumber = sql<string | null>`(select r.invoice_number from invoices r
  where r.id = "invoices"."reference_invoice_id")`;

/** An image as a licence line names it (null when the row has no image). */
const licensedImage = {
  id: images.id,
  name: sql<string | null>`coalesce(${images.displayName}, ${images.name})`,
  licenseFeeMinor: images.licenseFeeMinor,
};

/** The only place that queries invoices, their lines and what they are built from. */
export function createBillingRepo(db: Db) {
  /** Services with what their renewal line describes (order, plan, price, region) and who it is for. */
  const renewalRows = () =>
    db
      .select({
        vps: vpsInstances,
        order: orders,
        plan: products.name,
        price: products.sellingPriceMinor,
        productCurrency: products.currency,
        regionName: regions.name,
        regionSurcharge: productRegions.surchargeMinor,
        image: licensedImage,
        user: users,
      })
      .from(vpsInstances)
      .innerJoin(users, eq(users.id, vpsInstances.userId))
      .leftJoin(orders, eq(orders.id, vpsInstances.orderId))
      .leftJoin(products, eq(products.id, vpsInstances.productId))
      .leftJoin(regions, eq(regions.code, vpsInstances.region))
      // The image the server runs now (a reinstall may have changed it), else the one ordered: its licence renews.
      .leftJoin(images, sql`${images.id} = coalesce(${vpsInstances.imageId}, ${orders.imageId})`)
      .leftJoin(
        productRegions,
        and(
          eq(productRegions.productId, vpsInstances.productId),
          eq(productRegions.regionCode, vpsInstances.region),
        ),
      );

  return {
    db,

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

    async listForUser(userId: string, status: string | undefined, limit: number, offset: number) {
      const where = and(
        eq(invoices.userId, userId),
        sql`${invoices.status} <> 'draft'`,
        statusCondition(status),
      );
      const [rows, [total]] = await Promise.all([
        db
          .select({ invoice: invoices, referenceNumber })
          .from(invoices)
          .where(where)
          .orderBy(desc(invoices.issuedAt), desc(invoices.invoiceNumber))
          .limit(limit)
          .offset(offset),
        db.select({ n: count() }).from(invoices).where(where),
      ]);
      return { rows, total: total?.n ?? 0 };
    },

    /** What the customer owes: unpaid invoices per currency, the overdue ones and the next due date. */
    async unpaidSummary(userId: string) {
      return db
        .select({
          currency: invoices.currency,
          count: count(),
          overdue: sql<number>`count(*) filter (where ${invoices.status} = 'overdue')`.mapWith(Number),
          totalMinor: sql<number>`coalesce(sum(${invoices.totalMinor}), 0)`.mapWith(Number),
          nextDueAt: sql<Date | null>`min(${invoices.dueAt})`.mapWith((v) =>
            v ? new Date(v as string) : null,
          ),
          firstId: sql<string | null>`(array_agg(${invoices.id} order by ${invoices.dueAt} asc))[1]`,
        })
        .from(invoices)
        .where(
          and(
            eq(invoices.userId, userId),
            inArray(invoices.status, ['issued', 'overdue']),
            eq(invoices.type, 'invoice'),
          ),
        )
        .groupBy(invoices.currency);
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

    async listForAdmin(filter: AdminInvoiceFilter) {
      const conditions: SQL[] = [];
      const byStatus = statusCondition(filter.status);
      if (byStatus) conditions.push(byStatus);
      if (filter.type) conditions.push(eq(invoices.type, filter.type));
      if (filter.from) conditions.push(gte(invoices.issuedAt, filter.from));
      if (filter.to) conditions.push(lt(invoices.issuedAt, filter.to));
      if (filter.search) {
        const like = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        conditions.push(or(ilike(invoices.invoiceNumber, like), ilike(users.email, like))!);
      }
      const where = conditions.length ? and(...conditions) : undefined;
      const [rows, [total]] = await Promise.all([
        db
          .select({ invoice: invoices, email: users.email, referenceNumber })
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

    /**
     * Active, auto-renewing services expiring at or before `until` that have no invoice for their next period yet,
     * with what their renewal line describes and who it is for.
     */
    async servicesDueForRenewal(until: Date, limit = 10_000) {
      return renewalRows()
        .where(
          and(
            eq(vpsInstances.serviceStatus, 'active'),
            eq(vpsInstances.autoRenew, true),
            eq(vpsInstances.cancelAtPeriodEnd, false),
            isNotNull(vpsInstances.expiresAt),
            lte(vpsInstances.expiresAt, until),
            sql`not exists (select 1 from ${invoices} i where i.vps_instance_id = ${vpsInstances.id}
              and i.type = 'invoice' and i.status <> 'void' and i.period_start = ${vpsInstances.expiresAt})`,
          ),
        )
        .orderBy(asc(vpsInstances.expiresAt))
        .limit(limit);
    },

    /** One service with what a renewal line describes (for "renew now"). */
    async serviceForRenewal(vpsId: string) {
      const [row] = await renewalRows().where(eq(vpsInstances.id, vpsId));
      return row;
    },

    /** Unpaid (issued) service invoices due within `(now, until]`, with the reminders already sent for each. */
    async invoicesToRemind(now: Date, until: Date) {
      return db
        .select({
          invoice: invoices,
          vps: vpsInstances,
          user: users,
          sent: sql<string[]>`coalesce((select array_agg(n.key) from ${billingNotices} n
            where n.invoice_id = ${invoices.id}), '{}')`,
        })
        .from(invoices)
        .innerJoin(vpsInstances, eq(vpsInstances.id, invoices.vpsInstanceId))
        .innerJoin(users, eq(users.id, invoices.userId))
        .where(
          and(
            eq(invoices.status, 'issued'),
            eq(invoices.type, 'invoice'),
            sql`${invoices.dueAt} > ${now}`,
            lte(invoices.dueAt, until),
            eq(vpsInstances.serviceStatus, 'active'),
          ),
        );
    },

    /** Overdue service invoices whose overdue notice has not gone out. */
    async overdueWithoutNotice() {
      return db
        .select({ invoice: invoices, vps: vpsInstances, user: users })
        .from(invoices)
        .innerJoin(vpsInstances, eq(vpsInstances.id, invoices.vpsInstanceId))
        .innerJoin(users, eq(users.id, invoices.userId))
        .where(
          and(
            eq(invoices.status, 'overdue'),
            eq(invoices.type, 'invoice'),
            eq(vpsInstances.serviceStatus, 'active'),
            sql`not exists (select 1 from ${billingNotices} n where n.invoice_id = ${invoices.id}
              and n.kind = 'overdue')`,
          ),
        );
    },

    /** Suspended services suspended at or before `cutoff`, with their open invoice (if any) and their owner. */
    async suspendedSince(cutoff: Date, withoutNoticeKind?: string) {
      return db
        .select({ vps: vpsInstances, user: users, invoice: invoices })
        .from(vpsInstances)
        .innerJoin(users, eq(users.id, vpsInstances.userId))
        .leftJoin(
          invoices,
          and(
            eq(invoices.vpsInstanceId, vpsInstances.id),
            inArray(invoices.status, ['issued', 'overdue']),
            eq(invoices.type, 'invoice'),
          ),
        )
        .where(
          and(
            eq(vpsInstances.serviceStatus, 'suspended'),
            lte(vpsInstances.suspendedAt, cutoff),
            withoutNoticeKind
              ? sql`not exists (select 1 from ${billingNotices} n where n.vps_instance_id = ${vpsInstances.id}
                  and n.kind = ${withoutNoticeKind} and n.created_at >= ${vpsInstances.suspendedAt})`
              : undefined,
          ),
        );
    },

    /** Active services that end at their expiry (cancellation requested or auto-renew off) and have expired. */
    async endingAtPeriodEnd(now: Date) {
      return db
        .select({ vps: vpsInstances, user: users })
        .from(vpsInstances)
        .innerJoin(users, eq(users.id, vpsInstances.userId))
        .where(
          and(
            eq(vpsInstances.serviceStatus, 'active'),
            or(eq(vpsInstances.cancelAtPeriodEnd, true), eq(vpsInstances.autoRenew, false)),
            lte(vpsInstances.expiresAt, now),
          ),
        );
    },

    /** Records a notice unless its key exists; true when this call recorded it (and so must send it). */
    async insertNotice(tx: DbOrTx, row: typeof billingNotices.$inferInsert): Promise<boolean> {
      const inserted = await tx
        .insert(billingNotices)
        .values(row)
        .onConflictDoNothing({ target: billingNotices.key })
        .returning({ id: billingNotices.id });
      return inserted.length > 0;
    },

    async insertTask(tx: DbOrTx, row: typeof adminTasks.$inferInsert) {
      const [inserted] = await tx
        .insert(adminTasks)
        .values(row)
        .onConflictDoNothing({ target: adminTasks.key })
        .returning();
      return inserted;
    },

    async updateTask(tx: DbOrTx, id: string, patch: Partial<typeof adminTasks.$inferInsert>) {
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

    /** Voids the open invoices of a service that has ended (nothing left to pay for). */
    async voidOpenInvoicesOf(tx: DbOrTx, vpsId: string, now: Date) {
      return tx
        .update(invoices)
        .set(voided(now))
        .where(and(eq(invoices.vpsInstanceId, vpsId), inArray(invoices.status, ['issued', 'overdue'])))
        .returning({ id: invoices.id });
    },

    /** Voids unpaid renewal invoices of a service that are not due yet (renewal turned off). */
    async voidUpcomingRenewals(tx: DbOrTx, vpsId: string, now: Date) {
      return tx
        .update(invoices)
        .set(voided(now))
        .where(
          and(
            eq(invoices.vpsInstanceId, vpsId),
            eq(invoices.status, 'issued'),
            eq(invoices.type, 'invoice'),
            sql`${invoices.dueAt} > ${now}`,
          ),
        )
        .returning({ id: invoices.id });
    },

    async openInvoicesOf(vpsIds: string[]) {
      if (!vpsIds.length) return [];
      return db
        .select()
        .from(invoices)
        .where(
          and(
            inArray(invoices.vpsInstanceId, vpsIds),
            inArray(invoices.status, ['issued', 'overdue']),
            eq(invoices.type, 'invoice'),
          ),
        )
        .orderBy(asc(invoices.dueAt));
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
        .select({ invoice: invoices, vps: vpsInstances, user: users })
        .from(invoices)
        .innerJoin(vpsInstances, eq(vpsInstances.id, invoices.vpsInstanceId))
        .innerJoin(users, eq(users.id, invoices.userId))
        .where(
          and(
            inArray(invoices.status, ['issued', 'overdue']),
            eq(invoices.type, 'invoice'),
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

    async findService(id: string) {
      const [row] = await db.select().from(vpsInstances).where(eq(vpsInstances.id, id));
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
        .select({ invoice: invoices, email: users.email, referenceNumber })
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
