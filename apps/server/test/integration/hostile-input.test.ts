import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { vpsActions, vpsInstances } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { admin, api, customer, CHECKOUT_TERMS } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';

// The probe's input defects (#15: 3, 4, 5, 6, 12, 18): hostile values get a 400/404 in the error shape, never a 500.
let t: TestApp;
let asAdmin: ReturnType<typeof api>;
let owner: Awaited<ReturnType<typeof customer>>;
let asOwner: ReturnType<typeof api>;
let vpsId: string;
let productId: string;
let imageId: string;

const NUL = 'a\u0000b';

function expectErrorShape(res: { statusCode: number; json(): unknown; body: string }, status: number) {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json() as { error: { code: string; message: string } };
  expect(typeof body.error.code).toBe('string');
  expect(typeof body.error.message).toBe('string');
}

beforeAll(async () => {
  t = await createTestApp();
  asAdmin = api(t.app, (await admin(t)).accessToken);
  owner = await customer(t);
  asOwner = api(t.app, owner.accessToken);
  const products = (await t.app.inject('/api/products?pageSize=100')).json().items;
  productId = products[0].id;
  imageId = (await t.app.inject('/api/images')).json().items[0].id;
  const instance = (await asAdmin({ method: 'GET', url: '/api/admin/contabo/instances?assigned=false' }))
    .json()
    .items.find((i: { status: string }) => i.status === 'running');
  const assigned = await asAdmin({
    method: 'POST',
    url: '/api/admin/vps/assign',
    payload: { contaboInstanceId: instance.instanceId, userId: owner.userId },
  });
  expect(assigned.statusCode, assigned.body).toBe(201);
  vpsId = assigned.json().id;
});
afterAll(async () => {
  await t.close();
});

describe(`hostile input (${TEST_ENGINE})`, () => {
  it('refuses NUL bytes with a 400 on customer routes (4)', async () => {
    const cases = [
      { method: 'PATCH' as const, url: '/api/account/profile', payload: { firstName: NUL } },
      {
        method: 'POST' as const,
        url: '/api/account/ssh-keys',
        payload: { name: NUL, publicKey: 'ssh-ed25519 AAAA' },
      },
      { method: 'PATCH' as const, url: `/api/vps/${vpsId}`, payload: { displayName: NUL } },
      { method: 'DELETE' as const, url: `/api/vps/${vpsId}/snapshots/snap%00shot` },
      { method: 'POST' as const, url: `/api/vps/${vpsId}/snapshots/snap%00shot/restore` },
      {
        method: 'POST' as const,
        url: '/api/orders',
        payload: {
          legalAccepted: CHECKOUT_TERMS,
          items: [{ productId, periodMonths: 1, region: 'EU', imageId, userData: `#cloud-config\n${NUL}` }],
        },
      },
    ];
    for (const c of cases) {
      const res = await asOwner(c);
      expectErrorShape(res, 400);
      expect(res.json().error.code).toBe('validation_error');
    }
  });

  it('refuses a rescue root password with NUL or control characters; nothing reaches Contabo (4)', async () => {
    for (const rootPassword of ['Rescue-Pass-1\u0000!', 'Rescue-Pass-1\t!!']) {
      const res = await asOwner({
        method: 'POST',
        url: `/api/vps/${vpsId}/rescue`,
        payload: { rootPassword },
      });
      expectErrorShape(res, 400);
    }
    const [row] = await t.database.db
      .select({ n: count() })
      .from(vpsActions)
      .where(eq(vpsActions.vpsInstanceId, vpsId));
    expect(row!.n).toBe(0);
  });

  it('refuses a NUL in a name even inside an admin body (4)', async () => {
    const res = await asAdmin({
      method: 'POST',
      url: `/api/admin/invoices/${vpsId}/void`,
      payload: { reason: NUL },
    });
    expect([400, 404]).toContain(res.statusCode);
    expectErrorShape(res, res.statusCode);
  });

  it('bounds integers to their columns, public catalog filters included (5)', async () => {
    for (const url of [
      '/api/products?ramMin=2097152',
      '/api/products?cpuMin=2147483648',
      '/api/products?diskMin=2147483648',
      '/api/products?page=99999999999',
    ]) {
      expectErrorShape(await t.app.inject(url), 400);
    }
    expect((await t.app.inject('/api/products?ramMin=2097151')).statusCode).toBe(200);
    const images = (await asAdmin({ method: 'GET', url: '/api/admin/images' })).json().items;
    const image = await asAdmin({
      method: 'PUT',
      url: `/api/admin/images/${images[0].id}`,
      payload: { sortOrder: 2 ** 31 },
    });
    expectErrorShape(image, 400);
    const created = await asAdmin({
      method: 'POST',
      url: '/api/admin/products',
      payload: {
        contaboProductId: 'V999',
        name: 'Huge sort',
        costMinor: 100,
        sellingPriceMinor: 200,
        ramMb: 1024,
        cpuCores: 1,
        diskGb: 10,
        diskType: 'NVMe',
        sortOrder: 2 ** 31,
        regions: [{ code: 'EU' }],
        prices: [{ periodMonths: 1, costMinor: 100 }],
      },
    });
    expectErrorShape(created, 400);
    expect(created.json().error.details[0].field).toBe('body.sortOrder');
  });

  it('takes expiresAt only as a real ISO date; null/true/numbers and extreme dates are refused (3)', async () => {
    const before = (await t.database.db.select().from(vpsInstances).where(eq(vpsInstances.id, vpsId)))[0]!;
    for (const expiresAt of [null, true, 0, 1, '999999-01-01', '+275760-09-13T00:00:00.000Z', 'tomorrow']) {
      const res = await asAdmin({ method: 'PUT', url: `/api/admin/vps/${vpsId}`, payload: { expiresAt } });
      expectErrorShape(res, 400);
    }
    const after = (await t.database.db.select().from(vpsInstances).where(eq(vpsInstances.id, vpsId)))[0]!;
    expect(after.expiresAt).toEqual(before.expiresAt);
    const ok = await asAdmin({
      method: 'PUT',
      url: `/api/admin/vps/${vpsId}`,
      payload: { expiresAt: '2031-05-01T00:00:00Z' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const assignBad = await asAdmin({
      method: 'POST',
      url: '/api/admin/vps/assign',
      payload: { contaboInstanceId: 1, userId: owner.userId, expiresAt: true },
    });
    expectErrorShape(assignBad, 400);
  });

  it('answers an unknown snapshot with 404 not_found and records no action (6)', async () => {
    const restore = await asOwner({
      method: 'POST',
      url: `/api/vps/${vpsId}/snapshots/no-such-snap/restore`,
    });
    expectErrorShape(restore, 404);
    expect(restore.json().error.code).toBe('not_found');
    const remove = await asOwner({ method: 'DELETE', url: `/api/vps/${vpsId}/snapshots/no-such-snap` });
    expectErrorShape(remove, 404);
    const [row] = await t.database.db
      .select({ n: count() })
      .from(vpsActions)
      .where(eq(vpsActions.vpsInstanceId, vpsId));
    expect(row!.n).toBe(0);
  });

  it('compares plans through GET /api/products/compare?ids=… (18)', async () => {
    const products = (await t.app.inject('/api/products?pageSize=3')).json().items as { id: string }[];
    const ids = products.slice(0, 2).map((p) => p.id);
    const res = await t.app.inject(`/api/products/compare?ids=${ids.join(',')}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((p: { id: string }) => p.id)).toEqual(ids);
    expectErrorShape(await t.app.inject('/api/products/compare?ids=not-a-uuid'), 400);
    expectErrorShape(await t.app.inject('/api/products/compare'), 400);
  });

  it('answers 414 and 431 in the error shape without echoing the path (12)', async () => {
    const long = 'x'.repeat(5000);
    const res = await t.app.inject(`/api/auth/verify-email/${long}`);
    expectErrorShape(res, 414);
    expect(res.json().error.code).toBe('uri_too_long');
    expect(res.body).not.toContain(long.slice(0, 100));

    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1');
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
      socket.write(`GET /api/site HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 431 /);
    const body = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4));
    expect(body).toEqual({ error: { code: 'headers_too_large', message: expect.any(String) } });
  });
});
