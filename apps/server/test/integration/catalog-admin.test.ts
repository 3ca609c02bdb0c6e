import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, images } from '../../src/db/schema/index.ts';
import { api, customer, CHECKOUT_TERMS, useTestAppWithAdmin } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';

const { t, asAdmin } = useTestAppWithAdmin();

const newPlan = (over: Record<string, unknown> = {}) => ({
  contaboProductId: 'V96',
  name: 'VPS 40 NVMe',
  description: 'Más memoria',
  costMinor: 2000,
  sellingPriceMinor: 2999,
  ramMb: 32768,
  cpuCores: 8,
  diskGb: 300,
  diskType: 'NVMe',
  regions: [
    { code: 'EU', surchargeMinor: 0 },
    { code: 'SIN', surchargeMinor: 400 },
  ],
  prices: [
    { periodMonths: 1, costMinor: 2000 },
    { periodMonths: 12, discountPercent: 15, costMinor: 22000, setupFeeMinor: 0 },
    { periodMonths: 6, finalPriceMinor: 15000, costMinor: 11500, setupFeeMinor: 500 },
  ],
  ...over,
});

describe(`catalog administration (${TEST_ENGINE})`, () => {
  it('lists every plan with Contabo cost, prices and the margin of each period', async () => {
    const list = (await asAdmin({ method: 'GET', url: '/api/admin/products' })).json();
    expect(list.total).toBe(8);
    const v91 = list.items.find((p: { contaboProductId: string }) => p.contaboProductId === 'V91');
    expect(v91.prices.find((p: { periodMonths: number }) => p.periodMonths === 12)).toMatchObject({
      totalMinor: 8629,
      costMinor: 6540,
      marginMinor: 2089,
      marginPercent: 24.21,
    });
  });

  it('creates, replaces and audits a plan; the public catalog follows', async () => {
    expect((await t.app.inject('/api/products?pageSize=100')).json().total).toBe(8);
    const created = await asAdmin({ method: 'POST', url: '/api/admin/products', payload: newPlan() });
    expect(created.statusCode).toBe(201);
    const plan = created.json();
    expect(plan.prices.map((p: { periodMonths: number }) => p.periodMonths)).toEqual([1, 6, 12]);
    expect(plan.prices[1]).toMatchObject({
      totalMinor: 15000,
      setupFeeMinor: 500,
      marginMinor: 15000 + 500 - 11500,
    });
    // The cached public list is dropped by the admin change at once.
    expect((await t.app.inject('/api/products?pageSize=100')).json().total).toBe(9);
    const pub = (await t.app.inject(`/api/products/${plan.id}`)).json();
    expect(pub.regions).toEqual([
      { code: 'EU', name: 'European Union', surchargeMinor: 0 },
      { code: 'SIN', name: 'Singapore', surchargeMinor: 400 },
    ]);
    const dup = await asAdmin({ method: 'POST', url: '/api/admin/products', payload: newPlan() });
    expect(dup.statusCode, dup.body).toBe(409);
    const updated = await asAdmin({
      method: 'PUT',
      url: `/api/admin/products/${plan.id}`,
      payload: newPlan({
        sellingPriceMinor: 3499,
        regions: [{ code: 'EU' }],
        prices: [{ periodMonths: 1, costMinor: 2000 }],
      }),
    });
    expect(updated.json()).toMatchObject({
      sellingPriceMinor: 3499,
      regions: [{ code: 'EU', surchargeMinor: 0 }],
    });
    expect(updated.json().prices).toHaveLength(1);
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, plan.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['product.create', 'product.update']);
  });

  it('rejects bad plans with 400 naming the field', async () => {
    const unknownRegion = await asAdmin({
      method: 'POST',
      url: '/api/admin/products',
      payload: newPlan({ contaboProductId: 'V97X', regions: [{ code: 'MARS' }] }),
    });
    expect(unknownRegion.statusCode).toBe(400);
    expect(unknownRegion.json().error.details[0].field).toBe('body.regions');
    const twice = await asAdmin({
      method: 'POST',
      url: '/api/admin/products',
      payload: newPlan({
        contaboProductId: 'V97Y',
        prices: [
          { periodMonths: 1, costMinor: 1 },
          { periodMonths: 1, costMinor: 1 },
        ],
      }),
    });
    expect(twice.statusCode).toBe(400);
  });

  it('deletes a plan nobody ordered, and only deactivates one with orders', async () => {
    const spare = (
      await asAdmin({
        method: 'POST',
        url: '/api/admin/products',
        payload: newPlan({ contaboProductId: 'V200' }),
      })
    ).json();
    expect((await asAdmin({ method: 'DELETE', url: `/api/admin/products/${spare.id}` })).json()).toEqual({
      deleted: true,
      deactivated: false,
    });
    expect((await asAdmin({ method: 'GET', url: `/api/admin/products/${spare.id}` })).statusCode).toBe(404);

    const ordered = (
      await asAdmin({
        method: 'POST',
        url: '/api/admin/products',
        payload: newPlan({ contaboProductId: 'V201' }),
      })
    ).json();
    const c = await customer(t);
    const image = (await t.app.inject('/api/images')).json().items[0];
    const order = await api(
      t.app,
      c.accessToken,
    )({
      method: 'POST',
      url: '/api/orders',
      payload: {
        legalAccepted: CHECKOUT_TERMS,
        items: [{ productId: ordered.id, periodMonths: 1, region: 'EU', imageId: image.id }],
      },
    });
    expect(order.statusCode).toBe(201);
    expect((await asAdmin({ method: 'DELETE', url: `/api/admin/products/${ordered.id}` })).json()).toEqual({
      deleted: false,
      deactivated: true,
    });
    expect((await t.app.inject(`/api/products/${ordered.id}`)).statusCode).toBe(404);
    expect((await asAdmin({ method: 'GET', url: `/api/admin/products/${ordered.id}` })).json().isActive).toBe(
      false,
    );
  });

  it("syncs Contabo's standard images: new ones arrive disabled, known ones are refreshed", async () => {
    const before = await t.database.db.select().from(images);
    const sync = await asAdmin({ method: 'POST', url: '/api/admin/images/sync' });
    expect(sync.statusCode).toBe(200);
    const result = sync.json();
    expect(result.total).toBeGreaterThanOrEqual(5);
    expect(result.added + result.updated).toBe(result.total);
    const after = (await asAdmin({ method: 'GET', url: '/api/admin/images' })).json();
    const added = after.items.filter(
      (i: { contaboImageId: string }) => !before.some((b) => b.contaboImageId === i.contaboImageId),
    );
    expect(added.length).toBe(result.added);
    expect(added.every((i: { isActive: boolean }) => !i.isActive)).toBe(true);
    const enable = await asAdmin({
      method: 'PUT',
      url: `/api/admin/images/${added[0].id}`,
      payload: { isActive: true, displayName: 'Rocky Linux 9' },
    });
    expect(enable.json()).toMatchObject({ isActive: true, name: 'Rocky Linux 9' });
    const publicImages = (await t.app.inject('/api/images'))
      .json()
      .items.map((i: { name: string }) => i.name);
    expect(publicImages).toContain('Rocky Linux 9');
  });

  it('is closed to customers (403) and anonymous callers (401)', async () => {
    const c = api(t.app, (await customer(t)).accessToken);
    for (const [method, url] of [
      ['GET', '/api/admin/products'],
      ['POST', '/api/admin/products'],
      ['POST', '/api/admin/images/sync'],
      ['GET', '/api/admin/images'],
      ['GET', '/api/admin/orders'],
      ['GET', '/api/admin/contabo/instances'],
      ['GET', '/api/admin/vps'],
      ['GET', '/api/admin/customers'],
    ] as const) {
      expect((await c({ method, url, payload: method === 'POST' ? {} : undefined })).statusCode, url).toBe(
        403,
      );
      expect((await t.app.inject({ method, url })).statusCode, url).toBe(401);
    }
  });
});
