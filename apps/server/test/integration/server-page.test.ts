import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { SimulatorControl } from '@cloud-vertice/contabo/simulator';
import {
  images,
  vpsActions,
  vpsFirewalls,
  vpsProbeHourly,
  vpsProbeResults,
} from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { api, customer } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { createSshKey, createVpsAction, createVpsInstance, createVpsStatusChange } from '../factories.ts';
import { newKey } from '../ssh-keys.ts';

let t: TestApp;
let sim: SimulatorControl;
let owner: Awaited<ReturnType<typeof customer>>;
let as: ReturnType<typeof api>;
let asOther: ReturnType<typeof api>;
let vpsId: string;
let suspendedId: string;
let v4: string;
let v6: string;
let imageId: string;

beforeAll(async () => {
  t = await createTestApp({ contabo: { timing: { actionMs: 3_000, provisionMs: 10_000 } } });
  sim = t.container.contabo.simulator!.control;
  owner = await customer(t);
  as = api(t.app, owner.accessToken);
  asOther = api(t.app, (await customer(t)).accessToken);
  const instance = await t.container.contabo.client.instances.get(100001);
  v4 = instance.ipConfig.v4!.ip!;
  v6 = instance.ipConfig.v6!.ip!;
  const vps = await createVpsInstance(t.database.db, {
    userId: owner.userId,
    contaboInstanceId: 100001,
    name: 'vmi100001',
    displayName: 'web-1',
    ipAddress: v4,
    ipV6Address: v6,
    osType: 'Linux',
  });
  vpsId = vps.id;
  suspendedId = (
    await createVpsInstance(t.database.db, {
      userId: owner.userId,
      contaboInstanceId: 100003,
      displayName: 'old',
      serviceStatus: 'suspended',
      suspendedAt: new Date(),
    })
  ).id;
  const [debian] = await t.database.db.select().from(images).where(eq(images.osType, 'Linux')).limit(1);
  imageId = debian!.id;
});
afterAll(async () => {
  await t?.close();
});

const expectError = (res: { statusCode: number; json(): unknown }, status: number, code?: string) => {
  expect(res.statusCode).toBe(status);
  const body = res.json() as { error: { code: string; message: string } };
  expect(typeof body.error.message).toBe('string');
  if (code) expect(body.error.code).toBe(code);
};

async function settle(ms: number) {
  sim.advance(ms);
  t.clock.advance(ms);
  await t.container.vps.trackActions();
}

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

describe(`reverse DNS (${TEST_ENGINE})`, () => {
  it('lists the IPv4 and IPv6 records of the server', async () => {
    const res = await as({ method: 'GET', url: `/api/vps/${vpsId}/rdns` });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      { ip: v4, version: 4, ptr: 'vmi100001.contaboserver.net' },
      { ip: v6, version: 6, ptr: null },
    ]);
  });

  it('sets the PTR of its own IPv4 and IPv6 (created the first time); a trailing dot and case are normalised', async () => {
    const put4 = await as({
      method: 'PUT',
      url: `/api/vps/${vpsId}/rdns/${v4}`,
      payload: { ptr: 'Mail.Example.com.' },
    });
    expect(put4.statusCode).toBe(200);
    expect(put4.json()).toEqual({ ip: v4, version: 4, ptr: 'mail.example.com' });
    const put6 = await as({
      method: 'PUT',
      url: `/api/vps/${vpsId}/rdns/${encodeURIComponent(v6.toUpperCase())}`,
      payload: { ptr: 'v6.example.com' },
    });
    expect(put6.statusCode).toBe(200);
    expect((await as({ method: 'GET', url: `/api/vps/${vpsId}/rdns` })).json().items).toEqual([
      { ip: v4, version: 4, ptr: 'mail.example.com' },
      { ip: v6, version: 6, ptr: 'v6.example.com' },
    ]);
    const again = await as({
      method: 'PUT',
      url: `/api/vps/${vpsId}/rdns/${v6}`,
      payload: { ptr: 'v6b.example.com' },
    });
    expect(again.statusCode).toBe(200);
    expect((await t.container.contabo.client.ptrs.get(v6)).ptr).toBe('v6b.example.com');
  });

  it('refuses addresses that are not the server’s, other customers, suspended services and bad names', async () => {
    const other = (await t.container.contabo.client.instances.get(100002)).ipConfig.v4!.ip!;
    expectError(
      await as({ method: 'PUT', url: `/api/vps/${vpsId}/rdns/${other}`, payload: { ptr: 'x.example.com' } }),
      404,
      'not_found',
    );
    expectError(
      await asOther({
        method: 'PUT',
        url: `/api/vps/${vpsId}/rdns/${v4}`,
        payload: { ptr: 'x.example.com' },
      }),
      404,
    );
    expectError(await asOther({ method: 'GET', url: `/api/vps/${vpsId}/rdns` }), 404);
    expectError(await as({ method: 'GET', url: `/api/vps/${suspendedId}/rdns` }), 403, 'service_suspended');
    for (const ptr of [
      'localhost',
      'a..b.com',
      '-bad.example.com',
      'x'.repeat(64) + '.com',
      'a.b.123',
      'ok.com\u0000',
      'a b.com',
      `${'a.'.repeat(130)}com`,
    ]) {
      expectError(
        await as({ method: 'PUT', url: `/api/vps/${vpsId}/rdns/${v4}`, payload: { ptr } }),
        400,
        'validation_error',
      );
    }
    for (const ip of ['abc', '999.1.1.1', '%00', 'x'.repeat(200)]) {
      const res = await as({
        method: 'PUT',
        url: `/api/vps/${vpsId}/rdns/${ip}`,
        payload: { ptr: 'a.example.com' },
      });
      expect(res.statusCode).toBe(400);
    }
    expectError(await as({ method: 'PUT', url: `/api/vps/${vpsId}/rdns/${v4}`, payload: { ptr: 42 } }), 400);
  });

  it('a Contabo failure is clear and recorded', async () => {
    sim.injectFault({ kind: 'server_error', status: 503, count: 10, pathPattern: '^/v1/dns/ptrs' });
    const res = await as({
      method: 'PUT',
      url: `/api/vps/${vpsId}/rdns/${v4}`,
      payload: { ptr: 'z.example.com' },
    });
    sim.clearFaults();
    expectError(res, 503, 'contabo_unavailable');
    const history = (await as({ method: 'GET', url: `/api/vps/${vpsId}/actions` })).json();
    expect(history.items[0]).toMatchObject({ actionType: 'rdns-update', status: 'failed' });
  });
});

describe(`firewall (${TEST_ENGINE})`, () => {
  const url = () => `/api/vps/${vpsId}/firewall`;

  it('starts without one; refuses other customers, suspended services, firewall ids and bad rules', async () => {
    expect((await as({ method: 'GET', url: url() })).json()).toEqual({ firewall: null });
    expectError(await asOther({ method: 'GET', url: url() }), 404);
    expectError(await asOther({ method: 'POST', url: url(), payload: { preset: 'ssh' } }), 404);
    expectError(
      await as({ method: 'POST', url: `/api/vps/${suspendedId}/firewall`, payload: { preset: 'ssh' } }),
      403,
    );
    for (const payload of [
      { preset: 'ssh', firewallId: '00000000-0000-0000-0000-000000000000' },
      { preset: 'everything' },
      {},
      { rules: [{ protocol: 'tcp', ports: ['70000'] }] },
      { rules: [{ protocol: 'tcp', ports: [] }] },
      { rules: [{ protocol: 'icmp', ports: ['22'] }] },
      { rules: [{ protocol: 'tcp', ports: ['22'], sources: ['nope'] }] },
      { rules: [{ protocol: 'tcp', ports: ['22'], sources: ['10.0.0.0/33'] }] },
      { rules: [{ protocol: 'tcp', ports: ['22'], direction: 'outbound' }] },
      { rules: Array.from({ length: 51 }, () => ({ protocol: 'icmp' })) },
      { preset: 'ssh', rules: [] },
    ]) {
      const res = await as({ method: 'POST', url: url(), payload });
      expect(res.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
    }
    expect(sim.state.firewalls.size).toBe(0);
  });

  it('a failed create leaves nothing behind and is recorded', async () => {
    sim.injectFault({
      kind: 'server_error',
      status: 400,
      count: 1,
      pathPattern: '^/v1/firewalls$',
      method: 'POST',
    });
    const res = await as({ method: 'POST', url: url(), payload: { preset: 'ssh' } });
    sim.clearFaults();
    expect(res.statusCode).toBe(502);
    expect((await as({ method: 'GET', url: url() })).json()).toEqual({ firewall: null });
    const history = (await as({ method: 'GET', url: `/api/vps/${vpsId}/actions` })).json();
    expect(history.items[0]).toMatchObject({ actionType: 'firewall-create', status: 'failed' });
  });

  it('creates one from a preset and attaches it; a second create (even in parallel) is refused', async () => {
    const [a, b] = await Promise.all([
      as({ method: 'POST', url: url(), payload: { preset: 'web' } }),
      as({ method: 'POST', url: url(), payload: { preset: 'ssh' } }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const view = (a.statusCode === 201 ? a : b).json();
    expect(view.firewall.enabled).toBe(true);
    expect(view.firewall.rules.map((r: { ports: string[] }) => r.ports[0]).sort()).toEqual(
      (a.statusCode === 201 ? ['22', '443', '80'] : ['22']).sort(),
    );
    expect(JSON.stringify(view)).not.toMatch(/firewallId|contabo/i);
    const [row] = await t.database.db
      .select()
      .from(vpsFirewalls)
      .where(eq(vpsFirewalls.vpsInstanceId, vpsId));
    expect(row!.userId).toBe(owner.userId);
    const fw = sim.state.firewalls.get(row!.contaboFirewallId)!;
    expect(fw.instanceIds).toEqual([100001]);
    expect(sim.state.firewalls.size).toBe(1);
    expectError(await as({ method: 'POST', url: url(), payload: { preset: 'ssh' } }), 409);
  });

  it('changes rules and turns it off; the Contabo firewall follows', async () => {
    const res = await as({
      method: 'PUT',
      url: url(),
      payload: {
        rules: [
          {
            protocol: 'tcp',
            ports: ['22', '8000-8100'],
            sources: ['203.0.113.7', '2001:db8::/32'],
            description: 'admin',
          },
          { protocol: 'icmp' },
        ],
        enabled: false,
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().firewall).toMatchObject({ preset: null, enabled: false });
    const [row] = await t.database.db
      .select()
      .from(vpsFirewalls)
      .where(eq(vpsFirewalls.vpsInstanceId, vpsId));
    const fw = sim.state.firewalls.get(row!.contaboFirewallId)!;
    expect(fw.status).toBe('inactive');
    expect(fw.rules[0]).toMatchObject({
      protocol: 'tcp',
      destPorts: ['22', '8000-8100'],
      srcCidr: { ipv4: ['203.0.113.7/32'], ipv6: ['2001:db8::/32'] },
    });
    expect(fw.rules[1]).toMatchObject({ protocol: 'icmp', destPorts: [], srcCidr: { ipv4: ['AnyIPv4'] } });
    expectError(await as({ method: 'PUT', url: url(), payload: {} }), 400);
    expectError(await asOther({ method: 'PUT', url: url(), payload: { enabled: true } }), 404);
  });

  it('removing it detaches and deletes it at Contabo', async () => {
    expectError(await asOther({ method: 'DELETE', url: url() }), 404);
    const res = await as({ method: 'DELETE', url: url() });
    expect(res.statusCode).toBe(204);
    expect(sim.state.firewalls.size).toBe(0);
    expect((await as({ method: 'GET', url: url() })).json()).toEqual({ firewall: null });
    expectError(await as({ method: 'DELETE', url: url() }), 404);
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
