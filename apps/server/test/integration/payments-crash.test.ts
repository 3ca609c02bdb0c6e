import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { webhookEvents } from '../../src/db/schema/index.ts';
import { createPaymentGateways } from '../../src/integrations/payments/index.ts';
import { startPaymentFakes, type PaymentFakes } from '../../src/integrations/payments/fakes/index.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { emailsTo } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { orderWithPayment } from '../order-helpers.ts';
import { approvedAtStripe, paidTransitions as paidTransitionsOf } from './payments.setup.ts';

/**
 * #15 item 20: crash windows of the settlement. A webhook is recorded as processed only in the transaction that
 * applies it, and the order-paid e-mails are queued in that transaction.
 */
let live: TestApp;
let fakes: PaymentFakes;

beforeAll(async () => {
  fakes = await startPaymentFakes();
  live = await createTestApp({ gateways: createPaymentGateways(fakes.gatewayOptions()) });
}, 300_000);
afterAll(async () => {
  await live?.close();
  await fakes?.close();
});

/** An order with an open Stripe checkout the customer has paid; `send` delivers the same signed webhook each time. */
async function paidAtStripe() {
  const { c, as, order, payment } = await orderWithPayment(live, 'stripe');
  const { hook, send } = await approvedAtStripe(live, fakes, payment.id);
  return { c, as, order, payment, eventId: hook.event.id as string, send };
}

const paidTransitions = (orderId: string) => paidTransitionsOf(live, orderId);

describe(`settlement crash windows (${TEST_ENGINE})`, () => {
  it('a delivery recorded but never applied (the process died) is applied when redelivered', async () => {
    const { as, order, eventId, send } = await paidAtStripe();
    // What a process killed between receiving and applying the webhook leaves behind.
    await live.database.db
      .insert(webhookEvents)
      .values({ provider: 'stripe', eventId, type: 'checkout.session.completed', payload: {} });
    const redelivered = await send();
    expect(redelivered.statusCode).toBe(200);
    expect(redelivered.json()).toEqual({ received: true, duplicate: false });
    expect((await as({ method: 'GET', url: `/api/orders/${order.id}` })).json().status).toBe('paid');
    expect((await send()).json()).toEqual({ received: true, duplicate: true });
    expect(await paidTransitions(order.id)).toBe(1);
  });

  it('a crash while queueing the order-paid e-mail leaves nothing applied: the redelivery applies it and mails once', async () => {
    const { c, order, eventId, send } = await paidAtStripe();
    const mail = live.container.mail;
    const queue = mail.queue;
    mail.queue = (async () => {
      throw new Error('simulated crash while settling');
    }) as typeof mail.queue;
    try {
      expect((await send()).statusCode).toBeGreaterThanOrEqual(500);
    } finally {
      mail.queue = queue;
    }
    const recorded = await live.database.db
      .select()
      .from(webhookEvents)
      .where(eq(webhookEvents.eventId, eventId));
    expect(recorded).toHaveLength(0);
    expect(await paidTransitions(order.id)).toBe(0);
    expect((await send()).json()).toEqual({ received: true, duplicate: false });
    expect(await paidTransitions(order.id)).toBe(1);
    const mails = await emailsTo(live, c.email);
    expect(mails.filter((m) => m.template === 'orders-paid')).toHaveLength(1);
  });
});
