import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DbOrTx } from '../../src/db/client.ts';
import * as schema from '../../src/db/schema/index.ts';
import { createDashboardRepo } from '../../src/modules/dashboard/dashboard.repo.ts';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../db.ts';
import { createOrder, createProduct, createRegion, createUser, createVpsInstance } from '../factories.ts';
import { chartsFromSource, servicesFromSource } from '../service-figures-oracle.ts';

/**
 * The service ledger (db/schema/service-ledger.ts) is written by the database in the same transaction as the
 * service, its order or its plan; the dashboard reads its sums. After every kind of change, the figures read from
 * it must be exactly the ones computed from the services themselves (the dashboard's previous queries), and the
 * sums kept change by change must be the ones a rebuild computes from scratch.
 */
let database: TestDatabase;
let db: DbOrTx;
const ids: Record<string, string> = {};

const at = (iso: string) => new Date(iso);
/** Month starts around the data: before it, inside it, and after the last change. */
const MONTHS = [
  '2025-10-01',
  '2025-11-01',
  '2025-12-01',
  '2026-01-01',
  '2026-02-01',
  '2026-03-01',
  '2026-04-01',
];
const CURRENCIES: Array<[string, Record<string, number>]> = [
  ['USD', {}],
  ['USD', { EUR: 1.1 }],
  ['EUR', { USD: 0.9 }],
];

const byKey = <T>(rows: T[]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

async function sums(d: DbOrTx) {
  return {
    now: await queryRows(
      d,
      sql`select product_key, region_key, currency, months, services_active, services_live, services_suspended,
          price_minor::text as price, cost_minor::text as cost
        from service_ledger_now order by 1, 2, 3, 4`,
    ),
    months: await queryRows(
      d,
      sql`select month::text as month, currency, months, services_active, services_suspended,
          price_minor::text as price, cost_minor::text as cost
        from service_ledger_months order by 1, 2, 3`,
    ),
    customers: await queryRows(d, sql`select month::text, customers from customer_ledger_months order by 1`),
    customersNow: await queryRows(d, sql`select customers from customer_ledger_now`),
  };
}

/** The dashboard's figures from the ledger equal the ones from the services, and a rebuild changes nothing. */
async function expectExact() {
  const repo = createDashboardRepo(db);
  for (const month of MONTHS) {
    for (const [base, rates] of CURRENCIES) {
      const t = at(`${month}T00:00:00Z`);
      expect(await repo.services(t, base, rates), `${month} in ${base}`).toEqual(
        await servicesFromSource(db, t, base, rates),
      );
    }
  }
  const charts = await chartsFromSource(db);
  expect(byKey(await repo.activeByPlan())).toEqual(byKey(charts.plans));
  expect(byKey(await repo.liveByRegion())).toEqual(byKey(charts.regions));
  const kept = await sums(db);
  await db.execute(sql`select service_ledger_rebuild()`);
  expect(kept).toEqual(await sums(db));
}

const ledgerRow = async (vpsId: string) =>
  (await db.select().from(schema.serviceLedger).where(eq(schema.serviceLedger.vpsInstanceId, vpsId)))[0];
const update = (vpsId: string, patch: Partial<typeof schema.vpsInstances.$inferInsert>) =>
  db.update(schema.vpsInstances).set(patch).where(eq(schema.vpsInstances.id, vpsId));

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await createRegion(db, { code: 'EU', name: 'Europa' });
  await createRegion(db, { code: 'US-east', name: 'US East' });
  const p1 = await createProduct(db, { name: 'P1', sellingPriceMinor: 800, costMinor: 500 });
  const p2 = await createProduct(db, {
    name: 'P2',
    sellingPriceMinor: 1500,
    costMinor: 1000,
    currency: 'EUR',
  });
  const [u1, u2, u3, u4] = await Promise.all([1, 2, 3, 4].map(() => createUser(db)));
  Object.assign(ids, { p1: p1.id, p2: p2.id, u1: u1!.id, u2: u2!.id, u3: u3!.id, u4: u4!.id });
  const o1 = await createOrder(db, { userId: u1!.id, productId: p1.id, subtotalMinor: 800 });
  // A year in EUR with a region surcharge: 162.00 over 12 months.
  const o2 = await createOrder(db, {
    userId: u2!.id,
    productId: p2.id,
    currency: 'EUR',
    periodMonths: 12,
    subtotalMinor: 15000,
    regionSurchargeMinor: 1200,
  });
  // Six months with a licence, but the service renews monthly: the plan's price applies.
  const o3 = await createOrder(db, {
    userId: u3!.id,
    productId: p1.id,
    periodMonths: 6,
    subtotalMinor: 4500,
    licenseFeeMinor: 300,
  });
  Object.assign(ids, { o2: o2.id, o3: o3.id });
  const vps = async (name: string, o: Parameters<typeof createVpsInstance>[1]) => {
    ids[name] = (await createVpsInstance(db, o)).id;
  };
  await vps('s1', {
    userId: u1!.id,
    productId: p1.id,
    orderId: o1.id,
    assignedAt: at('2025-12-10T08:00:00Z'),
  });
  // Assigned exactly at a month start: it counts from the next one.
  await vps('s2', {
    userId: u2!.id,
    productId: p2.id,
    orderId: o2.id,
    periodMonths: 12,
    status: 'stopped',
    region: 'US-east',
    assignedAt: at('2026-01-01T00:00:00Z'),
  });
  await vps('s3', {
    userId: u2!.id,
    productId: p1.id,
    status: 'provisioning',
    createdAt: at('2026-02-01T10:00:00Z'),
  });
  await vps('s4', {
    userId: u3!.id,
    productId: p1.id,
    orderId: o3.id,
    serviceStatus: 'suspended',
    suspendedAt: at('2026-02-15T00:00:00Z'),
    assignedAt: at('2025-11-20T00:00:00Z'),
  });
  // Terminated exactly at a month start: it still counts at that one.
  await vps('s5', {
    userId: u4!.id,
    productId: p1.id,
    serviceStatus: 'terminated',
    assignedAt: at('2025-10-01T00:00:00Z'),
    terminatedAt: at('2026-03-01T00:00:00Z'),
  });
  // Cancelled with no termination recorded: it never counts.
  await vps('s6', {
    userId: u4!.id,
    productId: p1.id,
    serviceStatus: 'cancelled',
    assignedAt: at('2025-10-01'),
  });
  // No plan and no order: no currency, so never converted.
  await vps('s7', { userId: u3!.id, region: null, assignedAt: at('2025-12-01T00:00:00Z') });
});
afterAll(async () => {
  await database?.destroy();
});

describe(`service ledger (${TEST_ENGINE})`, () => {
  it('is written when services are created, with their previous months', async () => {
    expect(await ledgerRow(ids.s2!)).toMatchObject({
      currency: 'EUR',
      months: 12,
      priceMinor: 16200,
      costMinor: 1000,
      active: true,
      live: true,
      activeFrom: '2026-02-01',
      activeUntil: null,
    });
    expect(await ledgerRow(ids.s4!)).toMatchObject({
      months: 1,
      priceMinor: 800,
      suspended: true,
      activeFrom: '2025-12-01',
      activeUntil: '2026-03-01',
      suspendedFrom: '2026-03-01',
      suspendedUntil: null,
    });
    expect(await ledgerRow(ids.s5!)).toMatchObject({ activeFrom: '2025-11-01', activeUntil: '2026-04-01' });
    expect(await ledgerRow(ids.s6!)).toMatchObject({ activeFrom: null, activeUntil: null });
    await expectExact();
  });

  it('follows status changes, and ignores what it does not read', async () => {
    const before = await queryRows<{ x: string }>(
      db,
      sql`select xmin::text as x from service_ledger where vps_instance_id = ${ids.s1}`,
    );
    // A sync pass: last seen, address, running ⇄ stopped (live either way) leave the ledger row untouched.
    await update(ids.s1!, { lastSyncedAt: new Date(), ipAddress: '203.0.113.99', status: 'stopped' });
    expect(
      await queryRows(db, sql`select xmin::text as x from service_ledger where vps_instance_id = ${ids.s1}`),
    ).toEqual(before);
    await update(ids.s1!, { status: 'rescue' });
    expect((await ledgerRow(ids.s1!))!.live).toBe(false);
    await expectExact();
    await update(ids.s1!, { status: 'running' });
    await update(ids.s3!, { status: 'running', assignedAt: at('2026-02-03T00:00:00Z') });
    await expectExact();
  });

  it('follows suspension, reactivation, termination, a new owner and deletion', async () => {
    await update(ids.s2!, { serviceStatus: 'suspended', suspendedAt: at('2026-03-10T00:00:00Z') });
    await expectExact();
    await update(ids.s2!, { serviceStatus: 'active', suspendedAt: null });
    await expectExact();
    await update(ids.s1!, { serviceStatus: 'terminated', terminatedAt: at('2026-03-05T00:00:00Z') });
    await expectExact();
    await update(ids.s3!, { userId: ids.u4 });
    await expectExact();
    await db.delete(schema.vpsInstances).where(eq(schema.vpsInstances.id, ids.s7!));
    expect(await ledgerRow(ids.s7!)).toBeUndefined();
    await expectExact();
  });

  it("follows a change of the order's or the plan's price", async () => {
    await db
      .update(schema.orders)
      .set({ subtotalMinor: 18000, currency: 'USD' })
      .where(eq(schema.orders.id, ids.o2!));
    expect(await ledgerRow(ids.s2!)).toMatchObject({ currency: 'USD', priceMinor: 19200 });
    await expectExact();
    // The order's period becomes the service's: its price applies now.
    await db.update(schema.orders).set({ periodMonths: 1 }).where(eq(schema.orders.id, ids.o3!));
    expect(await ledgerRow(ids.s4!)).toMatchObject({ months: 1, priceMinor: 4800 });
    await expectExact();
    await db
      .update(schema.products)
      .set({ sellingPriceMinor: 900, costMinor: 550, currency: 'EUR' })
      .where(eq(schema.products.id, ids.p1!));
    expect(await ledgerRow(ids.s3!)).toMatchObject({ currency: 'EUR', priceMinor: 900, costMinor: 550 });
    await expectExact();
  });

  it('is rebuilt after a bulk load that ran with triggers off', async () => {
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await createVpsInstance(tx, { userId: ids.u1, productId: ids.p2, assignedAt: at('2025-10-15') });
      await tx
        .update(schema.vpsInstances)
        .set({ serviceStatus: 'suspended', suspendedAt: at('2026-03-20T00:00:00Z') })
        .where(eq(schema.vpsInstances.id, ids.s3!));
    });
    const repo = createDashboardRepo(db);
    const t = at('2026-04-01T00:00:00Z');
    expect(await repo.services(t, 'USD', {})).not.toEqual(await servicesFromSource(db, t, 'USD', {}));
    // A rebuild also mends sums damaged by hand.
    await db.execute(sql`update customer_ledger_now set customers = customers + 7`);
    await db.execute(sql`delete from service_ledger_now`);
    await db.execute(sql`select service_ledger_rebuild()`);
    expect(await repo.services(t, 'USD', {})).toEqual(await servicesFromSource(db, t, 'USD', {}));
    await expectExact();
  });

  it('counts a customer right when two of their services change at once', async () => {
    const user = await createUser(db);
    const service = (o: Parameters<typeof createVpsInstance>[1]) =>
      createVpsInstance(db, { userId: user.id, productId: ids.p1, assignedAt: at('2025-12-01'), ...o });
    const a = await service({});
    const b = await service({ serviceStatus: 'suspended', suspendedAt: at('2026-03-01T00:00:00Z') });
    // One transaction suspends `a` while another reactivates `b`: the second must count the customer's months
    // with the first's change in (it waits for it), or the customer would leave the count at April 1.
    let firstDone!: () => void;
    const firstUpdated = new Promise<void>((resolve) => (firstDone = resolve));
    const set = (tx: DbOrTx, id: string, patch: Partial<typeof schema.vpsInstances.$inferInsert>) =>
      tx.update(schema.vpsInstances).set(patch).where(eq(schema.vpsInstances.id, id));
    await Promise.all([
      db.transaction(async (tx) => {
        await set(tx, a.id, { serviceStatus: 'suspended', suspendedAt: at('2026-03-02T00:00:00Z') });
        firstDone();
        await new Promise((resolve) => setTimeout(resolve, 300));
      }),
      firstUpdated.then(() =>
        db.transaction((tx) => set(tx, b.id, { serviceStatus: 'active', suspendedAt: null })),
      ),
    ]);
    await expectExact();
  });
});
