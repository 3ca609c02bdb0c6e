import { asc, count, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { unitOfWork, type Db, type DbOrTx } from '../../db/client.ts';
import { images, orders, priceRules, productRegions, products, regions } from '../../db/schema/index.ts';
import type { TImageUpdate, TProductInput } from './catalog.admin.schemas.ts';
import type { ImageRow, PriceRuleRow, ProductRow } from './catalog.repo.ts';

type ProductFields = Omit<TProductInput, 'regions' | 'prices'>;
/** What an image sync writes for one of Contabo's standard images. */
export interface SyncedImageValues {
  name: string;
  osType: string;
  version: string;
  description: string;
  standardImage: true;
  syncedAt: Date;
}

/** The operator's catalog queries: every plan (active or not) with its rules, regions and order counts, and images. */
export function createCatalogAdminRepo(db: Db) {
  return {
    transaction: unitOfWork(db),

    async listProducts(): Promise<ProductRow[]> {
      return db.select().from(products).orderBy(asc(products.sortOrder), asc(products.name));
    },

    async findProduct(id: string): Promise<ProductRow | undefined> {
      const [row] = await db.select().from(products).where(eq(products.id, id));
      return row;
    },

    /** Every price rule (active or not), the regions and the number of orders of these plans. */
    async productParts(ids: string[]): Promise<{
      rules: PriceRuleRow[];
      regions: Array<typeof productRegions.$inferSelect>;
      orderCounts: Array<{ productId: string; n: number }>;
    }> {
      const [rules, regionRows, orderCounts] = await Promise.all([
        db
          .select()
          .from(priceRules)
          .where(inArray(priceRules.productId, ids))
          .orderBy(asc(priceRules.periodMonths)),
        db.select().from(productRegions).where(inArray(productRegions.productId, ids)),
        db
          .select({ productId: orders.productId, n: count() })
          .from(orders)
          .where(inArray(orders.productId, ids))
          .groupBy(orders.productId),
      ]);
      return { rules, regions: regionRows, orderCounts };
    },

    async knownRegionCodes(codes: string[]): Promise<string[]> {
      const rows = await db.select({ code: regions.code }).from(regions).where(inArray(regions.code, codes));
      return rows.map((r) => r.code);
    },

    async insertProduct(tx: DbOrTx, fields: ProductFields): Promise<string> {
      const [row] = await tx.insert(products).values(fields).returning({ id: products.id });
      return row!.id;
    },

    /** Updates a plan's own fields; false when there is no such plan. */
    async updateProduct(tx: DbOrTx, id: string, fields: ProductFields): Promise<boolean> {
      const [row] = await tx
        .update(products)
        .set(fields)
        .where(eq(products.id, id))
        .returning({ id: products.id });
      return Boolean(row);
    },

    /** Replaces a plan's regions and price rules with the given ones. */
    async replaceRegionsAndPrices(
      tx: DbOrTx,
      productId: string,
      input: Pick<TProductInput, 'regions' | 'prices'>,
    ): Promise<void> {
      await tx.delete(productRegions).where(eq(productRegions.productId, productId));
      await tx.delete(priceRules).where(eq(priceRules.productId, productId));
      await tx
        .insert(productRegions)
        .values(
          input.regions.map((r) => ({ productId, regionCode: r.code, surchargeMinor: r.surchargeMinor })),
        );
      await tx.insert(priceRules).values(input.prices.map((p) => ({ ...p, productId })));
    },

    async deactivateProduct(id: string, tx: DbOrTx = db): Promise<void> {
      await tx.update(products).set({ isActive: false }).where(eq(products.id, id));
    },

    async deleteProduct(id: string, tx: DbOrTx = db): Promise<void> {
      await tx.delete(products).where(eq(products.id, id));
    },

    async listImages(): Promise<ImageRow[]> {
      return db.select().from(images).orderBy(asc(images.sortOrder), asc(images.name));
    },

    async updateImage(id: string, patch: TImageUpdate, tx: DbOrTx = db): Promise<ImageRow | undefined> {
      const [row] = await tx.update(images).set(patch).where(eq(images.id, id)).returning();
      return row;
    },

    async allImages(tx: DbOrTx): Promise<ImageRow[]> {
      return tx.select().from(images);
    },

    async refreshImage(tx: DbOrTx, id: string, values: SyncedImageValues): Promise<void> {
      await tx.update(images).set(values).where(eq(images.id, id));
    },

    /** A standard image Contabo offers that we did not know: it arrives disabled (the operator chooses). */
    async addImage(tx: DbOrTx, contaboImageId: string, values: SyncedImageValues): Promise<void> {
      await tx.insert(images).values({ ...values, contaboImageId, isActive: false, sortOrder: 100 });
    },

    /** Disables the active standard images Contabo no longer offers; returns how many. */
    async disableImagesNotIn(tx: DbOrTx, contaboImageIds: string[], now: Date): Promise<number> {
      const rows = await tx
        .update(images)
        .set({ isActive: false, syncedAt: now })
        .where(
          sql`${images.standardImage} and ${images.isActive} and ${notInArray(images.contaboImageId, contaboImageIds)}`,
        )
        .returning({ id: images.id });
      return rows.length;
    },
  };
}

export type CatalogAdminRepo = ReturnType<typeof createCatalogAdminRepo>;
