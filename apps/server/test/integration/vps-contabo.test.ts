import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { provisioningAttempts } from '../../src/db/schema/index.ts';
import { customer, emailsTo } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { useVpsApp, t, sim, asAdmin, events, paidOrder, unassignedInstance, settle } from './vps.setup.ts';

useVpsApp();

describe(`fulfilment through Contabo's API (${TEST_ENGINE})`, () => {
  it('creates the instance once even when the admin clicks twice, and completes when it runs', async () => {
    const { order, c, as } = await paidOrder('V94');
    sim.resetCounters();
    const [first, second] = await Promise.all([
      asAdmin({ method: 'POST', url: `/api/admin/orders/${order.id}/provision`, payload: { mode: 'api' } }),
      asAdmin({ method: 'POST', url: `/api/admin/orders/${order.id}/provision`, payload: { mode: 'api' } }),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, expect.any(Number)]);
    const retry = await asAdmin({
      method: 'POST',
      url: `/api/admin/orders/${order.id}/provision`,
      payload: { mode: 'api' },
    });
    expect(retry.statusCode).toBe(200);
    expect(sim.counters().byOperation.createInstance).toBe(1);
    const detail = (await asAdmin({ method: 'GET', url: `/api/admin/orders/${order.id}` })).json();
    expect(detail.status).toBe('provisioning');
    expect(detail.provisioning).toMatchObject({ status: 'created', displayName: order.orderNumber });
    await settle(30_000);
    const done = (await asAdmin({ method: 'GET', url: `/api/admin/orders/${order.id}` })).json();
    expect(done.status).toBe('completed');
    expect(done.vps).toMatchObject({
      status: 'running',
      hasRootPassword: true,
      expiresAt: expect.any(String),
    });
    expect((await emailsTo(t, c.email)).some((m) => m.template === 'vps-ready')).toBe(true);
    // Completion writes the status like the sync and the action tracker do: a history row and a live event.
    const history = (await as({ method: 'GET', url: `/api/vps/${done.vps.id}/history` })).json();
    expect(history.items[0]).toMatchObject({ toStatus: 'running' });
    expect(
      events.some((e) => e.vpsId === done.vps.id && e.type === 'vps.status' && e.status === 'running'),
    ).toBe(true);
  });

  it('after a crash or an unclear failure, reconciles by display name instead of buying a second server', async () => {
    const { order } = await paidOrder();
    sim.resetCounters();
    sim.injectFault({
      kind: 'server_error',
      count: 1,
      method: 'POST',
      pathPattern: '^/v1/compute/instances$',
      when: 'after',
    });
    const unclear = await asAdmin({
      method: 'POST',
      url: `/api/admin/orders/${order.id}/provision`,
      payload: { mode: 'api' },
    });
    expect(unclear.statusCode).toBe(200);
    expect(sim.counters().byOperation.createInstance).toBe(1);
    const again = await asAdmin({
      method: 'POST',
      url: `/api/admin/orders/${order.id}/provision`,
      payload: { mode: 'api' },
    });
    expect(again.statusCode).toBe(200);
    expect(sim.counters().byOperation.createInstance).toBe(1);
    const [attempt] = await t.database.db
      .select()
      .from(provisioningAttempts)
      .where(eq(provisioningAttempts.orderId, order.id));
    expect(attempt!.status).toBe('created');

    // A crash between the create call and recording its result: the attempt stays "creating".
    const crashed = await paidOrder();
    const created = await t.container.contabo.client.instances.create({
      period: 1,
      productId: 'V91',
      region: 'EU',
      displayName: crashed.order.orderNumber,
    });
    await t.database.db
      .insert(provisioningAttempts)
      .values({ orderId: crashed.order.id, status: 'creating', displayName: crashed.order.orderNumber });
    sim.resetCounters();
    const recovered = await asAdmin({
      method: 'POST',
      url: `/api/admin/orders/${crashed.order.id}/provision`,
      payload: { mode: 'api' },
    });
    expect(recovered.statusCode).toBe(200);
    expect(sim.counters().byOperation.createInstance ?? 0).toBe(0);
    expect(recovered.json().order.vps.id).toBeDefined();
    const [row] = await t.database.db
      .select()
      .from(provisioningAttempts)
      .where(eq(provisioningAttempts.orderId, crashed.order.id));
    expect(row!.contaboInstanceId).toBe(created.instanceId);
  });

  it('lists the Contabo inventory with assignments and lets the admin assign outside an order', async () => {
    const c = await customer(t);
    const instance = (await unassignedInstance('stopped')) ?? (await unassignedInstance());
    const res = await asAdmin({
      method: 'POST',
      url: '/api/admin/vps/assign',
      payload: { contaboInstanceId: instance.instanceId, userId: c.userId, periodMonths: 12 },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      ownerEmail: c.email,
      contaboInstanceId: instance.instanceId,
      periodMonths: 12,
    });
    const assigned = (
      await asAdmin({ method: 'GET', url: '/api/admin/contabo/instances?assigned=true' })
    ).json();
    expect(
      assigned.items.find((i: { instanceId: number }) => i.instanceId === instance.instanceId).assignment
        .email,
    ).toBe(c.email);
    const all = (
      await asAdmin({ method: 'GET', url: `/api/admin/vps?search=${encodeURIComponent(c.email)}` })
    ).json();
    expect(all.total).toBe(1);
  });
});
