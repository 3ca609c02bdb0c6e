import type { ContaboClient } from '@cloud-vertice/contabo';
import type { AuditInTx } from '../../audit/audit.service.ts';
import { isUniqueViolation } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import type { TAdminImage, TAdminProduct, TImageUpdate, TProductInput } from './catalog.admin.schemas.ts';
import type { CatalogAdminRepo } from './catalog.admin.repo.ts';
import type { ImageRow, ProductRow } from './catalog.repo.ts';
import { presentImage } from './catalog.service.ts';
import { priceForPeriod } from './pricing.ts';

/** Writes the admin's audit row inside the change's transaction: if it fails, the change is rolled back (#15-7). */
type Audit<T> = AuditInTx<T>;
type SyncResult = { added: number; updated: number; disabled: number; total: number };

/**
 * The operator's side of the catalog: plans with costs, period prices and margins, regions with surcharges, and the
 * OS images pulled from Contabo. A plan that has orders is never deleted, only deactivated.
 */
export function createCatalogAdminService(deps: {
  repo: CatalogAdminRepo;
  clock: Clock;
  contabo: () => ContaboClient;
  /** Called after every change so cached public catalog reads are dropped. */
  onChange?: () => void;
}) {
  const changed = () => deps.onChange?.();
  const { repo, clock } = deps;

  async function present(rows: ProductRow[]): Promise<TAdminProduct[]> {
    const ids = rows.map((r) => r.id);
    if (!ids.length) return [];
    const { rules, regions: regionRows, orderCounts } = await repo.productParts(ids);
    return rows.map((row) => ({
      id: row.id,
      contaboProductId: row.contaboProductId,
      name: row.name,
      description: row.description,
      costMinor: row.costMinor,
      sellingPriceMinor: row.sellingPriceMinor,
      currency: row.currency,
      ramMb: row.ramMb,
      cpuCores: row.cpuCores,
      diskGb: row.diskGb,
      diskType: row.diskType,
      snapshotQuota: row.snapshotQuota,
      isActive: row.isActive,
      sortOrder: row.sortOrder,
      regions: regionRows
        .filter((r) => r.productId === row.id)
        .map((r) => ({ code: r.regionCode, surchargeMinor: r.surchargeMinor })),
      prices: rules
        .filter((r) => r.productId === row.id)
        .map((rule) => {
          const price = priceForPeriod(row.sellingPriceMinor, rule);
          const revenue = price.totalMinor + price.setupFeeMinor;
          return {
            periodMonths: rule.periodMonths,
            discountPercent: rule.discountPercent,
            finalPriceMinor: rule.finalPriceMinor,
            setupFeeMinor: rule.setupFeeMinor,
            isActive: rule.isActive,
            totalMinor: price.totalMinor,
            monthlyMinor: price.monthlyMinor,
            costMinor: price.costMinor,
            marginMinor: price.marginMinor,
            marginPercent: revenue > 0 ? Math.round((price.marginMinor / revenue) * 10_000) / 100 : 0,
          };
        }),
      orderCount: orderCounts.find((c) => c.productId === row.id)?.n ?? 0,
    }));
  }

  async function assertRegionsExist(codes: string[]) {
    const known = await repo.knownRegionCodes(codes);
    const missing = codes.filter((c) => !known.includes(c));
    if (missing.length) {
      throw new AppError('validation_error', `Unknown region(s): ${missing.join(', ')}`, [
        { field: 'body.regions', message: `unknown: ${missing.join(', ')}` },
      ]);
    }
  }

  async function write(id: string | null, input: TProductInput, audit?: Audit<string>): Promise<string> {
    await assertRegionsExist(input.regions.map((r) => r.code));
    const { regions: regionInput, prices, ...fields } = input;
    try {
      return await repo.transaction(async (tx) => {
        let productId = id;
        if (productId) {
          if (!(await repo.updateProduct(tx, productId, fields))) throw notFound('Product');
        } else {
          productId = await repo.insertProduct(tx, fields);
        }
        await repo.replaceRegionsAndPrices(tx, productId, { regions: regionInput, prices });
        if (audit) await audit(tx, productId);
        return productId;
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError(
          'conflict',
          `A plan with Contabo product id ${input.contaboProductId} already exists`,
        );
      }
      throw error;
    }
  }

  async function one(id: string): Promise<TAdminProduct> {
    const row = await repo.findProduct(id);
    if (!row) throw notFound('Product');
    return (await present([row]))[0]!;
  }

  const presentAdminImage = (row: ImageRow): TAdminImage => ({
    ...presentImage(row),
    contaboImageId: row.contaboImageId,
    systemName: row.name,
    displayName: row.displayName,
    standardImage: row.standardImage,
    isActive: row.isActive,
    sortOrder: row.sortOrder,
    syncedAt: row.syncedAt,
  });

  return {
    async listProducts(): Promise<{ items: TAdminProduct[]; total: number }> {
      const rows = await repo.listProducts();
      return { items: await present(rows), total: rows.length };
    },
    getProduct: one,
    async createProduct(input: TProductInput, audit?: Audit<string>) {
      const id = await write(null, input, audit);
      changed();
      return one(id);
    },
    async updateProduct(id: string, input: TProductInput, audit?: Audit<string>) {
      await write(id, input, audit);
      changed();
      return one(id);
    },
    /** Deletes a plan nobody ordered; a plan with orders is deactivated instead so its history stays intact. */
    async deleteProduct(
      id: string,
      audit?: Audit<{ deleted: boolean }>,
    ): Promise<{ deleted: boolean; deactivated: boolean }> {
      const product = await one(id);
      const deleted = product.orderCount === 0;
      await repo.transaction(async (tx) => {
        if (deleted) await repo.deleteProduct(id, tx);
        else await repo.deactivateProduct(id, tx);
        if (audit) await audit(tx, { deleted });
      });
      changed();
      return { deleted, deactivated: !deleted };
    },

    async listImages(): Promise<{ items: TAdminImage[]; total: number }> {
      const rows = await repo.listImages();
      return { items: rows.map(presentAdminImage), total: rows.length };
    },

    async updateImage(id: string, patch: TImageUpdate, audit?: Audit<ImageRow>): Promise<TAdminImage> {
      const row = await repo.transaction(async (tx) => {
        const updated = await repo.updateImage(id, patch, tx);
        if (!updated) throw notFound('Image');
        if (audit) await audit(tx, updated);
        return updated;
      });
      changed();
      return presentAdminImage(row);
    },

    /**
     * Pulls Contabo's standard images: new ones arrive disabled (the operator chooses what to sell), known ones get
     * fresh names and versions, and images Contabo no longer offers are disabled.
     */
    async syncImages(audit?: Audit<SyncResult>): Promise<SyncResult> {
      const remote = await deps.contabo().images.listAll({ standardImage: true });
      const now = clock.now();
      const result = await repo.transaction(async (tx) => {
        const existing = await repo.allImages(tx);
        let added = 0;
        let updated = 0;
        for (const image of remote) {
          const known = existing.find((e) => e.contaboImageId === image.imageId);
          const values = {
            name: image.name,
            osType: image.osType ?? 'Linux',
            version: image.version ?? '',
            description: image.description ?? '',
            standardImage: true as const,
            syncedAt: now,
          };
          if (known) {
            await repo.refreshImage(tx, known.id, values);
            updated++;
          } else {
            await repo.addImage(tx, image.imageId, values);
            added++;
          }
        }
        const remoteIds = remote.map((i) => i.imageId);
        const disabled = remoteIds.length ? await repo.disableImagesNotIn(tx, remoteIds, now) : 0;
        const counts = { added, updated, disabled, total: remote.length };
        if (audit) await audit(tx, counts);
        return counts;
      });
      changed();
      return result;
    },
  };
}

export type CatalogAdminService = ReturnType<typeof createCatalogAdminService>;
