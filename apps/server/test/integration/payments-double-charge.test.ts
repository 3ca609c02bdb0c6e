import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { invoices, notifications } from '../../src/db/schema/index.ts';
import { emailsTo } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { placedOrder } from '../order-helpers.ts';
import {
  demo,
  fakes,
  live,
  paidTransitions,
  renewalInvoice,
  stripeCompleted,
  txRow,
  usePaymentApps,
} from './payments.setup.ts';

/**
 * #15 item 13: one live checkout per order or invoice, and a payment that still arrives for something already paid is
 * refunded through its gateway once, with the customer and the admins told.
 */
usePaymentApps();

const stripeHook = (sessionId: string) => stripeCompleted(live, fakes, sessionId).send;

describe(`one live checkout per order (${TEST_ENGINE})`, () => {
  it('Stripe: a new checkout expires the previous session at Stripe; the old one shows no link', async () => {
    const { as, order } = await placedOrder(live);
    const pay = () =>
      as({ method: 'POST', url: `/api/orders/${order.id}/pay`, payload: { provider: 'stripe' } });
    const first = (await pay()).json();
    const second = (await pay()).json();
    expect(second.redirectUrl).toContain('/pay/cs_test_');
    const old = await txRow(live, first.id);
    expect(fakes.stripe.session(old.providerTxId!).status).toBe('expired');
    expect(old).toMatchObject({
      status: 'cancelled',
      raw: expect.objectContaining({ replacedBy: second.id }),
    });
    const shown = (await as({ method: 'GET', url: `/api/payments/${first.id}` })).json();
    expect(shown).toMatchObject({ status: 'cancelled', redirectUrl: null });
    const current = await txRow(live, second.id);
    expect(fakes.stripe.session(current.providerTxId!).status).toBe('open');
  });

  it('MercadoPago: a new checkout expires the previous preference', async () => {
    const { as, order } = await placedOrder(live);
    const pay = () =>
      as({ method: 'POST', url: `/api/orders/${order.id}/pay`, payload: { provider: 'mercadopago' } });
    const first = (await pay()).json();
    const second = (await pay()).json();
    expect(fakes.mercadopago.isOpen((await txRow(live, first.id)).providerTxId!)).toBe(false);
    expect(fakes.mercadopago.isOpen((await txRow(live, second.id)).providerTxId!)).toBe(true);
  });

  it('sandbox: the page of a replaced checkout can no longer be paid', async () => {
    const { as, order } = await placedOrder(demo);
    const pay = () =>
      as({ method: 'POST', url: `/api/orders/${order.id}/pay`, payload: { provider: 'sandbox' } });
    const first = (await pay()).json();
    const second = (await pay()).json();
    const stale = await as({ method: 'POST', url: `/api/payments/sandbox/${first.id}/approve` });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('conflict');
    const ok = await as({ method: 'POST', url: `/api/payments/sandbox/${second.id}/approve` });
    expect(ok.json().status).toBe('succeeded');
  });

  it('5 parallel checkouts all paid at Stripe: one settlement, 4 refunds, one invoice; told once', async () => {
    const { c, as, order } = await placedOrder(live);
    const started = await Promise.all(
      Array.from({ length: 5 }, () =>
        as({ method: 'POST', url: `/api/orders/${order.id}/pay`, payload: { provider: 'stripe' } }),
      ),
    );
    expect(started.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    const ids = started.map((r) => r.json().id as string);
    const rows = await Promise.all(ids.map((id) => txRow(live, id)));
    // Exactly one of them is still live; the others were replaced.
    expect(rows.filter((r) => r.status === 'pending')).toHaveLength(1);
    // The customer paid every page before the expiry reached Stripe.
    const sessions = rows.map((r) => r.providerTxId!);
    for (const id of sessions) fakes.stripe.approve(id);
    const hooks = sessions.map((id) => stripeHook(id));
    const answers = await Promise.all(hooks.map((send) => send()));
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);

    const after = await Promise.all(ids.map((id) => txRow(live, id)));
    expect(after.filter((r) => r.status === 'succeeded')).toHaveLength(1);
    expect(after.filter((r) => r.status === 'refunded')).toHaveLength(4);
    const refunded = sessions.map((id) => fakes.stripe.refundedAmount(id));
    expect(refunded.filter((a) => a === order.totalMinor)).toHaveLength(4);
    expect(refunded.filter((a) => a === 0)).toHaveLength(1);
    expect(await paidTransitions(live, order.id)).toBe(1);
    const issued = await live.database.db
      .select()
      .from(invoices)
      .where(sql`${invoices.userId} = ${c.userId} and ${invoices.type} = 'invoice'`);
    expect(issued).toHaveLength(1);

    // Every webhook delivered again (and the return pages): nothing is refunded or told twice.
    await Promise.all(hooks.map((send) => send()));
    for (const id of ids)
      await as({ method: 'POST', url: `/api/payments/${id}/confirm`, payload: { query: {} } });
    for (const id of sessions) expect(fakes.stripe.listRefunds(id).length).toBeLessThanOrEqual(1);
    expect(sessions.reduce((n, id) => n + fakes.stripe.listRefunds(id).length, 0)).toBe(4);
    const mails = await emailsTo(live, c.email);
    expect(mails.filter((m) => m.template === 'payment-refunded')).toHaveLength(4);
    expect(mails.filter((m) => m.template === 'orders-paid')).toHaveLength(1);
    const alerts = await live.database.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.type, 'payment.duplicate_refunded'),
          sql`${notifications.title} like ${`%${order.orderNumber}%`}`,
        ),
      );
    expect(alerts).toHaveLength(4);
  });

  it('an invoice paid twice at Stripe: the second payment is refunded and the service extended once', async () => {
    const { c, invoice, as } = await renewalInvoice(live, {
      status: 'issued',
      invoiceNumber: 'CV-2026-910001',
    });
    const pay = () =>
      as({ method: 'POST', url: `/api/invoices/${invoice.id}/pay`, payload: { provider: 'stripe' } });
    const first = (await pay()).json();
    const second = (await pay()).json();
    const firstSession = (await txRow(live, first.id)).providerTxId!;
    const secondSession = (await txRow(live, second.id)).providerTxId!;
    expect(fakes.stripe.session(firstSession).status).toBe('expired');
    fakes.stripe.approve(firstSession);
    fakes.stripe.approve(secondSession);
    expect((await stripeHook(firstSession)()).statusCode).toBe(200);
    expect((await stripeHook(secondSession)()).statusCode).toBe(200);
    expect((await txRow(live, first.id)).status).toBe('succeeded');
    expect((await txRow(live, second.id)).status).toBe('refunded');
    expect(fakes.stripe.refundedAmount(secondSession)).toBe(1300);
    expect(fakes.stripe.refundedAmount(firstSession)).toBe(0);
    const mails = await emailsTo(live, c.email);
    expect(mails.filter((m) => m.template === 'payment-refunded')).toHaveLength(1);
    expect(mails.find((m) => m.template === 'payment-refunded')!.subject).toContain('CV-2026-910001');
  });

  it('a refund the gateway fails is retried by the redelivered webhook, once', async () => {
    const { as, order } = await placedOrder(live);
    const pay = () =>
      as({ method: 'POST', url: `/api/orders/${order.id}/pay`, payload: { provider: 'stripe' } });
    const first = await txRow(live, (await pay()).json().id);
    const second = await txRow(live, (await pay()).json().id);
    fakes.stripe.approve(first.providerTxId!);
    fakes.stripe.approve(second.providerTxId!);
    expect((await stripeHook(first.providerTxId!)()).statusCode).toBe(200);
    fakes.stripe.server.failNextOn('POST', /^\/v1\/refunds$/, 503);
    const late = stripeHook(second.providerTxId!);
    expect((await late()).statusCode).toBeGreaterThanOrEqual(500);
    expect((await txRow(live, second.id)).status).toBe('duplicate');
    expect(fakes.stripe.refundedAmount(second.providerTxId!)).toBe(0);
    expect((await late()).statusCode).toBe(200);
    expect((await late()).statusCode).toBe(200);
    expect((await txRow(live, second.id)).status).toBe('refunded');
    expect(fakes.stripe.listRefunds(second.providerTxId!)).toHaveLength(1);
  });
});
