import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app.ts';
import { admin, api, customer, CHECKOUT_TERMS } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';

// #15 defect 17: "paid" is never set by hand; it comes with a recorded payment and its invoice.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe(`admin order status (${TEST_ENGINE})`, () => {
  it('refuses "paid" with a 409 that points to recording the payment; the order stays unpaid', async () => {
    const asAdmin = api(t.app, (await admin(t)).accessToken);
    const c = await customer(t);
    const as = api(t.app, c.accessToken);
    const product = (await t.app.inject('/api/products')).json().items[0];
    const image = (await t.app.inject('/api/images')).json().items[0];
    const order = (
      await as({
        method: 'POST',
        url: '/api/orders',
        payload: {
          legalAccepted: CHECKOUT_TERMS,
          items: [{ productId: product.id, periodMonths: 1, region: 'EU', imageId: image.id }],
        },
      })
    ).json().items[0];
    const res = await asAdmin({
      method: 'PUT',
      url: `/api/admin/orders/${order.id}/status`,
      payload: { status: 'paid' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details.use).toBe(`POST /api/admin/orders/${order.id}/payments`);
    expect((await as({ method: 'GET', url: `/api/orders/${order.id}` })).json().status).toBe('pending');
    expect((await as({ method: 'GET', url: '/api/invoices' })).json().total).toBe(0);
  });
});
