import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { images, products } from '../../src/db/schema/index.ts';
import { cancelUnpaidOrders } from '../../src/modules/orders/orders.jobs.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { api, customer, CHECKOUT_TERMS } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { newKey } from '../ssh-keys.ts';

let t: TestApp;
let catalog: { v91: string; v94: string; ubuntu: string; windows: string };

beforeAll(async () => {
  t = await createTestApp();
  const list = (await t.app.inject('/api/products')).json().items as Array<{
    id: string;
    contaboProductId: string;
  }>;
  const imageList = (await t.app.inject('/api/images')).json().items as Array<{
    id: string;
    osType: string;
    name: string;
  }>;
  catalog = {
    v91: list.find((p) => p.contaboProductId === 'V91')!.id,
    v94: list.find((p) => p.contaboProductId === 'V94')!.id,
    ubuntu: imageList.find((i) => i.name.startsWith('Ubuntu 24'))!.id,
    windows: imageList.find((i) => i.osType === 'Windows')!.id,
  };
});
afterAll(async () => {
  await t.close();
});

const cartItem = (over: Record<string, unknown> = {}) => ({
  productId: catalog.v91,
  periodMonths: 12,
  region: 'EU',
  imageId: catalog.ubuntu,
  ...over,
});

/** The checkout of `items` (one plain cart item unless told) by the user of `token`, the terms accepted. */
const placeOrder = (token: string, items: unknown[] = [cartItem()]) =>
  api(
    t.app,
    token,
  )({ method: 'POST', url: '/api/orders', payload: { legalAccepted: CHECKOUT_TERMS, items } });

describe(`orders (${TEST_ENGINE})`, () => {
  it('creates one order per cart item in one checkout, priced on the server whatever the client sends', async () => {
    const c = await customer(t);
    const res = await placeOrder(c.accessToken, [
      cartItem({ totalMinor: 1, price: 1, subtotalMinor: 1, displayName: 'web-1' }),
      cartItem({
        productId: catalog.v94,
        periodMonths: 1,
        region: 'US-east',
        sshPublicKeys: [{ name: 'laptop', publicKey: newKey.ed25519() }],
      }),
    ]);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.items).toHaveLength(2);
    const [a, b] = body.items;
    expect(a).toMatchObject({
      status: 'pending',
      periodMonths: 12,
      subtotalMinor: 8629,
      totalMinor: 8629,
      region: 'EU',
      displayName: 'web-1',
    });
    expect(b).toMatchObject({
      periodMonths: 1,
      subtotalMinor: 1299,
      regionSurchargeMinor: 150,
      totalMinor: 1449,
      region: 'US-east',
    });
    expect(b.sshKeys[0]).toMatchObject({ name: 'laptop', fingerprint: expect.stringMatching(/^SHA256:/) });
    expect(a.checkoutId).toBe(b.checkoutId);
    expect(a.orderNumber).toMatch(/^P-\d{4}-\d{6}$/);
    const [na, nb] = [a.orderNumber, b.orderNumber].map((n: string) => Number(n.slice(-6)));
    expect(nb).toBe(na! + 1);

    const detail = await api(t.app, c.accessToken)({ method: 'GET', url: `/api/orders/${a.id}` });
    expect(detail.json().history).toEqual([
      expect.objectContaining({ fromStatus: null, toStatus: 'pending', actorType: 'customer' }),
    ]);
  });

  it('names the bad field: inactive plan, region, image, period, malformed SSH key', async () => {
    const c = await customer(t);
    const [inactive] = await t.database.db
      .insert(products)
      .values({
        contaboProductId: 'VX',
        name: 'Old',
        costMinor: 1,
        sellingPriceMinor: 2,
        ramMb: 1,
        cpuCores: 1,
        diskGb: 1,
        diskType: 'SSD',
        isActive: false,
      })
      .returning();
    const [hidden] = await t.database.db
      .insert(images)
      .values({ contaboImageId: 'hidden-image', name: 'hidden', osType: 'Linux', isActive: false })
      .returning();
    const call = (item: Record<string, unknown>) => placeOrder(c.accessToken, [cartItem(item)]);
    const fieldOf = async (item: Record<string, unknown>) => {
      const res = await call(item);
      expect(res.statusCode).toBe(400);
      return res.json().error.details.map((d: { field: string }) => d.field);
    };
    expect(await fieldOf({ productId: inactive!.id })).toEqual(['body.items.0.productId']);
    expect(await fieldOf({ region: 'MARS' })).toEqual(['body.items.0.region']);
    expect(await fieldOf({ imageId: hidden!.id })).toEqual(['body.items.0.imageId']);
    expect(await fieldOf({ periodMonths: 3 })).toEqual(['body.items.0.periodMonths']);
    expect(await fieldOf({ sshPublicKeys: [{ name: 'x', publicKey: 'ssh-rsa AAAAnotakey' }] })).toEqual([
      'body.items.0.sshPublicKeys.0.publicKey',
    ]);
    expect(
      await fieldOf({
        imageId: catalog.windows,
        sshPublicKeys: [{ name: 'k', publicKey: newKey.ed25519() }],
      }),
    ).toEqual(['body.items.0.sshKeyIds']);
    expect(await fieldOf({ displayName: 'no spaces allowed' })).toEqual(['body.items.0.displayName']);
    expect((await call({ userData: 'x'.repeat(20_000) })).json().error.code).toBe('validation_error');
    const empty = await placeOrder(c.accessToken, []);
    expect(empty.statusCode).toBe(400);
  });

  it('requires a verified e-mail to order, and a session at all', async () => {
    const unverified = await customer(t, { verified: false });
    const res = await placeOrder(unverified.accessToken);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('email_not_verified');
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/orders',
      payload: { legalAccepted: CHECKOUT_TERMS, items: [cartItem()] },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it("hides other customers' orders: 404 on read, cancel and pay; lists only your own", async () => {
    const alice = await customer(t);
    const bob = await customer(t);
    const created = await placeOrder(alice.accessToken);
    const id = created.json().items[0].id;
    const asBob = api(t.app, bob.accessToken);
    expect((await asBob({ method: 'GET', url: `/api/orders/${id}` })).statusCode).toBe(404);
    expect((await asBob({ method: 'POST', url: `/api/orders/${id}/cancel` })).statusCode).toBe(404);
    expect(
      (await asBob({ method: 'POST', url: `/api/orders/${id}/pay`, payload: { provider: 'sandbox' } }))
        .statusCode,
    ).toBe(404);
    expect((await asBob({ method: 'GET', url: '/api/orders' })).json()).toEqual({ items: [], total: 0 });
    const mine = await api(t.app, alice.accessToken)({ method: 'GET', url: '/api/orders' });
    expect(mine.json().total).toBe(1);
  });

  it('lets the customer cancel an unpaid order once', async () => {
    const c = await customer(t);
    const as = api(t.app, c.accessToken);
    const id = (await placeOrder(c.accessToken)).json().items[0].id;
    const cancelled = await as({ method: 'POST', url: `/api/orders/${id}/cancel` });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(String) });
    expect(cancelled.json().history.map((h: { toStatus: string }) => h.toStatus)).toEqual([
      'pending',
      'cancelled',
    ]);
    const again = await as({ method: 'POST', url: `/api/orders/${id}/cancel` });
    expect(again.statusCode).toBe(409);
    const pay = await as({ method: 'POST', url: `/api/orders/${id}/pay`, payload: { provider: 'sandbox' } });
    expect(pay.statusCode).toBe(409);
  });

  it('cancels orders left unpaid for the configured number of days, once', async () => {
    const c = await customer(t);
    const id = (await placeOrder(c.accessToken)).json().items[0].id;
    const deps = { repo: t.container.ordersRepo, clock: t.clock, settings: t.container.settings };
    const read = () => t.container.orders.getOrder(c.userId, id);
    t.clock.advanceDays(6);
    await cancelUnpaidOrders(deps);
    expect((await read()).status).toBe('pending');
    t.clock.advanceDays(2);
    const first = await cancelUnpaidOrders(deps);
    expect(first.cancelled).toBeGreaterThanOrEqual(1);
    const order = await read();
    expect(order.status).toBe('cancelled');
    expect(order.history.at(-1)).toMatchObject({
      actorType: 'system',
      note: null,
      noteCode: 'unpaid_cancelled',
      noteParams: { days: 7 },
    });
    expect((await cancelUnpaidOrders(deps)).cancelled).toBe(0);
  });
});
