import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { notifications } from '../../src/db/schema/index.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { CONTABO_ALERT_WINDOW_MS } from '../../src/modules/notifications/contabo-alerts.ts';
import { useTestApp } from '../app.ts';
import { admin, api, customer, login, support } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { createOrder, createProduct, createVpsInstance } from '../factories.ts';
import { paidSandboxOrder } from '../order-helpers.ts';

/**
 * The bells the platform rings by itself: customers hear that their server is ready, an invoice was issued, a
 * suspension is coming and that it happened; staff hear of new tickets and customer replies, renewals going overdue
 * or failing to be paid, and Contabo errors (one notification per burst).
 */
const t = useTestApp({
  clock: new ManualClock('2026-01-15T12:00:00Z'),
  env: { RATE_LIMIT_DISABLED: 'true' },
});

type Note = { id: string; type: string; title: string; body: string; link: string | null; read: boolean };

/** The bell of a user (logging in again: the test clock jumps days and access tokens are short-lived). */
async function bell(user: { email: string; password: string }) {
  const res = await login(t.app, user.email, user.password);
  const as = api(t.app, res.json().accessToken as string);
  return (await as({ method: 'GET', url: '/api/notifications?limit=50' })).json() as {
    unread: number;
    items: Note[];
  };
}
const typesOf = (b: { items: Note[] }) => b.items.map((n) => n.type);

/** The bells rung over the live bus (what open SSE streams react to) while `work` runs. */
async function bellsRungDuring(work: () => Promise<unknown>) {
  const rung: Array<{ userId: string | null; audience: string }> = [];
  const stop = t.container.events.subscribeSystem((event) => {
    if (event.type === 'notification.created') rung.push({ userId: event.userId, audience: event.audience });
  });
  try {
    await work();
  } finally {
    stop();
  }
  return rung;
}
const staffRows = (type: string) =>
  t.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.type, type), eq(notifications.audience, 'admins')));

describe(`in-app notifications written by the platform (${TEST_ENGINE})`, () => {
  it('tells the customer their server is ready when an instance is assigned', async () => {
    const { c, order } = await paidSandboxOrder(t);
    const asAdmin = api(t.app, (await admin(t)).accessToken);
    const [instance] = t.container.contabo.simulator!.control.seedInstances(1);
    let provisioned!: Awaited<ReturnType<typeof asAdmin>>;
    const rung = await bellsRungDuring(async () => {
      provisioned = await asAdmin({
        method: 'POST',
        url: `/api/admin/orders/${order.id}/provision`,
        payload: { contaboInstanceId: instance },
      });
    });
    expect(rung).toContainEqual({ userId: c.userId, audience: 'user' });
    expect(provisioned.statusCode, provisioned.body).toBe(200);
    const vpsId = provisioned.json().order.vps.id as string;

    const mine = await bell(c);
    expect(mine.unread).toBe(1);
    expect(mine.items[0]).toMatchObject({ type: 'vps.ready', link: `/panel/servers/${vpsId}`, read: false });
    expect(mine.items[0]!.title).toMatch(/^Tu servidor .+ está listo$/);
  });

  it('rings the staff for a new ticket and a customer reply: the team, then only the assignee', async () => {
    const [a, s, c] = [await admin(t), await support(t), await customer(t)];
    const asCustomer = api(t.app, c.accessToken);
    const asAdmin = api(t.app, a.accessToken);
    const before = { admin: (await bell(a)).unread, support: (await bell(s)).unread };
    let ticket!: { id: string; number: string };
    const rung = await bellsRungDuring(async () => {
      ticket = (
        await asCustomer({
          method: 'POST',
          url: '/api/tickets',
          payload: { subject: 'No arranca', message: 'Hola,\nno responde.' },
        })
      ).json();
    });
    expect(rung).toContainEqual({ userId: null, audience: 'admins' });
    const adminBell = await bell(a);
    expect(adminBell.unread).toBe(before.admin + 1);
    expect(adminBell.items[0]).toMatchObject({
      type: 'ticket.new',
      link: `/admin/tickets/${ticket.id}`,
      title: `Nuevo ticket ${ticket.number}: No arranca`,
    });
    expect((await bell(s)).unread).toBe(before.support + 1);
    expect(typesOf(await bell(c))).not.toContain('ticket.new');

    const assigned = await asAdmin({
      method: 'PATCH',
      url: `/api/admin/tickets/${ticket.id}`,
      payload: { assigneeId: s.userId },
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    await asAdmin({
      method: 'POST',
      url: `/api/admin/tickets/${ticket.id}/messages`,
      payload: { message: '¿Puedes reiniciarlo?' },
    });
    const replied = await asCustomer({
      method: 'POST',
      url: `/api/tickets/${ticket.id}/messages`,
      payload: { message: 'Ya lo reinicié y sigue igual.' },
    });
    expect(replied.statusCode, replied.body).toBeLessThan(300);
    const supportBell = await bell(s);
    expect(supportBell.items[0]).toMatchObject({ type: 'ticket.customer_reply', read: false });
    expect(typesOf(await bell(a))).not.toContain('ticket.customer_reply');
  });

  it('a burst of Contabo errors makes one staff notification per window, not hundreds', async () => {
    const a = await admin(t);
    const sim = t.container.contabo.simulator!.control;
    sim.injectFault({ kind: 'server_error', count: 100, pathPattern: '^/v1/compute/instances$' });
    const calls = await Promise.allSettled(
      Array.from({ length: 5 }, () => t.container.contabo.client.instances.list({ size: 1 })),
    );
    expect(calls.every((c) => c.status === 'rejected')).toBe(true);
    for (let i = 0; i < 200; i++) {
      t.container.contaboAlerts.record({
        method: 'GET',
        pathTemplate: '/v1/compute/instances',
        status: 503,
        errorCode: 'server_error',
      });
    }
    await t.container.contaboAlerts.settled();
    const rows = await staffRows('contabo.error');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.body).toContain('GET /v1/compute/instances → 500');
    const adminBell = await bell(a);
    expect(adminBell.items.filter((n) => n.type === 'contabo.error')).toHaveLength(1);

    // Not-found and rate limits are normal answers, not alerts; a new window alerts again.
    t.clock.set(new Date(t.clock.now().getTime() + CONTABO_ALERT_WINDOW_MS + 1_000));
    t.container.contaboAlerts.record({
      method: 'GET',
      pathTemplate: '/x',
      status: 404,
      errorCode: 'not_found',
    });
    t.container.contaboAlerts.record({ method: 'GET', pathTemplate: '/x', status: 429, errorCode: null });
    await t.container.contaboAlerts.settled();
    expect(await staffRows('contabo.error')).toHaveLength(1);
    t.container.contaboAlerts.record({
      method: 'POST',
      pathTemplate: '/auth',
      status: null,
      errorCode: 'timeout',
    });
    await t.container.contaboAlerts.settled();
    expect(await staffRows('contabo.error')).toHaveLength(2);
    sim.clearFaults();
  });

  it('renewal: invoice issued, suspension warning and suspension for the customer; overdue and failed payment for staff', async () => {
    const db = t.database.db;
    const lifecycle = t.container.billingLifecycle;
    t.clock.set('2026-03-01T12:00:00Z');
    const a = await admin(t);
    const c = await customer(t);
    const product = await createProduct(db, { name: 'VPS Avisos' });
    const order = await createOrder(db, {
      userId: c.userId,
      productId: product.id,
      status: 'completed',
      subtotalMinor: 1200,
      totalMinor: 1200,
    });
    const [instanceId] = t.container.contabo.simulator!.control.seedInstances(1);
    await createVpsInstance(db, {
      userId: c.userId,
      orderId: order.id,
      productId: product.id,
      contaboInstanceId: instanceId!,
      displayName: 'web-avisos',
      expiresAt: new Date('2026-03-10T00:00:00Z'),
      periodMonths: 1,
    });

    t.clock.set('2026-03-04T00:00:00Z'); // within the 7 days before expiry: the renewal invoice
    await lifecycle.run();
    await lifecycle.run();
    let mine = await bell(c);
    const issued = mine.items.filter((n) => n.type === 'invoice.issued');
    expect(issued).toHaveLength(1);
    expect(issued[0]!.title).toMatch(/^Nueva factura CV-2026-\d{6}$/);
    expect(issued[0]!.body).toContain('10 de marzo de 2026');
    const invoiceId = issued[0]!.link!.split('/').pop()!;

    t.clock.set('2026-03-11T00:00:00Z'); // overdue
    await lifecycle.run();
    await lifecycle.run();
    mine = await bell(c);
    expect(mine.items.filter((n) => n.type === 'service.suspension_warning')).toHaveLength(1);
    expect(mine.items.find((n) => n.type === 'service.suspension_warning')!.title).toBe(
      'Tu servidor web-avisos se suspenderá el 13 de marzo de 2026',
    );
    const overdue = (await bell(a)).items.filter((n) => n.type === 'renewal.overdue');
    expect(overdue.filter((n) => n.title.includes('web-avisos'))).toHaveLength(1);

    // The customer tries to pay and the payment is declined: the staff hears of it.
    const me = api(t.app, (await login(t.app, c.email, c.password)).json().accessToken as string);
    const pay = (
      await me({ method: 'POST', url: `/api/invoices/${invoiceId}/pay`, payload: { provider: 'sandbox' } })
    ).json();
    expect((await me({ method: 'POST', url: `/api/payments/sandbox/${pay.id}/decline` })).statusCode).toBe(
      200,
    );
    expect((await bell(a)).items.some((n) => n.type === 'renewal.payment_failed')).toBe(true);

    t.clock.set('2026-03-13T01:00:00Z'); // grace over: suspended
    await lifecycle.run();
    mine = await bell(c);
    expect(mine.items[0]).toMatchObject({
      type: 'service.suspended',
      title: 'Servidor suspendido: web-avisos',
      link: `/panel/invoices/${invoiceId}?pay=1`,
    });
    // The customer never sees the staff's notifications.
    expect(typesOf(mine).some((type) => type.startsWith('renewal.'))).toBe(false);
  });
});
