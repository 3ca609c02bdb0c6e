import { notFound } from '../../lib/errors.ts';
import { createTtlCache } from '../../lib/ttl-cache.ts';
import { listOf } from '../../lib/pagination.ts';
import type { CatalogRepo, ImageRow, PriceRuleRow, ProductRegionRow, ProductRow } from './catalog.repo.ts';
import {
  ZProduct,
  type TImage,
  type TProduct,
  type TProductDetail,
  type TProductQuery,
  type TRegion,
} from './catalog.schemas.ts';
import { priceForPeriod } from './pricing.ts';

/** Public catalog: active plans with their period prices and regions, regions and OS images. */
/** Public catalog reads are cached this long (`CATALOG_CACHE_SECONDS`); admin changes clear every instance's cache. */
export const CATALOG_CACHE_MS = 5_000;
const ZProductList = listOf(ZProduct);

export function createCatalogService(repo: CatalogRepo, options: { cacheMs?: number } = {}) {
  const cache = createTtlCache<unknown>(options.cacheMs ?? CATALOG_CACHE_MS);
  const cached = <T>(key: string, load: () => Promise<T>) => cache.get(key, load) as Promise<T>;

  async function present(rows: ProductRow[]): Promise<TProduct[]> {
    const ids = rows.map((r) => r.id);
    const [rules, regionRows] = await Promise.all([repo.priceRulesFor(ids), repo.regionsFor(ids)]);
    return rows.map((row) => presentProduct(row, rules, regionRows));
  }

  return {
    async listProducts(query: TProductQuery): Promise<{ items: TProduct[]; total: number }> {
      return cached(`products:${JSON.stringify(query)}`, async () => {
        const { rows, total } = await repo.listProducts(query);
        return { items: await present(rows), total };
      });
    },

    /**
     * The plan list as UTF-8 JSON bytes, validated against its response schema, serialised and encoded once per cache
     * fill: the hottest public route then costs a cache lookup, not a serialisation nor an encoding (the names carry
     * accents, so a string would be re-encoded and measured on every send) per request.
     */
    async listProductsBody(query: TProductQuery): Promise<Buffer> {
      return cached(`products-body:${JSON.stringify(query)}`, async () =>
        Buffer.from(JSON.stringify(ZProductList.parse(await this.listProducts(query))), 'utf8'),
      );
    },

    /** Drops cached reads after the admin changes plans, prices, regions or images. */
    invalidate(): void {
      cache.clear();
    },

    async getProduct(id: string): Promise<TProductDetail> {
      const row = await repo.findProduct(id);
      if (!row || !row.isActive) throw notFound('Product');
      const [[product], imageRows] = await Promise.all([present([row]), repo.listImages()]);
      return { ...product!, images: imageRows.map(presentImage) };
    },

    async compareProducts(ids: string[]): Promise<{ items: TProduct[]; total: number }> {
      const rows = await repo.findProducts(ids);
      const byId = new Map(rows.filter((r) => r.isActive).map((r) => [r.id, r]));
      if (ids.some((id) => !byId.has(id))) throw notFound('Product');
      const items = await present(ids.map((id) => byId.get(id)!));
      return { items, total: items.length };
    },

    async listRegions(): Promise<{ items: TRegion[]; total: number }> {
      const rows = await repo.listRegions();
      return {
        items: rows.map((r) => ({ code: r.code, name: r.name, location: r.location })),
        total: rows.length,
      };
    },

    async listImages(): Promise<{ items: TImage[]; total: number }> {
      const rows = await repo.listImages();
      return { items: rows.map(presentImage), total: rows.length };
    },
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;

function presentProduct(row: ProductRow, rules: PriceRuleRow[], regionRows: ProductRegionRow[]): TProduct {
  const prices = rules
    .filter((r) => r.productId === row.id)
    .map((rule) => {
      const {
        costMinor: _cost,
        marginMinor: _margin,
        ...publicPrice
      } = priceForPeriod(row.sellingPriceMinor, rule);
      return publicPrice;
    });
  return {
    id: row.id,
    contaboProductId: row.contaboProductId,
    name: row.name,
    description: row.description,
    ramMb: row.ramMb,
    cpuCores: row.cpuCores,
    diskGb: row.diskGb,
    diskType: row.diskType,
    currency: row.currency,
    regions: regionRows
      .filter((r) => r.productId === row.id)
      .map((r) => ({ code: r.code, name: r.name, surchargeMinor: r.surchargeMinor })),
    prices,
    fromMonthlyMinor: prices.length ? Math.min(...prices.map((p) => p.monthlyMinor)) : row.sellingPriceMinor,
  };
}

/** An image as the public catalog shows it (the console's view adds its own fields). */
export function presentImage(row: ImageRow): TImage {
  return {
    id: row.id,
    name: row.displayName ?? row.name,
    osType: row.osType,
    version: row.version,
    description: row.description,
    licenseFeeMinor: row.licenseFeeMinor,
  };
}
