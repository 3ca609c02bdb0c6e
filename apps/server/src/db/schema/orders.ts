import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt } from './_columns.ts';
import { users } from './auth.ts';
import { images, products, regions } from './catalog.ts';

/** One order per VPS; orders placed together from one cart share `checkoutId`. */
export const orders = pgTable(
  'orders',
  {
    id: id(),
    orderNumber: varchar('order_number', { length: 50 }).notNull(),
    checkoutId: uuid('checkout_id'),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    /** pending | paid | processing | provisioning | completed | cancelled */
    status: varchar('status', { length: 30 }).notNull().default('pending'),
    currency: varchar('currency', { length: 3 }).notNull().default('USD'),
    periodMonths: integer('period_months').notNull().default(1),
    /** Prices frozen at order time (minor units). total = subtotal + setup fee + region surcharge + licence fee. */
    subtotalMinor: integer('subtotal_minor').notNull(),
    setupFeeMinor: integer('setup_fee_minor').notNull().default(0),
    regionSurchargeMinor: integer('region_surcharge_minor').notNull().default(0),
    /** The image's licence (e.g. Windows) for the whole period: its monthly fee × months. */
    licenseFeeMinor: integer('license_fee_minor').notNull().default(0),
    totalMinor: integer('total_minor').notNull(),
    costMinor: integer('cost_minor').notNull().default(0),
    region: varchar('region', { length: 20 })
      .notNull()
      .references(() => regions.code),
    imageId: uuid('image_id').references(() => images.id),
    /** Public keys chosen at checkout: [{ name, publicKey, fingerprint, sshKeyId? }]. */
    sshKeys: jsonb('ssh_keys').$type<Array<Record<string, string>>>().notNull().default([]),
    userData: text('user_data'),
    displayName: varchar('display_name', { length: 255 }),
    paymentMethod: varchar('payment_method', { length: 30 }),
    /** pending | paid | failed | refunded */
    paymentStatus: varchar('payment_status', { length: 30 }).notNull().default('pending'),
    adminNotes: text('admin_notes'),
    /** Contabo instance bought or assigned for this order (set by fulfilment). */
    contaboInstanceId: bigint('contabo_instance_id', { mode: 'number' }),
    /** Legal documents accepted at checkout, by document: { terms: 3, refunds: 1 }. */
    legalAccepted: jsonb('legal_accepted').$type<Record<string, number>>(),
    legalAcceptedAt: tstz('legal_accepted_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    paidAt: tstz('paid_at'),
    completedAt: tstz('completed_at'),
    cancelledAt: tstz('cancelled_at'),
  },
  (t) => [
    uniqueIndex('orders_order_number_unique').on(t.orderNumber),
    index('orders_user_idx').on(t.userId, t.createdAt),
    index('orders_status_idx').on(t.status, t.paidAt),
    index('orders_checkout_idx').on(t.checkoutId),
    // The console's "awaiting payment / fulfilment at the start of the month": an order counts there until it was
    // paid or cancelled (completed or cancelled), so these ranges hold only the orders still waiting or settled
    // since, never the whole history.
    index('orders_pending_until_idx').on(
      sql`least(coalesce(${t.paidAt}, 'infinity'::timestamptz), coalesce(${t.cancelledAt}, 'infinity'::timestamptz))`,
      t.createdAt,
    ),
    index('orders_fulfilment_until_idx').on(
      sql`least(coalesce(${t.completedAt}, 'infinity'::timestamptz), coalesce(${t.cancelledAt}, 'infinity'::timestamptz))`,
      t.paidAt,
    ),
  ],
);

/** Every order state transition with its time and actor. */
export const orderStatusHistory = pgTable(
  'order_status_history',
  {
    id: id(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    fromStatus: varchar('from_status', { length: 30 }),
    toStatus: varchar('to_status', { length: 30 }).notNull(),
    /** customer | admin | system */
    actorType: varchar('actor_type', { length: 20 }).notNull(),
    actorId: uuid('actor_id'),
    note: text('note'),
    /** A note the web renders per language: a code (`orders.notes.<code>`) and its parameters. */
    noteCode: varchar('note_code', { length: 50 }),
    noteParams: jsonb('note_params').$type<Record<string, string | number>>(),
    createdAt: createdAt(),
  },
  (t) => [index('order_status_history_order_idx').on(t.orderId, t.createdAt)],
);

/**
 * Intent records for creating a Contabo instance through the API: written before the create call so that a retry,
 * a double click or a crash never buys a second server (one row per order, reconciled by display name/request id).
 */
export const provisioningAttempts = pgTable(
  'provisioning_attempts',
  {
    id: id(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    /** intent | creating | created | ambiguous | failed | rate_limited (retried at `retryAt`) */
    status: varchar('status', { length: 20 }).notNull(),
    /** Creates Contabo refused with 429 so far (each proves nothing was created); the retry job backs off on it. */
    retryCount: integer('retry_count').notNull().default(0),
    retryAt: tstz('retry_at'),
    displayName: varchar('display_name', { length: 255 }).notNull(),
    contaboRequestId: varchar('contabo_request_id', { length: 64 }),
    contaboInstanceId: bigint('contabo_instance_id', { mode: 'number' }),
    error: text('error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('provisioning_attempts_order_unique').on(t.orderId)],
);
