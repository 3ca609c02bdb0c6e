import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { products } from '../../src/db/schema/index.ts';
import { useTestApp } from '../app.ts';
import { TEST_ENGINE } from '../db.ts';

const t = useTestApp();

async function get(url: string) {
  const res = await t.app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.json(), headers: res.headers };
}

describe(`catalog API (${TEST_ENGINE})`, () => {
  it('lists the 8 seeded plans cheapest first with prices for 1, 6 and 12 months', async () => {
    const { status, body } = await get('/api/products');
    expect(status).toBe(200);
    expect(body.total).toBe(8);
    // Served from cached bytes: still JSON in UTF-8, its length counted in bytes (names and regions carry accents).
    const raw = await t.app.inject({ method: 'GET', url: '/api/products' });
    expect(raw.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(raw.headers['content-length'])).toBe(raw.rawPayload.length);
    expect(body.items.map((p: { contaboProductId: string }) => p.contaboProductId).sort()).toEqual(
      ['V8', 'V9', 'V91', 'V92', 'V94', 'V95', 'V97', 'V98'].sort(),
    );
    const v91 = body.items.find((p: { contaboProductId: string }) => p.contaboProductId === 'V91');
    expect(v91).toMatchObject({
      name: 'VPS 10 NVMe',
      ramMb: 4096,
      cpuCores: 2,
      diskGb: 75,
      diskType: 'NVMe',
    });
    expect(v91.prices).toEqual([
      { periodMonths: 1, totalMinor: 799, monthlyMinor: 799, discountPercent: 0, setupFeeMinor: 0 },
      { periodMonths: 6, totalMinor: 4554, monthlyMinor: 759, discountPercent: 5, setupFeeMinor: 0 },
      { periodMonths: 12, totalMinor: 8629, monthlyMinor: 719, discountPercent: 10, setupFeeMinor: 0 },
    ]);
    expect(v91.fromMonthlyMinor).toBe(719);
    expect(v91.regions).toHaveLength(9);
    expect(v91).not.toHaveProperty('costMinor');
    const prices = body.items.map((p: { prices: Array<{ totalMinor: number }> }) => p.prices[0]!.totalMinor);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
  });

  it('filters by RAM, CPU, disk, disk type and region', async () => {
    expect((await get('/api/products?ramMin=16')).body.total).toBe(4);
    expect((await get('/api/products?cpuMin=6')).body.total).toBe(3);
    expect((await get('/api/products?diskMin=200')).body.total).toBe(4);
    const ssd = await get('/api/products?diskType=SSD');
    expect(ssd.body.items.every((p: { diskType: string }) => p.diskType === 'SSD')).toBe(true);
    expect(ssd.body.total).toBe(3);
    expect((await get('/api/products?region=SIN')).body.total).toBe(8);
    expect((await get('/api/products?region=MARS')).body.total).toBe(0);
    expect((await get('/api/products?ramMin=8&diskType=NVMe&cpuMin=4')).body.total).toBe(4);
  });

  it('sorts and paginates', async () => {
    const byRam = await get('/api/products?sort=-ram');
    expect(byRam.body.items[0].contaboProductId).toBe('V9');
    const page1 = await get('/api/products?sort=ram&pageSize=3&page=1');
    const page3 = await get('/api/products?sort=ram&pageSize=3&page=3');
    expect(page1.body.items).toHaveLength(3);
    expect(page3.body.items).toHaveLength(2);
    expect(page3.body.total).toBe(8);
  });

  it('rejects bad query parameters with 400 naming the fields', async () => {
    const { status, body } = await get('/api/products?sort=banana&pageSize=1000');
    expect(status).toBe(400);
    expect(body.error.code).toBe('validation_error');
    const fields = body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['querystring.sort', 'querystring.pageSize']));
  });

  it('shows one product with images, 404 for unknown or inactive, 400 for a malformed id', async () => {
    const list = await get('/api/products');
    const id = list.body.items[0].id as string;
    const one = await get(`/api/products/${id}`);
    expect(one.status).toBe(200);
    expect(one.body.images.map((i: { name: string }) => i.name)).toContain('Ubuntu 24.04 LTS');
    expect((await get('/api/products/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await get('/api/products/not-a-uuid')).body.error.code).toBe('validation_error');
    await t.database.db.update(products).set({ isActive: false }).where(eq(products.id, id));
    t.container.catalog.invalidate();
    expect((await get(`/api/products/${id}`)).body.error).toEqual({
      code: 'not_found',
      message: 'Product not found',
    });
    expect((await get('/api/products')).body.total).toBe(7);
    await t.database.db.update(products).set({ isActive: true }).where(eq(products.id, id));
    t.container.catalog.invalidate();
  });

  it('lists regions and active images', async () => {
    const regions = await get('/api/regions');
    expect(regions.body.total).toBe(9);
    expect(regions.body.items.map((r: { code: string }) => r.code)).toEqual([
      'EU',
      'US-central',
      'US-east',
      'US-west',
      'SIN',
      'UK',
      'AUS',
      'JPN',
      'IND',
    ]);
    const images = await get('/api/images');
    expect(images.body.items.map((i: { osType: string }) => i.osType)).toContain('Windows');
    expect(images.body.total).toBe(5);
  });
});
