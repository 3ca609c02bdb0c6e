import { and, asc, count, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { images, priceRules, productRegions, products, regions } from '../../db/schema/index.ts';
import type { TProductQuery } from './catalog.schemas.ts';

export type ProductRow = typeof products.$inferSelect;
export type PriceRuleRow = typeof priceRules.$inferSelect;
export type RegionRow = typeof regions.$inferSelect;
export type ImageRow = typeof images.$inferSelect;
export interface ProductRegionRow {
  productId: string;
  code: string;
  name: string;
  surchargeMinor: number;
}

const SORT_COLUMNS = {
  price: products.sellingPriceMinor,
  ram: products.ramMb,
  cpu: products.cpuCores,
  disk: products.diskGb,
} as const;

export function createCatalogRepo(db: Db) {
  return {
    async listProducts(q: TProductQuery): Promise<{ rows: ProductRow[]; total: number }> {
      const where = and(
        eq(products.isActive, true),
        q.ramMin !== undefined ? gte(products.ramMb, Math.round(q.ramMin * 1024)) : undefined,
        q.cpuMin !== undefined ? gte(products.cpuCores, q.cpuMin) : undefined,
        q.diskMin !== undefined ? gte(products.diskGb, q.diskMin) : undefined,
        q.diskType ? eq(products.diskType, q.diskType) : undefined,
        q.region
          ? sql`exists (select 1 from ${productRegions} pr where pr.product_id = ${products.id} and pr.region_code = ${q.region})`
          : undefined,
      );
      const key = q.sort.replace('-', '') as keyof typeof SORT_COLUMNS;
      const direction = q.sort.startsWith('-') ? desc : asc;
      const [rows, [totals]] = await Promise.all([
        db
          .select()
          .from(products)
          .where(where)
          .orderBy(direction(SORT_COLUMNS[key]), asc(products.sortOrder), asc(products.name))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        db.select({ total: count() }).from(products).where(where),
      ]);
      return { rows, total: totals?.total ?? 0 };
    },

    async findProduct(id: string): Promise<ProductRow | undefined> {
      const [row] = await db.select().from(products).where(eq(products.id, id));
      return row;
    },

    async findProducts(ids: string[]): Promise<ProductRow[]> {
      if (!ids.length) return [];
      return db.select().from(products).where(inArray(products.id, ids));
    },

    async priceRulesFor(productIds: string[]): Promise<PriceRuleRow[]> {
      if (!productIds.length) return [];
      return db
        .select()
        .from(priceRules)
        .where(and(inArray(priceRules.productId, productIds), eq(priceRules.isActive, true)))
        .orderBy(asc(priceRules.periodMonths));
    },

    async regionsFor(productIds: string[]): Promise<ProductRegionRow[]> {
      if (!productIds.length) return [];
      return db
        .select({
          productId: productRegions.productId,
          code: regions.code,
          name: regions.name,
          surchargeMinor: productRegions.surchargeMinor,
        })
        .from(productRegions)
        .innerJoin(regions, eq(regions.code, productRegions.regionCode))
        .where(and(inArray(productRegions.productId, productIds), eq(regions.isActive, true)))
        .orderBy(asc(regions.sortOrder));
    },

    async findProductByContaboId(contaboProductId: string): Promise<ProductRow | undefined> {
      const [row] = await db.select().from(products).where(eq(products.contaboProductId, contaboProductId));
      return row;
    },

    async findImage(id: string): Promise<ImageRow | undefined> {
      const [row] = await db.select().from(images).where(eq(images.id, id));
      return row;
    },

    async listRegions(): Promise<RegionRow[]> {
      return db.select().from(regions).where(eq(regions.isActive, true)).orderBy(asc(regions.sortOrder));
    },

    async listImages(): Promise<ImageRow[]> {
      return db
        .select()
        .from(images)
        .where(eq(images.isActive, true))
        .orderBy(asc(images.sortOrder), asc(images.name));
    },
  };
}

export type CatalogRepo = ReturnType<typeof createCatalogRepo>;
