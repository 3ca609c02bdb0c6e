import { and, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.ts';
import { notifications, transactions, webhookEvents } from '../../db/schema/index.ts';

export type TransactionRow = typeof transactions.$inferSelect;
export type NewTransactionRow = typeof transactions.$inferInsert;

export function createPaymentsRepo(db: Db) {
  return {
    db,

    async insert(row: NewTransactionRow): Promise<TransactionRow> {
      const [inserted] = await db.insert(transactions).values(row).returning();
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

    /** Records a webhook delivery; false when this provider event was already received (redelivery). */
    async recordWebhook(
      provider: string,
      eventId: string,
      type: string,
      payload: Record<string, unknown>,
    ): Promise<boolean> {
      const rows = await db
        .insert(webhookEvents)
        .values({ provider, eventId, type, payload })
        .onConflictDoNothing()
        .returning({ id: webhookEvents.id });
      return rows.length > 0;
    },

    async markWebhookProcessed(provider: string, eventId: string): Promise<void> {
      await db
        .update(webhookEvents)
        .set({ processedAt: sql`now()` })
        .where(and(eq(webhookEvents.provider, provider), eq(webhookEvents.eventId, eventId)));
    },

    async forgetWebhook(provider: string, eventId: string): Promise<void> {
      await db
        .delete(webhookEvents)
        .where(and(eq(webhookEvents.provider, provider), eq(webhookEvents.eventId, eventId)));
    },

    async notifyAdmins(
      tx: DbOrTx,
      note: { type: string; title: string; body: string; link?: string },
    ): Promise<void> {
      await tx
        .insert(notifications)
        .values({ audience: 'admins', userId: null, ...note, link: note.link ?? null });
    },
  };
}

export type PaymentsRepo = ReturnType<typeof createPaymentsRepo>;
