import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { invoices, notifications, transactions, vpsInstances } from '../../src/db/schema/index.ts';
import { admin, api, customer } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { createInvoice } from '../factories.ts';
import { orderWithPayment } from '../order-helpers.ts';
import {
  approvedAtStripe,
  checkout,
  demo,
  fakes,
  live,
  paidTransitions,
  pathOf,
  renewalInvoice,
  txRow,
  usePaymentApps,
} from './payments.setup.ts';

usePaymentApps();

describe(`payments through the gateways (${TEST_ENGINE})`, () => {
  it('offers the configured gateways and no sandbox', async () => {
    const providers = (await live.app.inject('/api/payments/providers'))
      .json()
      .items.map((p: { id: string }) => p.id);
    expect(providers).toEqual(['stripe', 'paypal', 'mercadopago', 'bank_transfer']);
  });

  it('Stripe: webhook and return page race, the order is paid once; a redelivered event is a no-op', async () => {
    const { as, order, payment } = await orderWithPayment(live, 'stripe');
    const { tx, send } = await approvedAtStripe(live, fakes, payment.id);
    const [w, r] = await Promise.all([
      send(),
      as({
        method: 'POST',
        url: `/api/payments/${payment.id}/confirm`,
        payload: { query: { session_id: tx.providerTxId! } },
      }),
    ]);
    expect(w.statusCode).toBe(200);
    expect(r.json().status).toBe('succeeded');
    expect((await send()).json()).toEqual({ received: true, duplicate: true });
    expect(await paidTransitions(live, order.id)).toBe(1);
  });

  it('Stripe: pays a renewal invoice through the webhook once; a second payment of it alerts the admins', async () => {
    const db = live.database.db;
    const { vps, invoice, as } = await renewalInvoice(live, {
      status: 'overdue',
      invoiceNumber: 'CV-2026-900001',
    });
    const pay = () =>
      as({ method: 'POST', url: `/api/invoices/${invoice.id}/pay`, payload: { provider: 'stripe' } });
    const payment = (await pay()).json();
    expect(payment).toMatchObject({ provider: 'stripe', amountMinor: 1300, invoice: { id: invoice.id } });
    expect(payment.redirectUrl).toContain('/pay/cs_test_');
    const second = (await pay()).json(); // the customer opened the checkout twice and pays both
    const settleThrough = async (paymentId: string) => {
      const { send } = await approvedAtStripe(live, fakes, paymentId);
      expect((await send()).statusCode).toBe(200);
    };
    await settleThrough(payment.id);
    const paid = (await as({ method: 'GET', url: `/api/invoices/${invoice.id}` })).json();
    expect(paid).toMatchObject({ status: 'paid', transactions: [{ id: payment.id, provider: 'stripe' }] });
    const [extended] = await db.select().from(vpsInstances).where(eq(vpsInstances.id, vps.id));
    expect(extended!.expiresAt).toEqual(new Date('2026-03-01T00:00:00Z'));
    expect((await pay()).statusCode).toBe(409);

    await settleThrough(second.id);
    const alerts = await db
      .select()
      .from(notifications)
      .where(eq(notifications.type, 'payment.invoice_already_paid'));
    expect(alerts).toHaveLength(1);
    const [again] = await db.select().from(vpsInstances).where(eq(vpsInstances.id, vps.id));
    expect(again!.expiresAt).toEqual(new Date('2026-03-01T00:00:00Z'));
    const other = api(live.app, (await customer(live)).accessToken);
    expect(
      (
        await other({
          method: 'POST',
          url: `/api/invoices/${invoice.id}/pay`,
          payload: { provider: 'stripe' },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('refunds through Stripe with a credit note: partial, then the rest, never more than was paid', async () => {
    const { as, payment } = await orderWithPayment(live, 'stripe');
    const tx = await txRow(live, payment.id);
    fakes.stripe.approve(tx.providerTxId!);
    await as({
      method: 'POST',
      url: `/api/payments/${payment.id}/confirm`,
      payload: { query: { session_id: tx.providerTxId! } },
    });
    const invoiceId = (await txRow(live, payment.id)).invoiceId!;
    const asAdmin = api(live.app, (await admin(live)).accessToken);
    const credit = (payload: Record<string, unknown>) =>
      asAdmin({ method: 'POST', url: `/api/admin/invoices/${invoiceId}/credit-note`, payload });

    const partial = await credit({
      reason: 'Compensación',
      amountMinor: 200,
      refund: { throughGateway: true },
    });
    expect(partial.statusCode, partial.body).toBe(201);
    expect(partial.json().transactions).toMatchObject([
      { kind: 'refund', provider: 'stripe', amountMinor: 200, status: 'succeeded' },
    ]);
    expect(partial.json().transactions[0].reference).toMatch(/^re_/);
    expect(fakes.stripe.refundedAmount(tx!.providerTxId!)).toBe(200);

    const rest = await credit({ reason: 'Baja', refund: { throughGateway: true } });
    expect(rest.statusCode, rest.body).toBe(201);
    expect(rest.json().totalMinor).toBe(payment.amountMinor - 200);
    expect(fakes.stripe.refundedAmount(tx!.providerTxId!)).toBe(payment.amountMinor);
    const again = await credit({ reason: 'Otra', refund: { throughGateway: true } });
    expect(again.statusCode).toBe(409);
    expect(fakes.stripe.refundedAmount(tx!.providerTxId!)).toBe(payment.amountMinor);
  });

  it('a refund through the gateway is refused for an invoice paid another way', async () => {
    const { c } = await checkout(demo);
    const invoice = await createInvoice(demo.database.db, {
      userId: c.userId,
      status: 'paid',
      totalMinor: 900,
    });
    const asAdmin = api(demo.app, (await admin(demo)).accessToken);
    const res = await asAdmin({
      method: 'POST',
      url: `/api/admin/invoices/${invoice.id}/credit-note`,
      payload: { reason: 'Error', refund: { throughGateway: true } },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('not paid through a payment gateway');
    const [notes] = await demo.database.db
      .select()
      .from(invoices)
      .where(eq(invoices.referenceInvoiceId, invoice.id));
    expect(notes).toBeUndefined();
  });

  it('Stripe: a bad signature is 400 and changes nothing', async () => {
    const { as, order, payment } = await orderWithPayment(live, 'stripe');
    const forged = await approvedAtStripe(live, fakes, payment.id, { secret: 'whsec_wrong' });
    const res = await forged.send();
    expect(res.statusCode).toBe(400);
    expect((await as({ method: 'GET', url: `/api/orders/${order.id}` })).json().status).toBe('pending');
  });

  it('an amount that does not match is never marked paid and alerts the admins', async () => {
    const { as, order, payment } = await orderWithPayment(live, 'stripe');
    // What we asked the gateway for differs from what it reports (e.g. a tampered session).
    await live.database.db
      .update(transactions)
      .set({ providerAmountMinor: 1 })
      .where(eq(transactions.id, payment.id));
    await (await approvedAtStripe(live, fakes, payment.id)).send();
    expect((await as({ method: 'GET', url: `/api/orders/${order.id}` })).json().status).toBe('pending');
    expect((await txRow(live, payment.id)).status).toBe('mismatch');
    const alerts = await live.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.type, 'payment.mismatch'));
    expect(alerts.length).toBeGreaterThanOrEqual(1);
  });

  it('MercadoPago: converts with the frozen admin rate; a pending ticket stays pending until approved', async () => {
    await live.container.settings.set('payments.mercadopago.currency', 'ARS');
    await live.container.settings.set('payments.mercadopago.exchangeRate', 1000);
    const { as, order, payment } = await orderWithPayment(live, 'mercadopago');
    expect(payment).toMatchObject({ providerCurrency: 'ARS', providerAmountMinor: order.totalMinor * 1000 });
    await live.container.settings.set('payments.mercadopago.exchangeRate', 2000);
    const tx = await txRow(live, payment.id);
    expect(tx.exchangeRate).toBe(1000);
    const mp = fakes.mercadopago.pay(tx.providerTxId!, { status: 'pending' });
    /** MercadoPago's webhook for the payment as it stands now, signed by the fake. */
    const notify = () => {
      const hook = fakes.mercadopago.signedWebhook(mp.id as number);
      return live.app.inject({
        method: 'POST',
        url: pathOf(hook.url),
        headers: hook.headers,
        payload: hook.rawBody,
      });
    };
    expect((await notify()).statusCode).toBe(200);
    expect((await as({ method: 'GET', url: `/api/orders/${order.id}` })).json().status).toBe('pending');
    fakes.mercadopago.approve(mp.id as number);
    await notify();
    expect((await as({ method: 'GET', url: `/api/orders/${order.id}` })).json().status).toBe('paid');
    await live.container.settings.set('payments.mercadopago.currency', 'USD');
    await live.container.settings.set('payments.mercadopago.exchangeRate', 1);
  });

  it('PayPal: captured when the customer returns; a declined capture keeps the order pending', async () => {
    const { as, order, payment } = await orderWithPayment(live, 'paypal');
    const tx = await txRow(live, payment.id);
    fakes.paypal.approve(tx.providerTxId!);
    const confirmed = await as({
      method: 'POST',
      url: `/api/payments/${payment.id}/confirm`,
      payload: { query: { token: tx.providerTxId! } },
    });
    expect(confirmed.json().status).toBe('succeeded');
    expect((await as({ method: 'GET', url: `/api/orders/${order.id}` })).json().status).toBe('paid');

    const second = await orderWithPayment(live, 'paypal');
    const tx2 = await txRow(live, second.payment.id);
    fakes.paypal.approve(tx2.providerTxId!);
    fakes.paypal.decline(tx2.providerTxId!);
    const declined = await second.as({
      method: 'POST',
      url: `/api/payments/${second.payment.id}/confirm`,
      payload: { query: {} },
    });
    expect(declined.json().status).toBe('failed');
    expect((await second.as({ method: 'GET', url: `/api/orders/${second.order.id}` })).json().status).toBe(
      'pending',
    );
  });
});
