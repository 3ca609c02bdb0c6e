import { bigint, date, index, integer, pgTable, primaryKey, text, uuid, varchar } from 'drizzle-orm/pg-core';
import { tstz } from './_columns.ts';
import { invoices } from './billing.ts';

/**
 * One row per document that counts in the sales figures (a paid invoice, a credit note not void), with what the
 * console's reports would otherwise recompute from five tables on every request: when it counts, its amounts, its
 * Contabo cost and its dimensions, fixed when the document is paid or issued.
 *
 * Written only by the database: triggers on `invoices` and `transactions` call `sales_ledger_sync` (migration
 * 0004) in the same transaction as the change, so every way a document is written — billing, payments, a test
 * factory, a bulk SQL import — keeps it exact; the migration backfilled the documents that existed before it.
 *
 * Amounts are minor units. `*_minor` are in the document's currency; `pay_*` are the same amounts in the currency
 * of the payment that settled it, converted with the exchange rate frozen on that payment (set only when that
 * currency differs and a rate was frozen). A report in base currency B takes the document's own amounts when its
 * currency is B, the `pay_*` amounts when the payment's currency is B, and otherwise the admin's fallback rate.
 */
export const salesLedger = pgTable(
  'sales_ledger',
  {
    documentId: uuid('document_id')
      .primaryKey()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    /** invoice | credit_note */
    type: varchar('type', { length: 20 }).notNull(),
    userId: uuid('user_id').notNull(),
    /** An invoice counts when it was paid, a credit note when it was issued. */
    at: tstz('at').notNull(),
    currency: varchar('currency', { length: 3 }).notNull(),
    totalMinor: integer('total_minor').notNull(),
    taxMinor: integer('tax_minor').notNull(),
    /** Contabo's cost of what the invoice sold (0 on a credit note: the server was bought). */
    costMinor: bigint('cost_minor', { mode: 'number' }).notNull(),
    payCurrency: varchar('pay_currency', { length: 3 }),
    payTotalMinor: bigint('pay_total_minor', { mode: 'number' }),
    payTaxMinor: bigint('pay_tax_minor', { mode: 'number' }),
    payCostMinor: bigint('pay_cost_minor', { mode: 'number' }),
    /** The payment's provider, or `none`. */
    method: varchar('method', { length: 30 }).notNull(),
    /** new | renewal */
    kind: varchar('kind', { length: 10 }).notNull(),
    productId: uuid('product_id'),
    region: varchar('region', { length: 20 }),
    country: text('country'),
  },
  (t) => [
    // Reports read a date range; customers' spend and lifetime value read one customer's documents.
    index('sales_ledger_at_idx').on(t.at),
    index('sales_ledger_user_idx').on(t.userId, t.at),
    // The few documents in another currency than the base, converted one by one next to the monthly sums.
    index('sales_ledger_currency_idx').on(t.currency, t.at),
  ],
);

/**
 * The sales ledger summed per month (UTC), plan, document type and currencies, kept by `sales_ledger_sync` in the
 * same transaction as the ledger (subtract the document's old row, add its new one), so the dashboard's 12-month
 * series reads a few hundred rows instead of every document. Amounts are sums of the ledger's per-document amounts
 * (already rounded per document), so a sum in the base currency is exact; documents that need a fallback rate are
 * converted one by one from `sales_ledger` (that rounding is per document).
 */
export const salesLedgerMonths = pgTable(
  'sales_ledger_months',
  {
    month: date('month', { mode: 'string' }).notNull(),
    /** The plan's id, or '' for documents without one (a cart of several plans, a manual invoice). */
    productKey: varchar('product_key', { length: 36 }).notNull(),
    type: varchar('type', { length: 20 }).notNull(),
    currency: varchar('currency', { length: 3 }).notNull(),
    /** '' when the documents carry no amounts at a frozen payment rate. */
    payCurrency: varchar('pay_currency', { length: 3 }).notNull(),
    documents: integer('documents').notNull(),
    totalMinor: bigint('total_minor', { mode: 'number' }).notNull(),
    taxMinor: bigint('tax_minor', { mode: 'number' }).notNull(),
    costMinor: bigint('cost_minor', { mode: 'number' }).notNull(),
    payTotalMinor: bigint('pay_total_minor', { mode: 'number' }).notNull(),
    payTaxMinor: bigint('pay_tax_minor', { mode: 'number' }).notNull(),
    payCostMinor: bigint('pay_cost_minor', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.productKey, t.type, t.currency, t.payCurrency] })],
);
