import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { vpsActions, vpsProbeHourly, vpsProbeResults } from '../../src/db/schema/index.ts';
import { TEST_ENGINE } from '../db.ts';
import { createSshKey, createVpsAction, createVpsInstance, createVpsStatusChange } from '../factories.ts';
import { newKey } from '../ssh-keys.ts';
import {
  useServerPage,
  t,
  sim,
  owner,
  as,
  asOther,
  vpsId,
  suspendedId,
  imageId,
  expectError,
  settle,
} from './server-page.setup.ts';

useServerPage();

describe(`reinstall (${TEST_ENGINE})`, () => {
  const body = () => ({ imageId, generate: true, confirm: 'web-1', password: owner.password });

  it('refuses other customers, suspended services, a wrong name or password and bad input', async () => {
    expectError(
      await asOther({ method: 'POST', url: `/api/vps/${vpsId}/reinstall`, payload: body() }),
      404,
      'not_found',
    );
    expectError(
      await as({
        method: 'POST',
        url: `/api/vps/${suspendedId}/reinstall`,
        payload: { ...body(), confirm: 'old' },
      }),
      403,
      'service_suspended',
    );
    expectError(
      await as({
        method: 'POST',
        url: `/api/vps/${vpsId}/reinstall`,
        payload: { ...body(), confirm: 'web-2' },
      }),
      400,
      'validation_error',
    );
    expectError(
      await as({
        method: 'POST',
        url: `/api/vps/${vpsId}/reinstall`,
        payload: { ...body(), password: 'not-my-password' },
      }),
      400,
      'invalid_password',
    );
    for (const payload of [
      { ...body(), imageId: 'x' },
      { ...body(), userData: 'a'.repeat(16_385) },
      { ...body(), generate: undefined },
      { ...body(), rootPassword: 'Abcdef12!!' },
      { ...body(), confirm: 'web-1\u0000' },
      { ...body(), sshKeyIds: ['not-a-uuid'] },
      { ...body(), confirm: 'x'.repeat(100_000) },
    ]) {
      const res = await as({ method: 'POST', url: `/api/vps/${vpsId}/reinstall`, payload });
      expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
    expectError(
      await as({
        method: 'POST',
        url: `/api/vps/${vpsId}/reinstall`,
        payload: { ...body(), imageId: vpsId },
      }),
      400,
      'validation_error',
    );
    expect(sim.counters().byOperation.reinstallInstance ?? 0).toBe(0);
  });

  it('records a Contabo failure on the action and deletes the one-off secrets', async () => {
    sim.injectFault({
      kind: 'server_error',
      status: 500,
      count: 1,
      pathPattern: '^/v1/compute/instances/100001$',
    });
    const res = await as({ method: 'POST', url: `/api/vps/${vpsId}/reinstall`, payload: body() });
    expect(res.statusCode).toBeGreaterThanOrEqual(500);
    expect(res.json().error.code).toMatch(/^contabo_/);
    const [failed] = await t.database.db
      .select()
      .from(vpsActions)
      .where(and(eq(vpsActions.vpsInstanceId, vpsId), eq(vpsActions.actionType, 'reinstall')));
    expect(failed).toMatchObject({ status: 'failed', errorCode: 'server_error' });
    expect(sim.state.secrets.size).toBe(0);
  });

  it('reinstalls with a generated password and SSH key: installing live, then running; password replaced', async () => {
    const key = await createSshKey(t.database.db, { userId: owner.userId, publicKey: newKey.ed25519() });
    const res = await as({
      method: 'POST',
      url: `/api/vps/${vpsId}/reinstall`,
      payload: { ...body(), sshKeyIds: [key.id], userData: '#cloud-config\npackages: [nginx]\n' },
    });
    expect(res.statusCode).toBe(202);
    const { action, generatedPassword } = res.json();
    expect(action).toMatchObject({ actionType: 'reinstall', status: 'accepted', expectedStatus: 'running' });
    expect(generatedPassword).toMatch(/^.{20}$/);
    expect(sim.state.secrets.size).toBe(0);
    expect(sim.state.instances.get(100001)!.sshKeys).toHaveLength(1);
    const busy = await as({ method: 'POST', url: `/api/vps/${vpsId}/reinstall`, payload: body() });
    expectError(busy, 409);
    expect((await as({ method: 'GET', url: `/api/vps/${vpsId}` })).json().status).toBe('installing');
    await settle(5_000);
    expect((await as({ method: 'GET', url: `/api/vps/${vpsId}` })).json().actionInFlight).not.toBeNull();
    await settle(6_000);
    const detail = (await as({ method: 'GET', url: `/api/vps/${vpsId}` })).json();
    expect(detail).toMatchObject({ status: 'running', actionInFlight: null, defaultUser: 'root' });
    // Password re-entry is limited like a login (5 a minute per account) and this test has used it up.
    t.clock.advance(61_000);
    const creds = await as({
      method: 'POST',
      url: `/api/vps/${vpsId}/credentials`,
      payload: { password: owner.password },
    });
    expect(creds.json().rootPassword).toBe(generatedPassword);
    const history = (await as({ method: 'GET', url: `/api/vps/${vpsId}/actions` })).json();
    expect(history.items[0]).toMatchObject({ actionType: 'reinstall', status: 'completed' });
    expect(JSON.stringify(history)).not.toContain(generatedPassword);
  });
});

describe(`statistics (${TEST_ENGINE})`, () => {
  it('availability and the status timeline come from the recorded status history', async () => {
    const now = t.clock.now().getTime();
    const h = 3_600_000;
    const vps = await createVpsInstance(t.database.db, {
      userId: owner.userId,
      assignedAt: new Date(now - 240 * h),
    });
    const change = (fromStatus: string, toStatus: string, hoursAgo: number) =>
      createVpsStatusChange(t.database.db, {
        vpsInstanceId: vps.id,
        fromStatus,
        toStatus,
        createdAt: new Date(now - hoursAgo * h),
      });
    await change('stopped', 'running', 48);
    await change('running', 'stopped', 12);
    await change('stopped', 'running', 6);
    await createVpsAction(t.database.db, {
      vpsInstanceId: vps.id,
      actionType: 'stop',
      requestedAt: new Date(now - 12 * h),
    });
    await createVpsAction(t.database.db, {
      vpsInstanceId: vps.id,
      actionType: 'start',
      status: 'failed',
      requestedAt: new Date(now - 7 * h),
    });
    const day = (await as({ method: 'GET', url: `/api/vps/${vps.id}/stats?range=24h` })).json();
    expect(day.availability).toBe(75);
    expect(day.metrics).toBe('none_from_provider');
    expect(day.timeline.map((s: { status: string }) => s.status)).toEqual(['running', 'stopped', 'running']);
    expect(day.actions).toEqual([
      { type: 'start', completed: 0, failed: 1 },
      { type: 'stop', completed: 1, failed: 0 },
    ]);
    const week = (await as({ method: 'GET', url: `/api/vps/${vps.id}/stats?range=7d` })).json();
    // Stopped until 48 h ago, then running except for 6 h: 42 of the window's 168 hours.
    expect(week.timeline[0].status).toBe('stopped');
    expect(week.availability).toBeCloseTo(((48 - 6) / 168) * 100, 1);
    const month = (await as({ method: 'GET', url: `/api/vps/${vps.id}/stats?range=30d` })).json();
    // Only the 10 days since the server became this customer's count.
    expect(new Date(month.timeline[0].from).getTime()).toBe(now - 240 * h);
  });

  it('adds uptime per range, probe latency and availability (raw, then hourly), power and snapshot actions', async () => {
    const now = t.clock.now().getTime();
    const h = 3_600_000;
    const vps = await createVpsInstance(t.database.db, {
      userId: owner.userId,
      assignedAt: new Date(now - 40 * 86_400_000),
    });
    await createVpsStatusChange(t.database.db, {
      vpsInstanceId: vps.id,
      fromStatus: 'running',
      toStatus: 'stopped',
      createdAt: new Date(now - 3 * 86_400_000),
    });
    await createVpsStatusChange(t.database.db, {
      vpsInstanceId: vps.id,
      fromStatus: 'stopped',
      toStatus: 'running',
      createdAt: new Date(now - 3 * 86_400_000 + 12 * h),
    });
    for (const [actionType, hoursAgo] of [
      ['stop', 72],
      ['start', 60],
      ['snapshot-create', 2],
      ['rename', 1],
    ] as const) {
      await createVpsAction(t.database.db, {
        vpsInstanceId: vps.id,
        actionType,
        requestedAt: new Date(now - hoursAgo * h),
      });
    }
    expect(
      (await as({ method: 'PUT', url: `/api/vps/${vps.id}/probe`, payload: { enabled: true } })).statusCode,
    ).toBe(200);
    const probe = (minutesAgo: number, latencyMs: number | null) => ({
      vpsInstanceId: vps.id,
      at: new Date(now - minutesAgo * 60_000),
      latencyMs,
      error: latencyMs === null ? 'timeout' : null,
    });
    await t.database.db
      .insert(vpsProbeResults)
      .values([probe(5, 20), probe(10, 40), probe(15, null), probe(20, 30), probe(3 * 24 * 60, 50)]);
    await t.database.db.insert(vpsProbeHourly).values({
      vpsInstanceId: vps.id,
      hour: new Date(Math.floor((now - 20 * 86_400_000) / h) * h),
      probes: 12,
      failures: 3,
      latencyAvgMs: 25,
      latencyMaxMs: 60,
    });

    const day = (await as({ method: 'GET', url: `/api/vps/${vps.id}/stats?range=24h` })).json();
    expect(day.uptime['24h']).toBe(100);
    expect(day.uptime['7d']).toBeCloseTo(((168 - 12) / 168) * 100, 1);
    expect(day.uptime['30d']).toBeCloseTo(((720 - 12) / 720) * 100, 1);
    expect(day.probe).toMatchObject({
      enabled: true,
      port: 22,
      protocol: 'ssh',
      resolution: 'probe',
      availability: 75,
    });
    expect(day.probe.points.map((p: { latencyAvgMs: number | null }) => p.latencyAvgMs)).toEqual([
      30,
      null,
      40,
      20,
    ]);
    expect(day.activity.map((a: { type: string; kind: string }) => [a.kind, a.type])).toEqual([
      ['snapshot', 'snapshot-create'],
    ]);

    const week = (await as({ method: 'GET', url: `/api/vps/${vps.id}/stats?range=7d` })).json();
    expect(week.probe.resolution).toBe('hour');
    const probes = week.probe.points.reduce((n: number, p: { probes: number }) => n + p.probes, 0);
    expect(probes).toBe(5);
    expect(week.probe.availability).toBe(80);
    expect(week.activity.map((a: { type: string }) => a.type)).toEqual(['stop', 'start', 'snapshot-create']);

    // 30 days read the hourly rollups only.
    const month = (await as({ method: 'GET', url: `/api/vps/${vps.id}/stats?range=30d` })).json();
    expect(month.probe.points).toHaveLength(1);
    expect(month.probe.points[0]).toMatchObject({
      probes: 12,
      failures: 3,
      latencyAvgMs: 25,
      latencyMaxMs: 60,
    });
    expect(month.probe.availability).toBe(75);
  });

  it('refuses other customers, suspended services and unknown ranges', async () => {
    expectError(await asOther({ method: 'GET', url: `/api/vps/${vpsId}/stats` }), 404);
    expectError(await as({ method: 'GET', url: `/api/vps/${suspendedId}/stats` }), 403);
    for (const range of ['1y', '', '24h%00', 'x'.repeat(5000)]) {
      expectError(await as({ method: 'GET', url: `/api/vps/${vpsId}/stats?range=${range}` }), 400);
    }
  });
});
