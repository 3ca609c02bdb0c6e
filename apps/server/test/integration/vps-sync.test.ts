import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createContaboClient, type ContaboClient } from '@cloud-vertice/contabo';
import { startContaboSimulator, type ContaboSimulator } from '@cloud-vertice/contabo/simulator';
import { vpsInstances, vpsStatusHistory } from '../../src/db/schema/index.ts';
import { createLocalEventBus, type VpsEvent, isVpsEvent } from '../../src/events/bus.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { createVpsRepo } from '../../src/modules/vps/vps.repo.ts';
import { runVpsSync } from '../../src/modules/vps/vps.sync.ts';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../db.ts';
import { createUser, createVpsInstance } from '../factories.ts';
import { withInsertsRefused } from '../refuse-inserts.ts';

let database: TestDatabase;
let sim: ContaboSimulator;
let contabo: ContaboClient;
const clock = new ManualClock('2026-03-01T00:00:00Z');
const events = createLocalEventBus();
const received: VpsEvent[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  sim = await startContaboSimulator({ seed: true });
  contabo = createContaboClient({
    authUrl: sim.authUrl,
    apiUrl: sim.apiUrl,
    clientId: sim.credentials.clientId,
    clientSecret: sim.credentials.clientSecret,
    username: sim.credentials.username,
    password: sim.credentials.password,
    rateLimit: { requestsPerSecond: 1000, burst: 1000 },
  });
  events.subscribe((e) => isVpsEvent(e) && received.push(e));
});
afterAll(async () => {
  await sim.close();
  await database.destroy();
});

const deps = () => ({ repo: createVpsRepo(database.db), clock, events, contabo });

describe(`VPS sync with Contabo (${TEST_ENGINE})`, () => {
  it('copies network data, OS, product and status from Contabo and writes each status change once', async () => {
    const [first] = [...sim.control.state.instances.values()];
    const user = await createUser(database.db);
    const vps = await createVpsInstance(database.db, {
      userId: user.id,
      contaboInstanceId: first!.instanceId,
      status: 'unknown',
      ipAddress: null,
    });

    const stats = await runVpsSync(deps());
    expect(stats.calls).toBe(1);
    const [synced] = await database.db.select().from(vpsInstances).where(eq(vpsInstances.id, vps.id));
    const remote = await contabo.instances.get(first!.instanceId);
    expect(synced).toMatchObject({
      status: remote.status,
      ipAddress: remote.ipConfig?.v4?.ip,
      macAddress: remote.macAddress,
      contaboProductId: remote.productId,
      region: remote.region,
      osType: remote.osType,
      defaultUser: remote.defaultUser,
    });
    expect(received.filter((e) => e.vpsId === vps.id)).toHaveLength(1);

    sim.control.setInstanceStatus(first!.instanceId, 'stopped');
    const again = await runVpsSync(deps());
    expect(again.statusChanges).toBe(1);
    const unchanged = await runVpsSync(deps());
    expect(unchanged.changed).toBe(0);

    const history = await database.db
      .select()
      .from(vpsStatusHistory)
      .where(eq(vpsStatusHistory.vpsInstanceId, vps.id));
    expect(history.map((h) => [h.fromStatus, h.toStatus])).toEqual([
      [vps.status, remote.status],
      [remote.status, 'stopped'],
    ]);
    const statusEvents = received.filter((e) => e.vpsId === vps.id).map((e) => e.status);
    expect(statusEvents).toEqual([remote.status, 'stopped']);
  });

  it('writes a status and its history row together or not at all, also outside a transaction', async () => {
    const repo = createVpsRepo(database.db);
    const vps = await createVpsInstance(database.db, { status: 'running' });
    const at = new Date('2026-03-02T10:00:00Z');
    await withInsertsRefused(database.db, 'vps_status_history', `new.vps_instance_id = '${vps.id}'`, () =>
      expect(repo.recordStatus(null, vps, 'stopped', at)).rejects.toThrow(),
    );
    const row = async () => (await repo.findById(vps.id))!;
    expect((await row()).status).toBe('running'); // the row was not changed without its history

    expect(await repo.recordStatus(null, vps, 'stopped', at)).toMatchObject({ changed: true });
    expect(await row()).toMatchObject({ status: 'stopped', statusChangedAt: at, lastSyncedAt: at });
    const history = await database.db
      .select()
      .from(vpsStatusHistory)
      .where(eq(vpsStatusHistory.vpsInstanceId, vps.id));
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.createdAt])).toEqual([['running', 'stopped', at]]);
  });

  it('syncs 1,000 instances with 10 list calls, not one call per VPS', async () => {
    const ids = sim.control.seedInstances(1000);
    const user = await createUser(database.db);
    await database.db
      .insert(vpsInstances)
      .values(ids.map((contaboInstanceId) => ({ userId: user.id, contaboInstanceId, status: 'unknown' })));
    sim.control.resetCounters();
    const stats = await runVpsSync(deps());
    const counters = sim.control.counters();
    expect(counters.byOperation.retrieveInstancesList).toBe(stats.calls);
    expect(stats.calls).toBeLessThanOrEqual(11);
    expect(stats.seen).toBeGreaterThanOrEqual(1000);
    expect(stats.statusChanges).toBeGreaterThanOrEqual(1000);
    expect(Object.keys(counters.byOperation)).toEqual(['retrieveInstancesList']);
  });

  it('marks VPS that vanished from the Contabo account as unknown without deleting them', async () => {
    const user = await createUser(database.db);
    const ghost = await createVpsInstance(database.db, {
      userId: user.id,
      contaboInstanceId: 9_999_999,
      status: 'running',
    });
    const stats = await runVpsSync(deps());
    expect(stats.missingIds).toContain(9_999_999);
    const [row] = await database.db.select().from(vpsInstances).where(eq(vpsInstances.id, ghost.id));
    expect(row!.status).toBe('unknown');
  });
});
