import { and, asc, eq, inArray, isNotNull, lt, lte, or, sql } from 'drizzle-orm';
import { unitOfWork, type Db, type DbOrTx } from '../../db/client.ts';
import {
  billingNotices,
  images,
  invoices,
  orders,
  productRegions,
  products,
  regions,
  users,
  vpsInstances,
} from '../../db/schema/index.ts';
import { licensedImage, voided } from './billing.invoices.repo.ts';

/** What the lifecycle selects and changes: services due for each step, their notices and their state. */
export function createLifecycleRepo(db: Db) {
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

  /** An invoice (not a credit note) in one of `statuses` for a service still active (joined as `vpsInstances`). */
  const serviceInvoice = (...statuses: Array<'issued' | 'overdue'>) =>
    and(
      inArray(invoices.status, statuses),
      eq(invoices.type, 'invoice'),
      eq(vpsInstances.serviceStatus, 'active'),
    );

  /** Invoices with their service and its owner. */
  const invoicesWithService = () =>
    db
      .select({ invoice: invoices, vps: vpsInstances, user: users })
      .from(invoices)
      .innerJoin(vpsInstances, eq(vpsInstances.id, invoices.vpsInstanceId))
      .innerJoin(users, eq(users.id, invoices.userId));

  return {
    transaction: unitOfWork(db),

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
        .where(and(serviceInvoice('issued'), sql`${invoices.dueAt} > ${now}`, lte(invoices.dueAt, until)));
    },

    /** Overdue service invoices whose overdue notice has not gone out. */
    async overdueWithoutNotice() {
      return invoicesWithService().where(
        and(
          serviceInvoice('overdue'),
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
      return invoicesWithService().where(
        and(serviceInvoice('issued', 'overdue'), lt(invoices.dueAt, cutoff)),
      );
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
  };
}

export type LifecycleRepo = ReturnType<typeof createLifecycleRepo>;
