/** Test factories: Invoices, their items and notices, number sequences, payment transactions and webhook events. */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../src/db/client.ts';
import * as t from '../../src/db/schema/index.ts';
import { createUser } from './accounts.ts';
import { next, type Insert } from './shared.ts';

export async function createInvoice(db: DbOrTx, o: Insert<typeof t.invoices> = {}) {
  const userId = o.userId ?? (await createUser(db)).id;
  const [row] = await db
    .insert(t.invoices)
    .values({ currency: 'USD', subtotalMinor: 800, totalMinor: 800, ...o, userId })
    .returning();
  return row!;
}

export async function createInvoiceItem(db: DbOrTx, o: Insert<typeof t.invoiceItems> = {}) {
  const invoiceId = o.invoiceId ?? (await createInvoice(db)).id;
  const [row] = await db
    .insert(t.invoiceItems)
    .values({ description: 'VPS 10 NVMe — 1 mes', unitPriceMinor: 800, totalMinor: 800, ...o, invoiceId })
    .returning();
  return row!;
}

export async function createBillingNotice(db: DbOrTx, o: Insert<typeof t.billingNotices> = {}) {
  const invoiceId = o.invoiceId ?? (await createInvoice(db)).id;
  const [row] = await db
    .insert(t.billingNotices)
    .values({ key: `reminder:${invoiceId}:${next()}`, kind: 'reminder', ...o, invoiceId })
    .returning();
  return row!;
}

export async function createNumberSequence(db: DbOrTx, o: Insert<typeof t.numberSequences> = {}) {
  const [row] = await db
    .insert(t.numberSequences)
    .values({ scope: `test-${next()}`, year: 2026, ...o })
    .returning();
  return row!;
}

export async function createTransaction(db: DbOrTx, o: Insert<typeof t.transactions> = {}) {
  const userId = o.userId ?? (await createUser(db)).id;
  const [row] = await db
    .insert(t.transactions)
    .values({
      provider: 'sandbox',
      providerTxId: randomUUID(),
      amountMinor: 800,
      currency: 'USD',
      ...o,
      userId,
    })
    .returning();
  return row!;
}

export async function createWebhookEvent(db: DbOrTx, o: Insert<typeof t.webhookEvents> = {}) {
  const [row] = await db
    .insert(t.webhookEvents)
    .values({ provider: 'stripe', eventId: `evt_${randomUUID()}`, ...o })
    .returning();
  return row!;
}

/**
 * The sales ledger is written by the database (triggers on invoices and transactions): its factory creates a paid
 * invoice and returns the row the trigger wrote for it.
 */
export async function createSalesLedgerEntry(db: DbOrTx, o: Insert<typeof t.invoices> = {}) {
  const invoice = await createInvoice(db, { status: 'paid', paidAt: new Date(), ...o });
  const [row] = await db.select().from(t.salesLedger).where(eq(t.salesLedger.documentId, invoice.id));
  return row!;
}

/** The monthly sums the same triggers keep: a paid invoice's month and plan. */
export async function createSalesLedgerMonth(db: DbOrTx, o: Insert<typeof t.invoices> = {}) {
  const entry = await createSalesLedgerEntry(db, o);
  const month = `${entry.at.toISOString().slice(0, 7)}-01`;
  const rows = await db.select().from(t.salesLedgerMonths).where(eq(t.salesLedgerMonths.month, month));
  return rows.find((r) => r.productKey === (entry.productId ?? '') && r.currency === entry.currency)!;
}

/** The per-due-day count of unpaid invoices the triggers keep: an issued invoice's due day. */
export async function createUnpaidInvoiceDay(db: DbOrTx, o: Insert<typeof t.invoices> = {}) {
  const invoice = await createInvoice(db, {
    status: 'issued',
    dueAt: new Date('2026-01-15T12:00:00Z'),
    ...o,
  });
  const day = invoice.dueAt!.toISOString().slice(0, 10);
  const [row] = await db.select().from(t.unpaidInvoiceDays).where(eq(t.unpaidInvoiceDays.day, day));
  return row!;
}
