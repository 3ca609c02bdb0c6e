import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { vpsInstances } from './vps.ts';

/**
 * One row per service (VPS) with what the console's service figures would otherwise recompute from services, orders
 * and plans on every request: its monthly price and cost, whether it counts now, and the month starts (UTC) at which
 * it counted as active or suspended.
 *
 * Written only by the database: triggers on `vps_instances`, `orders` and `products` call `service_ledger_sync`
 * (migration 0007) in the same transaction as the change, and `service_ledger_rebuild()` recomputes everything
 * after a bulk load run with triggers off. The sums below are kept by the same function (subtract a service's old
 * row, add its new one), so the dashboard reads a few hundred rows instead of every service.
 *
 * The monthly price is kept as an exact fraction, `price_minor / months`: the price agreed on the order for the
 * service's period (subtotal + region surcharge + licence over the period's months), else the plan's monthly price;
 * sums are divided and converted to the base currency only when read, once per currency and period.
 */
export const serviceLedger = pgTable(
  'service_ledger',
  {
    vpsInstanceId: uuid('vps_instance_id')
      .primaryKey()
      .references(() => vpsInstances.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    /** The plan's id, or '' for a service without one. */
    productKey: varchar('product_key', { length: 36 }).notNull(),
    /** The region's code, or '' for a service without one. */
    regionKey: varchar('region_key', { length: 20 }).notNull(),
    /** The order's currency, else the plan's; '' when neither is known (never converted). */
    currency: varchar('currency', { length: 3 }).notNull(),
    /** The divisor of `price_minor`: the order's period when it is the service's, else 1. */
    months: integer('months').notNull(),
    priceMinor: bigint('price_minor', { mode: 'number' }).notNull(),
    /** The plan's monthly Contabo cost. */
    costMinor: bigint('cost_minor', { mode: 'number' }).notNull(),
    /** The service is active now. */
    active: boolean('active').notNull(),
    /** Active and its server running or stopped (not being built, not broken). */
    live: boolean('live').notNull(),
    suspended: boolean('suspended').notNull(),
    /**
     * The month starts T at which the service was active (assigned before T, not ended or suspended before T):
     * from `active_from` (included) to `active_until` (excluded, null: still); both null when there are none.
     */
    activeFrom: date('active_from', { mode: 'string' }),
    activeUntil: date('active_until', { mode: 'string' }),
    /** The month starts at which it was in service but suspended, the same way. */
    suspendedFrom: date('suspended_from', { mode: 'string' }),
    suspendedUntil: date('suspended_until', { mode: 'string' }),
  },
  (t) => [index('service_ledger_user_idx').on(t.userId)],
);

/** The services counting now, summed per plan, region, currency and price period (no row once all are zero). */
export const serviceLedgerNow = pgTable(
  'service_ledger_now',
  {
    productKey: varchar('product_key', { length: 36 }).notNull(),
    regionKey: varchar('region_key', { length: 20 }).notNull(),
    currency: varchar('currency', { length: 3 }).notNull(),
    months: integer('months').notNull(),
    servicesActive: integer('services_active').notNull(),
    servicesLive: integer('services_live').notNull(),
    servicesSuspended: integer('services_suspended').notNull(),
    /** Sums over the active services. */
    priceMinor: bigint('price_minor', { mode: 'number' }).notNull(),
    costMinor: bigint('cost_minor', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.productKey, t.regionKey, t.currency, t.months] })],
);

/**
 * How the service figures change at each month start, per currency and price period: a service active from month
 * A to month B adds its price, cost and one service at A and takes them away at B. A figure at month start T is the
 * sum of the rows up to T (a few rows per month of history).
 */
export const serviceLedgerMonths = pgTable(
  'service_ledger_months',
  {
    month: date('month', { mode: 'string' }).notNull(),
    currency: varchar('currency', { length: 3 }).notNull(),
    months: integer('months').notNull(),
    servicesActive: integer('services_active').notNull(),
    servicesSuspended: integer('services_suspended').notNull(),
    priceMinor: bigint('price_minor', { mode: 'number' }).notNull(),
    costMinor: bigint('cost_minor', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.currency, t.months] })],
);

/**
 * Customers with at least one active service: how their number changes at each month start (a customer counts
 * from the first month start at which one of their services was active to the first at which none was).
 */
export const customerLedgerMonths = pgTable('customer_ledger_months', {
  month: date('month', { mode: 'string' }).primaryKey(),
  customers: integer('customers').notNull(),
});

/** Customers with at least one active service now (one row). */
export const customerLedgerNow = pgTable(
  'customer_ledger_now',
  {
    id: smallint('id').primaryKey().default(1),
    customers: integer('customers').notNull(),
  },
  (t) => [check('customer_ledger_now_one_row', sql`${t.id} = 1`)],
);
