import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { adminTasks, notifications } from '../../src/db/schema/index.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { useTestApp } from '../app.ts';
import { admin, api, customer, login } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { createOrder, createProduct, createVpsInstance } from '../factories.ts';

/**
 * Issue #16 item 5: what the platform writes for staff (bell notices, admin tasks) is stored as a code and its
 * parameters, so the web shows it in each reader's language; the Spanish text stays as the fallback of old rows.
 */
const t = useTestApp({
  clock: new ManualClock('2026-08-01T00:00:00Z'),
  env: { RATE_LIMIT_DISABLED: 'true' },
});

type Item = { id: string; type: string; title: string; params: Record<string, unknown> | null };

/** What a staff member's bell lists (logging in again: the clock moves and tokens are short-lived). */
async function staffBell() {
  const a = await admin(t);
  const as = api(t.app, (await login(t.app, a.email, a.password)).json().accessToken as string);
  const res = await as({ method: 'GET', url: '/api/notifications?limit=100' });
  expect(res.statusCode, res.body).toBe(200);
  return { as, items: (res.json() as { items: Item[] }).items };
}

const staffRow = async (type: string) => {
  const [row] = await t.database.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.type, type), eq(notifications.audience, 'admins')));
  return row!;
};

describe(`staff notices and admin tasks as codes and params (${TEST_ENGINE})`, () => {
  it('a new ticket rings the staff with its code and params, and the bell API returns them', async () => {
    const c = await customer(t);
    const opened = await api(
      t.app,
      c.accessToken,
    )({
      method: 'POST',
      url: '/api/tickets',
      payload: { subject: 'No arranca', message: 'Hola, no responde.' },
    });
    expect(opened.statusCode, opened.body).toBeLessThan(300);
    const ticket = opened.json() as { id: string; number: string };

    const row = await staffRow('ticket.new');
    expect(row.params).toEqual({
      number: ticket.number,
      subject: 'No arranca',
      customer: expect.any(String),
    });
    expect(row.title).toBe(`Nuevo ticket ${ticket.number}: No arranca`); // the fallback of clients without params
    const { items } = await staffBell();
    expect(items.find((n) => n.id === row.id)).toMatchObject({ type: 'ticket.new', params: row.params });
  });

  it('the rate-limited Contabo alert (one conditional insert) stores its params too', async () => {
    t.container.contaboAlerts.record({
      method: 'GET',
      pathTemplate: '/v1/compute/instances',
      status: 503,
      errorCode: 'server_error',
    });
    await t.container.contaboAlerts.settled();
    const row = await staffRow('contabo.error');
    expect(row.params).toEqual({
      operation: 'GET /v1/compute/instances',
      outcome: 'server_error',
      status: 503,
      windowMinutes: 15,
    });
    const { items } = await staffBell();
    expect(items.find((n) => n.id === row.id)?.params).toEqual(row.params);
  });

  it('a notification stored before params existed is listed with params null and its text', async () => {
    const [old] = await t.database.db
      .insert(notifications)
      .values({ audience: 'admins', type: 'order.paid', title: 'Pedido pagado, listo para preparar' })
      .returning();
    const { items } = await staffBell();
    expect(items.find((n) => n.id === old!.id)).toMatchObject({ params: null, title: old!.title });
  });

  it('the Contabo cancellation task of an ended service carries its code and params in the billing overview', async () => {
    const db = t.database.db;
    const c = await customer(t);
    const product = await createProduct(db, { name: 'VPS Avisos' });
    const order = await createOrder(db, { userId: c.userId, productId: product.id, status: 'completed' });
    const [instanceId] = t.container.contabo.simulator!.control.seedInstances(1);
    const vps = await createVpsInstance(db, {
      userId: c.userId,
      orderId: order.id,
      productId: product.id,
      contaboInstanceId: instanceId!,
      displayName: 'web-avisos',
      expiresAt: new Date('2026-08-03T00:00:00Z'),
      periodMonths: 1,
      serviceStatus: 'suspended',
      suspendedAt: new Date('2026-07-01T00:00:00Z'),
    });
    expect((await t.container.billingLifecycle.run()).terminated).toBe(1);

    const [task] = await db.select().from(adminTasks).where(eq(adminTasks.vpsInstanceId, vps.id));
    expect(task).toMatchObject({
      type: 'contabo_cancel',
      params: { instanceId: instanceId!, serverName: 'web-avisos', reason: 'unpaid', days: 14 },
      notes: null,
      title: `Cancelar en Contabo la instancia ${instanceId} (web-avisos)`,
    });
    const { as } = await staffBell();
    const overview = (await as({ method: 'GET', url: '/api/admin/billing/overview' })).json() as {
      tasks: Array<{ id: string; params: unknown }>;
    };
    expect(overview.tasks.find((x) => x.id === task!.id)?.params).toEqual(task!.params);
    // The console's alert names the server (a name reads the same in any language), not the Spanish title.
    const dashboard = (await as({ method: 'GET', url: '/api/admin/dashboard' })).json() as {
      alerts: Array<{ kind: string; items: Array<{ id: string; label: string }> }>;
    };
    const alert = dashboard.alerts.find((a) => a.kind === 'admin_tasks');
    expect(alert?.items.find((i) => i.id === task!.id)?.label).toBe('web-avisos');
  });
});
