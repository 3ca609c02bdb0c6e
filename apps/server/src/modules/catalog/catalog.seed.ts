import { count } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { images, priceRules, productRegions, products, regions } from '../../db/schema/index.ts';

/** Contabo's regions (CreateInstanceRequest.region enum) with our display names and a monthly location surcharge. */
export const SEED_REGIONS = [
  { code: 'EU', name: 'European Union', location: 'Germany', surchargeMinor: 0 },
  { code: 'US-central', name: 'United States (Central)', location: 'St. Louis', surchargeMinor: 150 },
  { code: 'US-east', name: 'United States (East)', location: 'New York', surchargeMinor: 150 },
  { code: 'US-west', name: 'United States (West)', location: 'Seattle', surchargeMinor: 150 },
  { code: 'SIN', name: 'Singapore', location: 'Singapore', surchargeMinor: 300 },
  { code: 'UK', name: 'United Kingdom', location: 'Portsmouth', surchargeMinor: 100 },
  { code: 'AUS', name: 'Australia', location: 'Sydney', surchargeMinor: 300 },
  { code: 'JPN', name: 'Japan', location: 'Tokyo', surchargeMinor: 300 },
  { code: 'IND', name: 'India', location: 'Mumbai', surchargeMinor: 250 },
] as const;

/** The seed plan's table 2.3, with Contabo's monthly cost and our monthly selling price in USD cents. */
export const SEED_PRODUCTS = [
  {
    contaboProductId: 'V91',
    name: 'VPS 10 NVMe',
    ramGb: 4,
    cpu: 2,
    diskGb: 75,
    diskType: 'NVMe',
    cost: 545,
    price: 799,
  },
  {
    contaboProductId: 'V92',
    name: 'VPS 10 SSD',
    ramGb: 4,
    cpu: 2,
    diskGb: 150,
    diskType: 'SSD',
    cost: 545,
    price: 799,
  },
  {
    contaboProductId: 'V94',
    name: 'VPS 20 NVMe',
    ramGb: 8,
    cpu: 4,
    diskGb: 100,
    diskType: 'NVMe',
    cost: 849,
    price: 1299,
  },
  {
    contaboProductId: 'V95',
    name: 'VPS 20 SSD',
    ramGb: 8,
    cpu: 4,
    diskGb: 200,
    diskType: 'SSD',
    cost: 849,
    price: 1299,
  },
  {
    contaboProductId: 'V97',
    name: 'VPS 30 NVMe',
    ramGb: 16,
    cpu: 6,
    diskGb: 200,
    diskType: 'NVMe',
    cost: 1500,
    price: 2199,
  },
  {
    contaboProductId: 'V98',
    name: 'VPS 30 SSD',
    ramGb: 16,
    cpu: 6,
    diskGb: 400,
    diskType: 'SSD',
    cost: 1500,
    price: 2199,
  },
  {
    contaboProductId: 'V8',
    name: 'VDS S',
    ramGb: 24,
    cpu: 4,
    diskGb: 180,
    diskType: 'NVMe',
    cost: 3999,
    price: 5599,
  },
  {
    contaboProductId: 'V9',
    name: 'VDS M',
    ramGb: 48,
    cpu: 8,
    diskGb: 240,
    diskType: 'NVMe',
    cost: 5899,
    price: 7999,
  },
] as const;

/** Period discounts on the monthly price; Contabo's own cost for the period is the monthly cost times the months. */
export const SEED_PERIODS = [
  { periodMonths: 1, discountPercent: 0 },
  { periodMonths: 6, discountPercent: 5 },
  { periodMonths: 12, discountPercent: 10 },
] as const;

/** A few standard images; `POST /api/admin/images/sync` brings Contabo's full list. */
export const SEED_IMAGES = [
  {
    contaboImageId: 'd64d5c6c-9dda-4e38-8174-0ee282474d8a',
    name: 'ubuntu-24.04',
    displayName: 'Ubuntu 24.04 LTS',
    osType: 'Linux',
    version: '24.04',
    licenseFeeMinor: 0,
  },
  {
    contaboImageId: 'afecbb85-e2fc-46f0-9684-b46b1faf00bb',
    name: 'ubuntu-22.04',
    displayName: 'Ubuntu 22.04 LTS',
    osType: 'Linux',
    version: '22.04',
    licenseFeeMinor: 0,
  },
  {
    contaboImageId: '4e9ff4a4-3f6a-4b0e-9a2a-0b2f7c1c3d11',
    name: 'debian-12',
    displayName: 'Debian 12',
    osType: 'Linux',
    version: '12',
    licenseFeeMinor: 0,
  },
  {
    contaboImageId: '9a3c2f1e-7b6d-4c5e-8f4a-1b2c3d4e5f60',
    name: 'almalinux-9',
    displayName: 'AlmaLinux 9',
    osType: 'Linux',
    version: '9',
    licenseFeeMinor: 0,
  },
  {
    contaboImageId: 'e7d6c5b4-a392-4817-9615-d4c3b2a19f8e',
    name: 'windows-server-2022-se',
    displayName: 'Windows Server 2022',
    osType: 'Windows',
    version: '2022',
    // Contabo bills the Windows licence to the reseller every month; an illustrative fee the operator edits under
    // Productos › Imágenes to match their Contabo price list.
    licenseFeeMinor: 1000,
  },
] as const;

const DESCRIPTIONS: Record<string, string> = {
  NVMe: 'NVMe storage for fast databases and applications.',
  SSD: 'More SSD space for files, backups and websites.',
  VDS: 'Dedicated physical cores for steady performance.',
};

export interface SeedResult {
  regions: number;
  products: number;
  images: number;
}

/** Idempotent: regions are upserted by code; products and images only go in when their tables are empty. */
export async function seedCatalog(db: Db): Promise<SeedResult> {
  return db.transaction(async (tx) => {
    const insertedRegions = await tx
      .insert(regions)
      .values(
        SEED_REGIONS.map((r, i) => ({ code: r.code, name: r.name, location: r.location, sortOrder: i })),
      )
      .onConflictDoNothing()
      .returning({ code: regions.code });

    let productCount = 0;
    const [productTotal] = await tx.select({ n: count() }).from(products);
    if (!productTotal?.n) {
      for (const [index, p] of SEED_PRODUCTS.entries()) {
        const [row] = await tx
          .insert(products)
          .values({
            contaboProductId: p.contaboProductId,
            name: p.name,
            description: p.name.startsWith('VDS') ? DESCRIPTIONS.VDS! : DESCRIPTIONS[p.diskType]!,
            costMinor: p.cost,
            sellingPriceMinor: p.price,
            currency: 'USD',
            ramMb: p.ramGb * 1024,
            cpuCores: p.cpu,
            diskGb: p.diskGb,
            diskType: p.diskType,
            snapshotQuota: p.name.startsWith('VDS') ? 3 : 2,
            sortOrder: index,
          })
          .onConflictDoNothing()
          .returning({ id: products.id });
        if (!row) continue;
        productCount++;
        await tx.insert(priceRules).values(
          SEED_PERIODS.map((period) => ({
            productId: row.id,
            periodMonths: period.periodMonths,
            discountPercent: period.discountPercent,
            costMinor: p.cost * period.periodMonths,
          })),
        );
        await tx.insert(productRegions).values(
          SEED_REGIONS.map((r) => ({
            productId: row.id,
            regionCode: r.code,
            surchargeMinor: r.surchargeMinor,
          })),
        );
      }
    }

    let imageCount = 0;
    const [imageTotal] = await tx.select({ n: count() }).from(images);
    if (!imageTotal?.n) {
      const inserted = await tx
        .insert(images)
        .values(SEED_IMAGES.map((img, i) => ({ ...img, description: img.displayName, sortOrder: i })))
        .onConflictDoNothing()
        .returning({ id: images.id });
      imageCount = inserted.length;
    }
    return { regions: insertedRegions.length, products: productCount, images: imageCount };
  });
}
