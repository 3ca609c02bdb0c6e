/** Test factories: The catalogue (regions, products, price rules, images) and orders with their history. */
import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '../../src/db/client.ts';
import * as t from '../../src/db/schema/index.ts';
import { createUser } from './accounts.ts';
import { next, type Insert } from './shared.ts';

export async function createRegion(db: DbOrTx, o: Insert<typeof t.regions> = {}) {
  const [row] = await db
    .insert(t.regions)
    .values({ code: `R${next()}`, name: 'Test region', location: 'Testland', ...o })
    .onConflictDoUpdate({ target: t.regions.code, set: { isActive: o.isActive ?? true } })
    .returning();
  return row!;
}

export async function createProduct(
  db: DbOrTx,
  o: Insert<typeof t.products> & { regions?: string[]; periods?: number[] } = {},
) {
  const { regions = ['EU'], periods = [1, 6, 12], ...values } = o;
  const n = next();
  const [row] = await db
    .insert(t.products)
    .values({
      contaboProductId: `T${n}`,
      name: `Test plan ${n}`,
      costMinor: 500,
      sellingPriceMinor: 800,
      ramMb: 4096,
      cpuCores: 2,
      diskGb: 75,
      diskType: 'NVMe',
      ...values,
    })
    .returning();
  for (const code of regions) {
    await createRegion(db, { code });
    await db.insert(t.productRegions).values({ productId: row!.id, regionCode: code }).onConflictDoNothing();
  }
  for (const periodMonths of periods) {
    await createPriceRule(db, { productId: row!.id, periodMonths, costMinor: row!.costMinor * periodMonths });
  }
  return row!;
}

export async function createPriceRule(db: DbOrTx, o: Insert<typeof t.priceRules> = {}) {
  const productId = o.productId ?? (await createProduct(db, { periods: [] })).id;
  const [row] = await db
    .insert(t.priceRules)
    .values({ periodMonths: 1, costMinor: 500, ...o, productId })
    .returning();
  return row!;
}

export async function createProductRegion(db: DbOrTx, o: Insert<typeof t.productRegions> = {}) {
  const productId = o.productId ?? (await createProduct(db, { regions: [] })).id;
  const regionCode = o.regionCode ?? (await createRegion(db)).code;
  const [row] = await db
    .insert(t.productRegions)
    .values({ ...o, productId, regionCode })
    .returning();
  return row!;
}

export async function createImage(db: DbOrTx, o: Insert<typeof t.images> = {}) {
  const n = next();
  const [row] = await db
    .insert(t.images)
    .values({ contaboImageId: randomUUID(), name: `test-os-${n}`, osType: 'Linux', version: String(n), ...o })
    .returning();
  return row!;
}

export async function createOrder(db: DbOrTx, o: Insert<typeof t.orders> = {}) {
  const userId = o.userId ?? (await createUser(db)).id;
  const productId = o.productId ?? (await createProduct(db)).id;
  if (!o.region) await createRegion(db, { code: 'EU' });
  const [row] = await db
    .insert(t.orders)
    .values({
      orderNumber: `CV-TEST-${String(next()).padStart(6, '0')}-${randomUUID().slice(0, 4)}`,
      subtotalMinor: 800,
      totalMinor: 800,
      region: 'EU',
      ...o,
      userId,
      productId,
    })
    .returning();
  return row!;
}

export async function createOrderStatusChange(db: DbOrTx, o: Insert<typeof t.orderStatusHistory> = {}) {
  const orderId = o.orderId ?? (await createOrder(db)).id;
  const [row] = await db
    .insert(t.orderStatusHistory)
    .values({ toStatus: 'pending', actorType: 'system', ...o, orderId })
    .returning();
  return row!;
}

export async function createProvisioningAttempt(db: DbOrTx, o: Insert<typeof t.provisioningAttempts> = {}) {
  const orderId = o.orderId ?? (await createOrder(db, { status: 'provisioning' })).id;
  const [row] = await db
    .insert(t.provisioningAttempts)
    .values({ status: 'intent', displayName: `cv-${orderId.slice(0, 8)}`, ...o, orderId })
    .returning();
  return row!;
}
