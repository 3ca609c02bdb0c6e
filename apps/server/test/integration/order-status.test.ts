import { describe, expect, it } from 'vitest';
import { useTestApp } from '../app.ts';
import { admin, api } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { placedOrder } from '../order-helpers.ts';

// #15 defect 17: "paid" is never set by hand; it comes with a recorded payment and its invoice.
const t = useTestApp();

describe(`admin order status (${TEST_ENGINE})`, () => {
  it('refuses "paid" with a 409 that points to recording the payment; the order stays unpaid', async () => {
    const asAdmin = api(t.app, (await admin(t)).accessToken);
    const { as, order } = await placedOrder(t);
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
