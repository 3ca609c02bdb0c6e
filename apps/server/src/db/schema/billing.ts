import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt } from './_columns.ts';
import { users } from './auth.ts';
import { orders } from './orders.ts';
import { vpsInstances } from './vps.ts';

/** Gap-free counters (order and invoice numbers), incremented with UPDATE … RETURNING inside the issuing transaction. */
export const numberSequences = pgTable(
  'number_sequences',
  {
    scope: varchar('scope', { length: 50 }).notNull(),
    year: integer('year').notNull(),
    lastValue: integer('last_value').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.scope, t.year] })],
);

export const invoices = pgTable(
  'invoices',
  {
    id: id(),
    /** Assigned when issued; drafts have none. */
    invoiceNumber: varchar('invoice_number', { length: 50 }),
    /** invoice | credit_note */
    type: varchar('type', { length: 20 }).notNull().default('invoice'),
    referenceInvoiceId: uuid('reference_invoice_id'),
    orderId: uuid('order_id').references(() => orders.id),
    vpsInstanceId: uuid('vps_instance_id').references(() => vpsInstances.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** draft | issued | paid | overdue | void */
    status: varchar('status', { length: 20 }).notNull().default('draft'),
    currency: varchar('currency', { length: 3 }).notNull(),
    subtotalMinor: integer('subtotal_minor').notNull().default(0),
    discountMinor: integer('discount_minor').notNull().default(0),
    taxMinor: integer('tax_minor').notNull().default(0),
    totalMinor: integer('total_minor').notNull().default(0),
    taxName: varchar('tax_name', { length: 30 }),
    taxRate: numeric('tax_rate', { precision: 6, scale: 3, mode: 'number' }),
    /** inclusive | exclusive */
    taxMode: varchar('tax_mode', { length: 10 }).notNull().default('exclusive'),
    /** Bill-to and seller data frozen when issued. */
    billTo: jsonb('bill_to').$type<Record<string, unknown>>().notNull().default({}),
    seller: jsonb('seller').$type<Record<string, unknown>>().notNull().default({}),
    language: varchar('language', { length: 5 }).notNull().default('es'),
    periodStart: tstz('period_start'),
    periodEnd: tstz('period_end'),
    /** Makes job-issued invoices idempotent, e.g. `renewal:<vpsId>:<periodStart>`. */
    idempotencyKey: varchar('idempotency_key', { length: 200 }),
    issuedAt: tstz('issued_at'),
    dueAt: tstz('due_at'),
    paidAt: tstz('paid_at'),
    voidedAt: tstz('voided_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('invoices_invoice_number_unique').on(t.invoiceNumber),
    uniqueIndex('invoices_idempotency_key_unique').on(t.idempotencyKey),
    index('invoices_user_idx').on(t.userId, t.createdAt),
    index('invoices_status_due_idx').on(t.status, t.dueAt),
    index('invoices_vps_period_idx').on(t.vpsInstanceId, t.periodStart),
    index('invoices_reference_idx').on(t.referenceInvoiceId),
    // Sales figures and reports read paid invoices by payment date and credit notes by issue date.
    index('invoices_type_status_paid_idx').on(t.type, t.status, t.paidAt),
    index('invoices_type_issued_idx').on(t.type, t.issuedAt),
    // The console's "unpaid past due" alert: counted and listed oldest first from this index alone.
    index('invoices_overdue_idx')
      .on(t.dueAt)
      .where(sql`${t.type} = 'invoice' and ${t.status} in ('issued', 'overdue')`),
  ],
);

/**
 * Every lifecycle notice sent (renewal reminders, overdue notices, termination warnings), unique by key such as
 * `reminder:<invoiceId>:3`: the row is inserted in the transaction that queues the e-mail, so a rerun or a second
 * job instance sends nothing more.
 */
export const billingNotices = pgTable(
  'billing_notices',
  {
    id: id(),
    key: varchar('key', { length: 200 }).notNull(),
    kind: varchar('kind', { length: 40 }).notNull(),
    userId: uuid('user_id').references(() => users.id),
    invoiceId: uuid('invoice_id').references(() => invoices.id),
    vpsInstanceId: uuid('vps_instance_id').references(() => vpsInstances.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('billing_notices_key_unique').on(t.key),
    index('billing_notices_invoice_idx').on(t.invoiceId, t.kind),
    index('billing_notices_vps_idx').on(t.vpsInstanceId, t.kind),
  ],
);

export const invoiceItems = pgTable(
  'invoice_items',
  {
    id: id(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    description: text('description').notNull(),
    quantity: integer('quantity').notNull().default(1),
    unitPriceMinor: integer('unit_price_minor').notNull(),
    discountMinor: integer('discount_minor').notNull().default(0),
    taxMinor: integer('tax_minor').notNull().default(0),
    totalMinor: integer('total_minor').notNull(),
    periodStart: tstz('period_start'),
    periodEnd: tstz('period_end'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('invoice_items_invoice_idx').on(t.invoiceId)],
);

/** Every payment attempt and result, and refunds. */
export const transactions = pgTable(
  'transactions',
  {
    id: id(),
    orderId: uuid('order_id').references(() => orders.id),
    invoiceId: uuid('invoice_id').references(() => invoices.id),
    checkoutId: uuid('checkout_id'),
    /** Every order this payment settles (one, or all orders of a cart paid together). */
    orderIds: jsonb('order_ids').$type<string[]>().notNull().default([]),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** payment | refund */
    kind: varchar('kind', { length: 20 }).notNull().default('payment'),
    provider: varchar('provider', { length: 30 }).notNull(),
    providerTxId: varchar('provider_tx_id', { length: 255 }),
    providerEventId: varchar('provider_event_id', { length: 255 }),
    amountMinor: integer('amount_minor').notNull(),
    currency: varchar('currency', { length: 3 }).notNull(),
    /** Amount charged in the gateway's currency with the admin rate frozen at creation. */
    providerAmountMinor: integer('provider_amount_minor'),
    providerCurrency: varchar('provider_currency', { length: 3 }),
    exchangeRate: numeric('exchange_rate', { precision: 18, scale: 8, mode: 'number' }),
    /** pending | succeeded | failed | cancelled | refunded | mismatch */
    status: varchar('status', { length: 20 }).notNull().default('pending'),
    reference: varchar('reference', { length: 255 }),
    raw: jsonb('raw').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('transactions_provider_tx_unique').on(t.provider, t.providerTxId),
    index('transactions_order_idx').on(t.orderId),
    index('transactions_user_idx').on(t.userId, t.createdAt),
    // The payment behind an invoice (its frozen exchange rate and method), for reports.
    index('transactions_invoice_idx').on(t.invoiceId),
    // The console's "payment mismatches" alert.
    index('transactions_status_idx').on(t.status, t.createdAt),
  ],
);

/** Webhook deliveries, unique per provider event id so a redelivery is processed once. */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: id(),
    provider: varchar('provider', { length: 30 }).notNull(),
    eventId: varchar('event_id', { length: 255 }).notNull(),
    type: varchar('type', { length: 100 }),
    payload: jsonb('payload').$type<Record<string, unknown>>(),
    processedAt: tstz('processed_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('webhook_events_provider_event_unique').on(t.provider, t.eventId)],
);
