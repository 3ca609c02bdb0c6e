import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { unitOfWork, type Db, type DbOrTx } from '../../db/client.ts';
import { userContactColumns } from '../../db/columns.ts';
import {
  invoices,
  notifications,
  orders,
  transactions,
  users,
  webhookEvents,
} from '../../db/schema/index.ts';
import type { StaffNotice } from '../notifications/in-app.ts';

export type TransactionRow = typeof transactions.$inferSelect;
export type NewTransactionRow = typeof transactions.$inferInsert;

export function createPaymentsRepo(db: Db) {
  return {
    /** Runs `work` in one database transaction (settlement, checkout replacement, refunds). */
    transaction: unitOfWork(db),

    async insert(row: NewTransactionRow, tx: DbOrTx = db): Promise<TransactionRow> {
      const [inserted] = await tx.insert(transactions).values(row).returning();
      return inserted!;
    },

    async update(
      id: string,
      patch: Partial<NewTransactionRow>,
      tx: DbOrTx = db,
    ): Promise<TransactionRow | undefined> {
      const [row] = await tx.update(transactions).set(patch).where(eq(transactions.id, id)).returning();
      return row;
    },

    async findById(id: string, tx: DbOrTx = db): Promise<TransactionRow | undefined> {
      const [row] = await tx.select().from(transactions).where(eq(transactions.id, id));
      return row;
    },

    /** Locks the transaction row for the rest of the database transaction: settlement runs one at a time. */
    async lock(tx: DbOrTx, id: string): Promise<TransactionRow | undefined> {
      const [row] = await tx.select().from(transactions).where(eq(transactions.id, id)).for('update');
      return row;
    },

    async findByProviderTx(provider: string, providerTxId: string): Promise<TransactionRow | undefined> {
      const [row] = await db
        .select()
        .from(transactions)
        .where(and(eq(transactions.provider, provider), eq(transactions.providerTxId, providerTxId)));
      return row;
    },

    /** Whether this provider event was already applied (a row left unprocessed by a crash does not count). */
    async webhookProcessed(provider: string, eventId: string): Promise<boolean> {
      const [row] = await db
        .select({ processedAt: webhookEvents.processedAt })
        .from(webhookEvents)
        .where(and(eq(webhookEvents.provider, provider), eq(webhookEvents.eventId, eventId)));
      return Boolean(row?.processedAt);
    },

    /**
     * Records a webhook delivery as processed inside the transaction that applies it, so a crash before the commit
     * leaves nothing behind and the provider's redelivery is applied. False when another delivery of the same event
     * was already applied (or is being applied: the unique index makes this wait for it).
     */
    async claimWebhook(
      tx: DbOrTx,
      webhook: { provider: string; eventId: string; type: string; payload: Record<string, unknown> },
    ): Promise<boolean> {
      const rows = await tx
        .insert(webhookEvents)
        .values({ ...webhook, processedAt: sql`now()` })
        .onConflictDoUpdate({
          target: [webhookEvents.provider, webhookEvents.eventId],
          set: { processedAt: sql`now()`, type: webhook.type, payload: webhook.payload },
          setWhere: sql`${webhookEvents.processedAt} is null`,
        })
        .returning({ id: webhookEvents.id });
      return rows.length > 0;
    },

    /**
     * Serialises checkouts of the same orders / invoice: locks their rows for the rest of the transaction, always in
     * the same order (no deadlock between two carts sharing an order).
     */
    async lockPayables(tx: DbOrTx, what: { orderIds: string[]; invoiceId: string | null }): Promise<void> {
      if (what.orderIds.length) {
        await tx
          .select({ id: orders.id })
          .from(orders)
          .where(inArray(orders.id, what.orderIds))
          .orderBy(asc(orders.id))
          .for('update');
      }
      if (what.invoiceId) {
        await tx
          .select({ id: invoices.id })
          .from(invoices)
          .where(eq(invoices.id, what.invoiceId))
          .for('update');
      }
    },

    /**
     * Ends every other live gateway checkout of these orders / this invoice (status `pending`, not a bank transfer):
     * marks them `cancelled` with `raw.replacedBy`. A checkout being settled right now (its row locked) is skipped:
     * if it is paid, a later payment of the new one is refunded. Returns the rows ended (to expire at the gateway).
     */
    async endLiveCheckouts(
      tx: DbOrTx,
      what: { orderIds: string[]; invoiceId: string | null; replacedBy: string | null },
    ): Promise<TransactionRow[]> {
      const covers = [];
      if (what.orderIds.length) {
        covers.push(
          sql`${transactions.orderIds} ?| array[${sql.join(
            what.orderIds.map((id) => sql`${id}`),
            sql`, `,
          )}]::text[]`,
        );
      }
      if (what.invoiceId) covers.push(eq(transactions.invoiceId, what.invoiceId));
      if (!covers.length) return [];
      const live = await tx
        .select({ id: transactions.id })
        .from(transactions)
        .where(
          and(
            eq(transactions.status, 'pending'),
            eq(transactions.kind, 'payment'),
            ne(transactions.provider, 'bank_transfer'),
            what.replacedBy ? ne(transactions.id, what.replacedBy) : undefined,
            sql`(${sql.join(covers, sql` or `)})`,
          ),
        )
        .for('update', { skipLocked: true });
      if (!live.length) return [];
      const note = JSON.stringify({ replacedBy: what.replacedBy ?? 'paid' });
      return tx
        .update(transactions)
        .set({ status: 'cancelled', raw: sql`coalesce(${transactions.raw}, '{}'::jsonb) || ${note}::jsonb` })
        .where(
          inArray(
            transactions.id,
            live.map((r) => r.id),
          ),
        )
        .returning();
    },

    /** Stores the gateway's session on a new checkout, keeping what is already in `raw` (e.g. `replacedBy`). */
    async attachSession(
      id: string,
      session: { providerTxId: string | null; raw: Record<string, unknown> },
    ): Promise<TransactionRow | undefined> {
      const [row] = await db
        .update(transactions)
        .set({
          providerTxId: session.providerTxId,
          raw: sql`coalesce(${transactions.raw}, '{}'::jsonb) || ${JSON.stringify(session.raw)}::jsonb`,
        })
        .where(eq(transactions.id, id))
        .returning();
      return row;
    },

    async findUser(id: string, tx: DbOrTx = db) {
      const [row] = await tx.select(userContactColumns).from(users).where(eq(users.id, id));
      return row;
    },

    /** A staff notice (`staffNotice.*`) for the whole team, inside the caller's transaction. */
    async notifyAdmins(tx: DbOrTx, note: StaffNotice): Promise<void> {
      await tx.insert(notifications).values({ audience: 'admins', userId: null, ...note });
    },
  };
}

export type PaymentsRepo = ReturnType<typeof createPaymentsRepo>;
