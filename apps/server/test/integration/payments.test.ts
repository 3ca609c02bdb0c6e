import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { invoices, notifications, transactions } from '../../src/db/schema/index.ts';
import { admin, api, emailsTo } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { usePaymentApps, demo, checkout, paidTransitions } from './payments.setup.ts';

usePaymentApps();

describe(`payments in demo mode (${TEST_ENGINE})`, () => {
  it('offers the sandbox and bank transfer only', async () => {
    const providers = (await demo.app.inject('/api/payments/providers'))
      .json()
      .items.map((p: { id: string }) => p.id);
    expect(providers).toEqual(['bank_transfer', 'sandbox']);
  });

  it('pays a whole cart with the sandbox exactly once, notifying customer and admins', async () => {
    const { c, as, orders } = await checkout(demo, 2);
    const pay = await as({
      method: 'POST',
      url: `/api/orders/${orders[0]!.id}/pay`,
      payload: { provider: 'sandbox', scope: 'checkout' },
    });
    expect(pay.statusCode).toBe(200);
    const payment = pay.json();
    expect(payment.redirectUrl).toBe(`http://localhost:3000/pay/sandbox/${payment.id}`);
    expect(payment.amountMinor).toBe(orders[0]!.totalMinor + orders[1]!.totalMinor);
    const approve = await as({ method: 'POST', url: `/api/payments/sandbox/${payment.id}/approve` });
    expect(approve.json().status).toBe('succeeded');
    // The paid invoice was numbered in the settling transaction: it is there as soon as the payment is.
    const [settled] = await demo.database.db
      .select()
      .from(transactions)
      .where(eq(transactions.id, payment.id));
    const [issued] = await demo.database.db
      .select()
      .from(invoices)
      .where(eq(invoices.id, settled!.invoiceId!));
    expect(issued).toMatchObject({ status: 'paid', totalMinor: payment.amountMinor });
    await as({ method: 'POST', url: `/api/payments/sandbox/${payment.id}/approve` });
    for (const order of orders) {
      const o = (await as({ method: 'GET', url: `/api/orders/${order.id}` })).json();
      expect(o).toMatchObject({
        status: 'paid',
        paymentStatus: 'paid',
        paymentMethod: 'sandbox',
        paidAt: expect.any(String),
      });
      expect(await paidTransitions(demo, order.id)).toBe(1);
    }
    const mails = await emailsTo(demo, c.email);
    expect(
      mails.some((m) => m.subject.includes(orders[0]!.orderNumber) && m.template === 'orders-paid'),
    ).toBe(true);
    const alerts = await demo.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.type, 'order.paid'));
    expect(alerts.length).toBeGreaterThanOrEqual(1);
  });

  it('a declined sandbox payment leaves the order pending and payable again', async () => {
    const { as, orders } = await checkout(demo);
    const payment = (
      await as({ method: 'POST', url: `/api/orders/${orders[0]!.id}/pay`, payload: { provider: 'sandbox' } })
    ).json();
    const declined = await as({ method: 'POST', url: `/api/payments/sandbox/${payment.id}/decline` });
    expect(declined.json().status).toBe('failed');
    expect((await as({ method: 'GET', url: `/api/orders/${orders[0]!.id}` })).json().status).toBe('pending');
    const retry = await as({
      method: 'POST',
      url: `/api/orders/${orders[0]!.id}/pay`,
      payload: { provider: 'sandbox' },
    });
    expect(retry.statusCode).toBe(200);
  });

  it('bank transfer shows instructions; only the admin records the payment', async () => {
    const { as, orders } = await checkout(demo);
    const payment = (
      await as({
        method: 'POST',
        url: `/api/orders/${orders[0]!.id}/pay`,
        payload: { provider: 'bank_transfer' },
      })
    ).json();
    expect(payment.instructions).toMatchObject({
      reference: orders[0]!.orderNumber,
      amountMinor: orders[0]!.totalMinor,
      bankName: expect.any(String),
    });
    expect(payment.redirectUrl).toBeNull();
    const asCustomer = await as({
      method: 'POST',
      url: `/api/admin/orders/${orders[0]!.id}/payments`,
      payload: { reference: 'TRX-1' },
    });
    expect(asCustomer.statusCode).toBe(403);
    const a = await admin(demo);
    const recorded = await api(
      demo.app,
      a.accessToken,
    )({
      method: 'POST',
      url: `/api/admin/orders/${orders[0]!.id}/payments`,
      payload: { reference: 'TRX-123456' },
    });
    expect(recorded.statusCode).toBe(201);
    expect((await as({ method: 'GET', url: `/api/orders/${orders[0]!.id}` })).json().status).toBe('paid');
    const twice = await api(
      demo.app,
      a.accessToken,
    )({
      method: 'POST',
      url: `/api/admin/orders/${orders[0]!.id}/payments`,
      payload: { reference: 'TRX-123456' },
    });
    expect(twice.statusCode).toBe(409);
  });

  it('rejects an unknown or disabled provider with 400', async () => {
    const { as, orders } = await checkout(demo);
    const stripe = await as({
      method: 'POST',
      url: `/api/orders/${orders[0]!.id}/pay`,
      payload: { provider: 'stripe' },
    });
    expect(stripe.statusCode).toBe(400);
    const bogus = await as({
      method: 'POST',
      url: `/api/orders/${orders[0]!.id}/pay`,
      payload: { provider: 'bitcoin' },
    });
    expect(bogus.json().error.code).toBe('validation_error');
  });
});
