// syncInstances: one paginated walk per cycle, only changed rows written, status changes reported once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SYNC_FIELDS, syncInstances } from '../src/index.ts';
import type { InstanceChange, SyncStore, TrackedInstance } from '../src/index.ts';
import { startHarness } from './helpers/harness.ts';
import type { Harness } from './helpers/harness.ts';

/** In-memory stand-in for the server's database-backed store. */
function memoryStore(rows: TrackedInstance[]) {
  const byId = new Map(rows.map((r) => [r.contaboInstanceId, { ...r }]));
  const batches: InstanceChange[][] = [];
  const store: SyncStore = {
    listTracked: async () => [...byId.values()].map((r) => ({ ...r })),
    applyChanges: async (changes) => {
      batches.push(changes);
      for (const c of changes) Object.assign(byId.get(c.contaboInstanceId)!, c.fields);
    },
  };
  return { store, batches, byId };
}

let h: Harness;
let ids: number[];
beforeAll(async () => {
  h = await startHarness({ seed: false });
});
afterAll(async () => h.sim.close());
beforeEach(() => {
  h.sim.control.reset({ seed: false });
  ids = h.sim.control.seedInstances(1000);
});

const listCalls = () => h.sim.control.counters().byOperation.retrieveInstancesList ?? 0;

describe('syncInstances', () => {
  it('1,000 instances → exactly 10 list calls; first cycle fills every field', async () => {
    const { store, batches, byId } = memoryStore(ids.map((id) => ({ contaboInstanceId: id, status: null })));
    const stats = await syncInstances(h.client, store);
    expect(stats).toMatchObject({ calls: 10, seen: 1000, changed: 1000, statusChanges: 1000, missing: 0 });
    expect(listCalls()).toBe(10);
    expect(h.sim.control.counters().apiRequests).toBe(10);
    expect(batches).toHaveLength(1);
    const row = byId.get(ids[0]!)!;
    expect(row).toMatchObject({ status: 'running', region: 'EU', productId: 'V91', netmaskCidr: 24 });
    expect(row.ipv4).toMatch(/^203\.0\.113\./);
    expect(row.ipv6).toMatch(/^2001:db8:/);
    expect(Object.keys(batches[0]![0]!.fields).sort()).toEqual(
      [...SYNC_FIELDS].filter((f) => f !== 'cancelDate').sort(), // cancelDate null → null: unchanged
    );
  });

  it('writes only changed rows and reports a status change exactly once', async () => {
    const { store, batches } = memoryStore(ids.map((id) => ({ contaboInstanceId: id, status: null })));
    await syncInstances(h.client, store);

    const second = await syncInstances(h.client, store);
    expect(second).toMatchObject({ calls: 10, changed: 0, statusChanges: 0 });
    expect(batches).toHaveLength(1); // nothing written

    h.sim.control.setInstanceStatus(ids[5]!, 'stopped');
    h.sim.control.setInstanceStatus(ids[500]!, 'rescue');
    await h.client.instances.rename(ids[999]!, 'customer-web');
    const third = await syncInstances(h.client, store, { traceId: 'sync-3' });
    expect(third).toMatchObject({ calls: 10, changed: 3, statusChanges: 2 });
    const changes = batches.at(-1)!;
    expect(changes.find((c) => c.contaboInstanceId === ids[5])).toEqual({
      contaboInstanceId: ids[5],
      fields: { status: 'stopped' },
      statusChanged: { from: 'running', to: 'stopped' },
    });
    expect(changes.find((c) => c.contaboInstanceId === ids[999])).toEqual({
      contaboInstanceId: ids[999],
      fields: { displayName: 'customer-web' },
      statusChanged: null,
    });

    const fourth = await syncInstances(h.client, store);
    expect(fourth).toMatchObject({ changed: 0, statusChanges: 0 });
  });

  it('reports tracked instances that Contabo no longer lists and ignores untracked ones', async () => {
    const tracked: TrackedInstance[] = [
      { contaboInstanceId: ids[0]!, status: 'running' },
      { contaboInstanceId: 999_999, status: 'running' },
    ];
    const { store } = memoryStore(tracked);
    const stats = await syncInstances(h.client, store);
    expect(stats).toMatchObject({
      seen: 1000,
      missing: 1,
      missingIds: [999_999],
      changed: 1,
      statusChanges: 0,
    });
  });

  it('a failing page aborts the cycle before anything is written', async () => {
    let pages = 0;
    const failOnFifthPage: typeof fetch = async (input, init) => {
      if (String(input).includes('/v1/compute/instances?') && ++pages === 5)
        throw new TypeError('connection reset');
      return fetch(input, init);
    };
    const client = h.makeClient({ maxRetries: 0, fetch: failOnFifthPage });
    const { store, batches } = memoryStore(ids.map((id) => ({ contaboInstanceId: id, status: null })));
    await expect(syncInstances(client, store)).rejects.toMatchObject({ code: 'network' });
    expect(pages).toBe(5);
    expect(batches).toHaveLength(0);
  });
});
