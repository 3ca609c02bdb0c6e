import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { vpsProbeHourly, vpsProbeResults, vpsProbes } from '../../src/db/schema/index.ts';
import { isPublicAddress, tcpProbe } from '../../src/integrations/probe/tcp-probe.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { createProbeRepo } from '../../src/modules/vps/probe.repo.ts';
import {
  createProbeService,
  nextSlot,
  probeOffset,
  PROBE_INTERVAL_MS,
  type ProbeServiceDeps,
} from '../../src/modules/vps/probe.service.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { api, customer } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { createVpsInstance } from '../factories.ts';
import { acceptingListener, neverAcceptingListener } from '../tcp-listeners.ts';

let t: TestApp;
let owner: Awaited<ReturnType<typeof customer>>;
let as: ReturnType<typeof api>;
let asOther: ReturnType<typeof api>;
let open: Awaited<ReturnType<typeof acceptingListener>>;
let silent: Awaited<ReturnType<typeof neverAcceptingListener>>;
/** Linux on 127.0.0.1 (a listener), Linux on 127.0.0.2 (nothing listens), Windows on 127.0.0.3 (never accepts). */
const ids = { up: '', closed: '', silent: '', optedOut: '', suspended: '' };

beforeAll(async () => {
  t = await createTestApp({ env: { PROBE_ALLOW_PRIVATE_TARGETS: 'true' } });
  owner = await customer(t);
  as = api(t.app, owner.accessToken);
  asOther = api(t.app, (await customer(t)).accessToken);
  open = await acceptingListener('127.0.0.1');
  silent = await neverAcceptingListener('127.0.0.3');
  const vps = (o: Parameters<typeof createVpsInstance>[1]) =>
    createVpsInstance(t.database.db, { userId: owner.userId, ...o }).then((r) => r.id);
  ids.up = await vps({ ipAddress: '127.0.0.1', osType: 'Linux' });
  ids.closed = await vps({ ipAddress: '127.0.0.2', osType: 'Linux' });
  ids.silent = await vps({ ipAddress: '127.0.0.3', osType: 'Windows' });
  ids.optedOut = await vps({ ipAddress: '127.0.0.1', osType: 'Linux' });
  ids.suspended = await vps({ ipAddress: '127.0.0.1', serviceStatus: 'suspended', suspendedAt: new Date() });
}, 60_000);
afterAll(async () => {
  await open?.close();
  await silent?.close();
  await t?.close();
});

const expectError = (res: { statusCode: number; json(): unknown }, status: number) => {
  expect(res.statusCode).toBe(status);
  const body = res.json() as { error: { code: string; message: string } };
  expect(typeof body.error.code).toBe('string');
  expect(typeof body.error.message).toBe('string');
};

/** A probe service on the test database whose SSH/RDP ports are the local listeners' and whose sleeps are recorded. */
function service(overrides: Partial<ProbeServiceDeps> = {}) {
  const sleeps: number[] = [];
  const svc = createProbeService({
    vps: t.container.vps,
    repo: createProbeRepo(t.database.db),
    clock: t.clock,
    logger: createLogger('silent'),
    allowPrivateTargets: true,
    ports: { ssh: open.port, rdp: silent.port },
    timeoutMs: 400,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  });
  return { svc, sleeps };
}

const results = (vpsId: string) =>
  t.database.db.select().from(vpsProbeResults).where(eq(vpsProbeResults.vpsInstanceId, vpsId));

describe(`reachability probe: opt-in (${TEST_ENGINE})`, () => {
  it('is off until the owner turns it on; others get 404, suspended 403, bad bodies 400', async () => {
    const url = (id: string) => `/api/vps/${id}/probe`;
    expect((await as({ method: 'GET', url: url(ids.up) })).json()).toEqual({
      enabled: false,
      port: 22,
      protocol: 'ssh',
      intervalMinutes: 5,
    });
    expect((await as({ method: 'GET', url: url(ids.silent) })).json()).toMatchObject({
      port: 3389,
      protocol: 'rdp',
    });
    expectError(await asOther({ method: 'GET', url: url(ids.up) }), 404);
    expectError(await asOther({ method: 'PUT', url: url(ids.up), payload: { enabled: true } }), 404);
    expectError(await as({ method: 'PUT', url: url(ids.suspended), payload: { enabled: true } }), 403);
    for (const payload of [
      {},
      { enabled: 'yes' },
      { enabled: true, host: '10.0.0.1' },
      { enabled: true, port: 25 },
      { enabled: true, target: '127.0.0.1:22' },
    ]) {
      expectError(await as({ method: 'PUT', url: url(ids.up), payload }), 400);
    }
    for (const id of [ids.up, ids.closed, ids.silent]) {
      const res = await as({ method: 'PUT', url: url(id), payload: { enabled: true } });
      expect(res.statusCode).toBe(200);
      expect(res.json().enabled).toBe(true);
    }
    // Turned on before the service was suspended: still never probed (only active services are).
    await t.database.db.insert(vpsProbes).values({ vpsInstanceId: ids.suspended, enabled: true });
    expect((await asOther({ method: 'GET', url: url(ids.optedOut) })).statusCode).toBe(404);
  });
});

describe(`reachability probe: scheduler against local listeners (${TEST_ENGINE})`, () => {
  it('probes each opted-in server once per interval at its own offset: open, refused, timeout', async () => {
    const { svc, sleeps } = service();
    const windowStart = Math.floor(t.clock.now().getTime() / PROBE_INTERVAL_MS) * PROBE_INTERVAL_MS;
    const outcome = await svc.runWindow(windowStart, PROBE_INTERVAL_MS);
    expect(outcome).toEqual({ probed: 3, skipped: 0, refusedTargets: 0 });

    const [up] = await results(ids.up);
    expect(up).toMatchObject({ error: null });
    expect(up!.latencyMs).toBeGreaterThanOrEqual(0);
    expect(up!.latencyMs).toBeLessThan(400);
    expect((await results(ids.closed))[0]).toMatchObject({ error: 'refused', latencyMs: null });
    expect((await results(ids.silent))[0]).toMatchObject({ error: 'timeout', latencyMs: null });
    expect(await results(ids.optedOut)).toEqual([]);
    expect(await results(ids.suspended)).toEqual([]);

    // Each probe waited for its own slot: the server's fixed offset inside the interval.
    for (const id of [ids.up, ids.closed, ids.silent]) {
      const slot = nextSlot(id, windowStart);
      expect(slot - windowStart).toBe(probeOffset(id));
      expect((await results(id))[0]!.at.getTime()).toBe(slot);
      expect(sleeps).toContain(slot - t.clock.now().getTime());
    }

    // The same window again (a retried or duplicated job): every slot is already taken.
    expect(await svc.runWindow(windowStart, PROBE_INTERVAL_MS)).toEqual({
      probed: 0,
      skipped: 3,
      refusedTargets: 0,
    });
  });

  it('offsets spread servers over the whole interval', () => {
    const offsets = Array.from({ length: 600 }, (_, i) => probeOffset(`vps-${i}`));
    const buckets = new Array(5).fill(0) as number[];
    for (const o of offsets) {
      expect(o).toBeGreaterThanOrEqual(0);
      expect(o).toBeLessThan(PROBE_INTERVAL_MS);
      buckets[Math.floor(o / 60_000)]!++;
    }
    for (const n of buckets) expect(n).toBeGreaterThan(80); // 120 expected per minute
  });

  it('two processes running the same window probe each slot once', async () => {
    const windowStart =
      Math.floor(t.clock.now().getTime() / PROBE_INTERVAL_MS) * PROBE_INTERVAL_MS + PROBE_INTERVAL_MS;
    const calls: string[] = [];
    const counted: ProbeServiceDeps['probe'] = (host, port, timeoutMs) => {
      calls.push(host);
      return tcpProbe(host, port, timeoutMs);
    };
    const [a, b] = await Promise.all([
      service({ probe: counted }).svc.runWindow(windowStart, PROBE_INTERVAL_MS),
      service({ probe: counted }).svc.runWindow(windowStart, PROBE_INTERVAL_MS),
    ]);
    expect(a.probed + b.probed).toBe(3);
    expect(a.skipped + b.skipped).toBe(3);
    expect(calls.sort()).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.3']);
    for (const id of [ids.up, ids.closed, ids.silent]) expect(await results(id)).toHaveLength(2);
  });

  it('bounds the probes in flight', async () => {
    const extra = await Promise.all(
      Array.from({ length: 5 }, () =>
        createVpsInstance(t.database.db, { userId: owner.userId, ipAddress: '127.0.0.3', osType: 'Windows' }),
      ),
    );
    for (const v of extra)
      await t.database.db.insert(vpsProbes).values({ vpsInstanceId: v.id, enabled: true });
    let inFlight = 0;
    let most = 0;
    const watched: ProbeServiceDeps['probe'] = async (host, port, timeoutMs) => {
      most = Math.max(most, ++inFlight);
      try {
        return await tcpProbe(host, port, timeoutMs); // the never-accepting listener: each takes the full timeout
      } finally {
        inFlight--;
      }
    };
    const windowStart =
      Math.floor(t.clock.now().getTime() / PROBE_INTERVAL_MS) * PROBE_INTERVAL_MS + 2 * PROBE_INTERVAL_MS;
    const outcome = await service({ probe: watched, concurrency: 2 }).svc.runWindow(
      windowStart,
      PROBE_INTERVAL_MS,
    );
    expect(outcome.probed).toBe(8);
    expect(most).toBe(2);
    for (const v of extra) await t.database.db.delete(vpsProbes).where(eq(vpsProbes.vpsInstanceId, v.id));
  });

  it('stop() ends a window that waits for its slots at once (shutdown)', async () => {
    const { svc } = service({ sleep: undefined });
    const windowStart =
      Math.floor(t.clock.now().getTime() / PROBE_INTERVAL_MS) * PROBE_INTERVAL_MS + 10 * PROBE_INTERVAL_MS;
    const started = Date.now();
    const run = svc.runWindow(windowStart, PROBE_INTERVAL_MS);
    await new Promise((r) => setTimeout(r, 200));
    svc.stop();
    expect(await run).toEqual({ probed: 0, skipped: 0, refusedTargets: 0 });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('production config refuses loopback and private targets: no connection is attempted', async () => {
    const calls: string[] = [];
    const { svc } = service({
      allowPrivateTargets: false,
      probe: async (host) => {
        calls.push(host);
        return { latencyMs: 1, error: null };
      },
    });
    const windowStart =
      Math.floor(t.clock.now().getTime() / PROBE_INTERVAL_MS) * PROBE_INTERVAL_MS + 3 * PROBE_INTERVAL_MS;
    expect(await svc.runWindow(windowStart, PROBE_INTERVAL_MS)).toEqual({
      probed: 0,
      skipped: 0,
      refusedTargets: 3,
    });
    expect(calls).toEqual([]);
    // Production's default: PROBE_ALLOW_PRIVATE_TARGETS is off unless set.
    expect(loadConfig({ NODE_ENV: 'production' }).PROBE_ALLOW_PRIVATE_TARGETS).toBe(false);
    for (const ip of [
      '127.0.0.1',
      '10.1.2.3',
      '192.168.1.1',
      '172.16.0.1',
      '169.254.1.1',
      '100.64.0.1',
      '::1',
      'fd00::1',
      'fe80::1',
      '0.0.0.0',
      '::ffff:127.0.0.1',
      'not-an-ip',
    ])
      expect(isPublicAddress(ip), ip).toBe(false);
    for (const ip of ['144.91.64.10', '2a02:c207::1', '8.8.8.8']) expect(isPublicAddress(ip), ip).toBe(true);
  });
});

describe(`reachability probe: rollups and retention (${TEST_ENGINE})`, () => {
  it('rolls complete hours up (idempotently) and keeps raw 7 days, hourly 90 days', async () => {
    const vps = await createVpsInstance(t.database.db, { userId: owner.userId });
    const h = 3_600_000;
    const now = t.clock.now().getTime();
    const hour = Math.floor(now / h) * h;
    const row = (at: number, latencyMs: number | null, error: string | null = null) => ({
      vpsInstanceId: vps.id,
      at: new Date(at),
      latencyMs,
      error,
    });
    await t.database.db.insert(vpsProbeResults).values([
      row(hour - 2 * h + 60_000, 10),
      row(hour - 2 * h + 360_000, 30),
      row(hour - 2 * h + 660_000, null, 'timeout'),
      row(hour - h + 60_000, 20),
      row(hour + 60_000, 5), // the current hour: not complete, not rolled up
      row(now - 8 * 86_400_000, 7), // past raw retention
    ]);
    await t.database.db.insert(vpsProbeHourly).values([
      {
        vpsInstanceId: vps.id,
        hour: new Date(hour - 91 * 86_400_000),
        probes: 12,
        failures: 0,
        latencyAvgMs: 9,
        latencyMaxMs: 9,
      },
      {
        vpsInstanceId: vps.id,
        hour: new Date(hour - 89 * 86_400_000),
        probes: 12,
        failures: 1,
        latencyAvgMs: 9,
        latencyMaxMs: 9,
      },
    ]);
    const { svc } = service();
    await svc.rollUpAndPurge();
    await svc.rollUpAndPurge(); // a repeated run changes nothing
    const hourly = await t.database.db
      .select()
      .from(vpsProbeHourly)
      .where(eq(vpsProbeHourly.vpsInstanceId, vps.id))
      .orderBy(vpsProbeHourly.hour);
    expect(
      hourly.map((r) => [r.hour.getTime(), r.probes, r.failures, r.latencyAvgMs, r.latencyMaxMs]),
    ).toEqual([
      [hour - 89 * 86_400_000, 12, 1, 9, 9],
      [hour - 2 * h, 3, 1, 20, 30],
      [hour - h, 1, 0, 20, 20],
    ]);
    const raw = await results(vps.id);
    expect(raw.map((r) => r.at.getTime()).sort()).toEqual(
      [
        hour - 2 * h + 60_000,
        hour - 2 * h + 360_000,
        hour - 2 * h + 660_000,
        hour - h + 60_000,
        hour + 60_000,
      ].sort(),
    );
  });
});
