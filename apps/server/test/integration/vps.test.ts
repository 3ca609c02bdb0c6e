import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, vpsActions } from '../../src/db/schema/index.ts';
import { api, customer, emailsTo } from '../auth-helpers.ts';
import { createVpsInstance } from '../factories.ts';
import { TEST_ENGINE } from '../db.ts';
import { useVpsApp, t, sim, asAdmin, events, paidOrder, unassignedInstance, settle } from './vps.setup.ts';

useVpsApp();

describe(`fulfilment by assignment and the customer panel (${TEST_ENGINE})`, () => {
  let owner: Awaited<ReturnType<typeof paidOrder>>;
  let vpsId: string;

  it('the admin sees paid orders first and assigns an existing instance; the customer is told by e-mail', async () => {
    owner = await paidOrder();
    const queue = (await asAdmin({ method: 'GET', url: '/api/admin/orders?status=paid' })).json();
    expect(queue.items.map((o: { id: string }) => o.id)).toContain(owner.order.id);
    expect(queue.items[0].waitingSeconds).toBeGreaterThanOrEqual(0);
    const instance = await unassignedInstance();
    const res = await asAdmin({
      method: 'POST',
      url: `/api/admin/orders/${owner.order.id}/provision`,
      payload: { contaboInstanceId: instance.instanceId, rootPassword: 'Initial-Pass-123!' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.state).toBe('completed');
    expect(body.order.status).toBe('completed');
    expect(body.order.vps).toMatchObject({ ipv4: instance.ipv4, status: 'running', hasRootPassword: true });
    vpsId = body.order.vps.id;
    const mail = (await emailsTo(t, owner.c.email)).find((m) => m.template === 'vps-ready');
    expect(mail?.text).toContain(instance.ipv4);
    expect(mail?.text).not.toContain('Initial-Pass-123!');
  });

  it('refuses an instance that is already assigned, missing or for a non-paid order', async () => {
    const other = await paidOrder();
    const [assigned] = (
      await asAdmin({ method: 'GET', url: '/api/admin/contabo/instances?assigned=true' })
    ).json().items;
    const again = await asAdmin({
      method: 'POST',
      url: `/api/admin/orders/${other.order.id}/provision`,
      payload: { contaboInstanceId: assigned.instanceId },
    });
    expect(again.statusCode).toBe(409);
    const missing = await asAdmin({
      method: 'POST',
      url: `/api/admin/orders/${other.order.id}/provision`,
      payload: { contaboInstanceId: 424242 },
    });
    expect(missing.statusCode).toBe(404);
    const completed = await asAdmin({
      method: 'POST',
      url: `/api/admin/orders/${owner.order.id}/provision`,
      payload: { contaboInstanceId: 1 },
    });
    expect(completed.statusCode).toBe(409);
    const bad = await asAdmin({
      method: 'PUT',
      url: `/api/admin/orders/${owner.order.id}/status`,
      payload: { status: 'paid' },
    });
    expect(bad.statusCode).toBe(409);
    // "paid" only comes from a recorded payment (#15-17), whatever the order's state.
    expect(bad.json().error.code).toBe('conflict');
  });

  it('the customer stops and starts the server; one action at a time; status arrives live', async () => {
    const as = owner.as;
    expect(
      (await as({ method: 'GET', url: '/api/vps' })).json().items.map((v: { id: string }) => v.id),
    ).toEqual([vpsId]);
    const start = await as({ method: 'POST', url: `/api/vps/${vpsId}/start` });
    expect(start.statusCode).toBe(409); // already running
    const stop = await as({
      method: 'POST',
      url: `/api/vps/${vpsId}/stop`,
      headers: { 'user-agent': 'panel-test/1.0', 'x-request-id': 'stop-request-0001' },
    });
    expect(stop.statusCode).toBe(202);
    // Its audit row, written by the same statement: who, from where, with which request, which action and place.
    const [audited] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'vps.stop'));
    expect(audited).toMatchObject({
      actorId: owner.c.userId,
      actorRole: 'customer',
      entityType: 'vps',
      entityId: vpsId,
      ipAddress: '127.0.0.1',
      userAgent: 'panel-test/1.0',
      requestId: 'stop-request-0001',
      metadata: expect.objectContaining({ actionId: stop.json().id, queuePosition: 1 }),
    });
    // Queued at once (no Contabo call in the request), with its place in the queue and a wait estimate.
    expect(stop.json()).toMatchObject({
      actionType: 'stop',
      status: 'queued',
      expectedStatus: 'stopped',
      queue: { position: 1, estimatedSeconds: 1 },
    });
    expect((await as({ method: 'GET', url: `/api/vps/${vpsId}` })).json().actionInFlight).toMatchObject({
      status: 'queued',
    });
    // The list shows it on that server too.
    expect((await as({ method: 'GET', url: '/api/vps' })).json().items).toEqual([
      expect.objectContaining({ id: vpsId, actionInFlight: expect.objectContaining({ actionType: 'stop' }) }),
    ]);
    const busy = await as({ method: 'POST', url: `/api/vps/${vpsId}/restart` });
    expect(busy.json().error.code).toBe('action_in_progress');
    await settle();
    const detail = (await as({ method: 'GET', url: `/api/vps/${vpsId}` })).json();
    expect(detail).toMatchObject({ status: 'stopped', actionInFlight: null });
    expect(events.some((e) => e.vpsId === vpsId && e.type === 'vps.status' && e.status === 'stopped')).toBe(
      true,
    );
    expect(
      events.some((e) => e.vpsId === vpsId && e.type === 'vps.action' && e.actionStatus === 'completed'),
    ).toBe(true);
    await as({ method: 'POST', url: `/api/vps/${vpsId}/start` });
    await settle();
    expect((await as({ method: 'GET', url: `/api/vps/${vpsId}` })).json().status).toBe('running');
    const actions = (await as({ method: 'GET', url: `/api/vps/${vpsId}/actions` })).json();
    expect(
      actions.items.map((a: { actionType: string; status: string }) => `${a.actionType}:${a.status}`),
    ).toEqual(['start:completed', 'stop:completed']);
    const history = (await as({ method: 'GET', url: `/api/vps/${vpsId}/history` })).json();
    expect(history.items.map((h: { toStatus: string }) => h.toStatus)).toEqual(['running', 'stopped']);
  });

  it('snapshots: create, quota as a clear 402, restore (Contabo rollback) and delete', async () => {
    const as = owner.as;
    const first = await as({
      method: 'POST',
      url: `/api/vps/${vpsId}/snapshots`,
      payload: { name: 'before upgrade' },
    });
    expect(first.statusCode).toBe(201);
    await as({ method: 'POST', url: `/api/vps/${vpsId}/snapshots`, payload: { name: 'second' } });
    const over = await as({ method: 'POST', url: `/api/vps/${vpsId}/snapshots`, payload: { name: 'third' } });
    expect(over.statusCode).toBe(402);
    expect(over.json().error.code).toBe('snapshot_quota_exceeded');
    const badName = await as({
      method: 'POST',
      url: `/api/vps/${vpsId}/snapshots`,
      payload: { name: 'no/slashes' },
    });
    expect(badName.statusCode).toBe(400);
    const list = (await as({ method: 'GET', url: `/api/vps/${vpsId}/snapshots` })).json();
    expect(list).toMatchObject({ total: 2, quota: 2 });
    const older = list.items.find((s: { name: string }) => s.name === 'before upgrade');
    const restore = await as({ method: 'POST', url: `/api/vps/${vpsId}/snapshots/${older.id}/restore` });
    expect(restore.statusCode).toBe(202);
    t.clock.advance(5_000);
    await settle(10_000);
    const after = (await as({ method: 'GET', url: `/api/vps/${vpsId}/snapshots` })).json();
    expect(after.items.map((s: { name: string }) => s.name)).toEqual(['before upgrade']);
    const del = await as({ method: 'DELETE', url: `/api/vps/${vpsId}/snapshots/${older.id}` });
    expect(del.statusCode).toBe(204);
    expect((await as({ method: 'GET', url: `/api/vps/${vpsId}/snapshots` })).json().total).toBe(0);
  });

  it('resets the root password and shows it only after the customer re-enters their own password', async () => {
    const as = owner.as;
    const weak = await as({
      method: 'POST',
      url: `/api/vps/${vpsId}/reset-password`,
      payload: { rootPassword: 'weakpassword' },
    });
    expect(weak.statusCode).toBe(400);
    const reset = await as({
      method: 'POST',
      url: `/api/vps/${vpsId}/reset-password`,
      payload: { generate: true },
    });
    expect(reset.statusCode).toBe(202);
    const generated = reset.json().generatedPassword as string;
    expect(generated).toHaveLength(20);
    await settle(10_000);
    const wrong = await as({
      method: 'POST',
      url: `/api/vps/${vpsId}/credentials`,
      payload: { password: 'not-my-password' },
    });
    expect(wrong.json().error.code).toBe('invalid_password');
    const right = await as({
      method: 'POST',
      url: `/api/vps/${vpsId}/credentials`,
      payload: { password: owner.c.password },
    });
    expect(right.json()).toEqual({ defaultUser: expect.any(String), rootPassword: generated });
    const detail = await as({ method: 'GET', url: `/api/vps/${vpsId}` });
    expect(detail.body).not.toContain(generated);
  });

  it('pages the list with its total and shows only the action in flight on each server, in the list and the detail', async () => {
    const c = await customer(t);
    const as = api(t.app, c.accessToken);
    const db = t.database.db;
    const day = (n: number) => new Date(Date.UTC(2026, 0, n));
    const [oldest, middle, newest] = [
      await createVpsInstance(db, { userId: c.userId, assignedAt: day(1) }),
      await createVpsInstance(db, { userId: c.userId, assignedAt: day(2) }),
      await createVpsInstance(db, { userId: c.userId, assignedAt: day(3) }),
    ];
    await createVpsInstance(db); // someone else's: never counted
    const action = (vpsInstanceId: string, status: string) =>
      db.insert(vpsActions).values({ vpsInstanceId, userId: c.userId, actionType: 'stop', status });
    // Finished actions never show, and never repeat a server in the list.
    await action(newest!.id, 'completed');
    await action(newest!.id, 'failed');
    await action(middle!.id, 'completed');
    await action(middle!.id, 'queued');

    const page = async (n: number) =>
      (await as({ method: 'GET', url: `/api/vps?page=${n}&pageSize=2` })).json();
    const shown = (body: { items: Array<{ id: string; actionInFlight: { status: string } | null }> }) =>
      body.items.map((v) => [v.id, v.actionInFlight?.status ?? null]);
    const [first, second, past] = [await page(1), await page(2), await page(3)];
    expect([first.total, second.total, past.total]).toEqual([3, 3, 3]);
    expect(shown(first)).toEqual([
      [newest!.id, null],
      [middle!.id, 'queued'],
    ]);
    expect(shown(second)).toEqual([[oldest!.id, null]]);
    expect(past.items).toEqual([]);

    const detail = async (id: string) => (await as({ method: 'GET', url: `/api/vps/${id}` })).json();
    expect((await detail(newest!.id)).actionInFlight).toBeNull();
    expect((await detail(middle!.id)).actionInFlight).toMatchObject({ actionType: 'stop', status: 'queued' });
    // A customer without servers: an empty first page counts none.
    const other = await customer(t);
    expect((await api(t.app, other.accessToken)({ method: 'GET', url: '/api/vps' })).json()).toEqual({
      items: [],
      total: 0,
    });
  });

  it('answers 404 on every /api/vps/:id route to another customer', async () => {
    const stranger = api(t.app, (await customer(t)).accessToken);
    const routes: Array<[string, string, unknown?]> = [
      ['GET', ''],
      ['PATCH', '', { displayName: 'x' }],
      ['POST', '/start'],
      ['POST', '/stop'],
      ['POST', '/restart'],
      ['POST', '/shutdown'],
      ['POST', '/rescue', {}],
      ['POST', '/reset-password', { generate: true }],
      ['POST', '/credentials', { password: 'x' }],
      ['GET', '/actions'],
      ['GET', '/history'],
      ['GET', '/snapshots'],
      ['POST', '/snapshots', { name: 'x' }],
      ['POST', '/snapshots/snap1/restore'],
      ['DELETE', '/snapshots/snap1'],
      ['GET', '/events'],
    ];
    for (const [method, path, payload] of routes) {
      const res = await stranger({
        method: method as 'GET',
        url: `/api/vps/${vpsId}${path}`,
        ...(payload ? { payload: payload as object } : {}),
      });
      expect(res.statusCode, `${method} ${path}`).toBe(404);
    }
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/vps/${vpsId}` });
    expect(anonymous.statusCode).toBe(401);
    const customerOnAdmin = await owner.as({ method: 'GET', url: '/api/admin/vps' });
    expect(customerOnAdmin.statusCode).toBe(403);
  });

  it('a Contabo failure during an action is recorded and explained; a suspended service is blocked', async () => {
    const as = owner.as;
    sim.injectFault({ kind: 'server_error', status: 503, count: 10, pathPattern: '/actions/stop$' });
    const queued = await as({ method: 'POST', url: `/api/vps/${vpsId}/stop` });
    expect(queued.statusCode).toBe(202);
    await t.container.vpsQueue.pass();
    const rows = await t.database.db.select().from(vpsActions).where(eq(vpsActions.vpsInstanceId, vpsId));
    expect(rows.find((r) => r.id === queued.json().id)).toMatchObject({
      status: 'failed',
      errorCode: 'server_error',
    });
    const failedEvent = events.find((e) => e.type === 'vps.action' && e.actionId === queued.json().id);
    expect(failedEvent).toBeDefined();
    const audited = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'vps.stop.failed'));
    expect(audited.length).toBeGreaterThan(0);
    sim.clearFaults();
    // Contabo busy (429) past the client's retries: the action goes back to the queue in its place and is sent later.
    sim.injectFault({ kind: 'rate_limit', count: 4, pathPattern: '/actions/restart$' });
    const limited = await as({ method: 'POST', url: `/api/vps/${vpsId}/restart` });
    expect(limited.statusCode).toBe(202);
    await t.container.vpsQueue.pass();
    const after = await t.database.db.select().from(vpsActions).where(eq(vpsActions.id, limited.json().id));
    expect(after[0]!.status).toBe('queued');
    expect(after[0]!.params).toMatchObject({ requeues: 1 });
    for (let i = 0; i < 3 && (await t.database.db.$count(vpsActions, eq(vpsActions.status, 'queued'))); i++) {
      await t.container.vpsQueue.pass();
    }
    const sent = await t.database.db.select().from(vpsActions).where(eq(vpsActions.id, limited.json().id));
    expect(sent[0]!.status).toBe('accepted');
    sim.clearFaults();
    await settle();

    await asAdmin({ method: 'PUT', url: `/api/admin/vps/${vpsId}`, payload: { serviceStatus: 'suspended' } });
    const blocked = await as({ method: 'POST', url: `/api/vps/${vpsId}/stop` });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('service_suspended');
    expect((await as({ method: 'GET', url: `/api/vps/${vpsId}` })).json().serviceStatus).toBe('suspended');
    await asAdmin({ method: 'PUT', url: `/api/admin/vps/${vpsId}`, payload: { serviceStatus: 'active' } });
    expect((await as({ method: 'POST', url: `/api/vps/${vpsId}/stop` })).statusCode).toBe(202);
    await settle();
  });
});
