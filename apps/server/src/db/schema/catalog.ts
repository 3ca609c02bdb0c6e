import {
  boolean,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt } from './_columns.ts';

/** Catalog domain: plans we sell (mapped to Contabo product ids), their period prices, regions and OS images. */
export const products = pgTable(
  'products',
  {
    id: id(),
    contaboProductId: varchar('contabo_product_id', { length: 20 }).notNull(),
    name: varchar('name', { length: 100 }).notNull(),
    description: text('description').notNull().default(''),
    /** Contabo's monthly cost and our monthly selling price, integer minor units of `currency`. */
    costMinor: integer('cost_minor').notNull(),
    sellingPriceMinor: integer('selling_price_minor').notNull(),
    currency: varchar('currency', { length: 3 }).notNull().default('USD'),
    ramMb: integer('ram_mb').notNull(),
    cpuCores: integer('cpu_cores').notNull(),
    diskGb: integer('disk_gb').notNull(),
    diskType: varchar('disk_type', { length: 20 }).notNull(),
    snapshotQuota: integer('snapshot_quota').notNull().default(1),
    isActive: boolean('is_active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('products_contabo_product_id_unique').on(t.contaboProductId),
    index('products_active_sort_idx').on(t.isActive, t.sortOrder),
  ],
);

/** Price per billing period: a discount on the monthly price or a fixed final price, plus Contabo's cost. */
export const priceRules = pgTable(
  'price_rules',
  {
    id: id(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    periodMonths: integer('period_months').notNull(),
    discountPercent: numeric('discount_percent', { precision: 5, scale: 2, mode: 'number' })
      .notNull()
      .default(0),
    finalPriceMinor: integer('final_price_minor'),
    costMinor: integer('cost_minor').notNull(),
    setupFeeMinor: integer('setup_fee_minor').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('price_rules_product_period_unique').on(t.productId, t.periodMonths)],
);

export const regions = pgTable('regions', {
  code: varchar('code', { length: 20 }).primaryKey(),
  name: varchar('name', { length: 100 }).notNull(),
  location: varchar('location', { length: 100 }).notNull(),
  isActive: boolean('is_active').notNull().default(true),
  sortOrder: integer('sort_order').notNull().default(0),
});

/** Regions a product may be ordered in, with an optional monthly surcharge. */
export const productRegions = pgTable(
  'product_regions',
  {
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    regionCode: varchar('region_code', { length: 20 })
      .notNull()
      .references(() => regions.code),
    surchargeMinor: integer('surcharge_minor').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.productId, t.regionCode] }),
    index('product_regions_region_idx').on(t.regionCode),
  ],
);

export const images = pgTable(
  'images',
  {
    id: id(),
    contaboImageId: varchar('contabo_image_id', { length: 64 }).notNull(),
    name: varchar('name', { length: 255 }).notNull(),
    displayName: varchar('display_name', { length: 255 }),
    osType: varchar('os_type', { length: 20 }).notNull(),
    version: varchar('version', { length: 50 }).notNull().default(''),
    description: text('description').notNull().default(''),
    standardImage: boolean('standard_image').notNull().default(true),
    /**
     * Monthly licence surcharge, integer minor units of the store currency (`store.currency`): Contabo bills a
     * Windows licence to the reseller, so the customer pays it on top of the plan, every period.
     */
    licenseFeeMinor: integer('license_fee_minor').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    syncedAt: tstz('synced_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('images_contabo_image_id_unique').on(t.contaboImageId),
    index('images_active_idx').on(t.isActive),
  ],
);
