// Demo mode: the simulated account survives a restart when the simulator keeps it in a file (DATA_DIR).
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness } from './helpers/harness.ts';
import type { Harness } from './helpers/harness.ts';

const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.sim.close();
});

async function start(persistFile?: string): Promise<Harness> {
  const h = await startHarness({
    timing: { provisionMs: 50, actionMs: 50 },
    ...(persistFile ? { persistFile } : {}),
  });
  open.push(h);
  return h;
}

describe('simulator state file', () => {
  it('a restart from the same file finds the created server, its snapshot and the outcome of its action', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cv-sim-'));
    const file = join(dir, 'contabo-simulator.json');
    const first = await start(file);
    const created = await first.client.instances.create({ period: 1, displayName: 'order-42' });
    await first.client.snapshots.create(100001, { name: 'before' });
    await first.client.actions.stop(100002);
    await first.sim.close();
    open.splice(0);
    expect(existsSync(file)).toBe(true);
    // Written through a temp file and a rename: no temp file is left behind.
    expect(readdirSync(dir)).toEqual(['contabo-simulator.json']);

    const second = await start(file);
    await new Promise((r) => setTimeout(r, 120));
    const found = await second.client.instances.findByDisplayName('order-42');
    expect(found.map((i) => i.instanceId)).toEqual([created.instanceId]);
    expect((await second.client.instances.get(100002)).status).toBe('stopped');
    expect((await second.client.snapshots.list(100001)).items.map((s) => s.name)).toEqual(['before']);
    // Ids continue after the saved ones instead of colliding with them.
    const next = await second.client.instances.create({ period: 1, displayName: 'order-43' });
    expect(next.instanceId).toBeGreaterThan(created.instanceId);
  });

  it('an unreadable file is kept aside and the seed is used', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cv-sim-'));
    const file = join(dir, 'contabo-simulator.json');
    writeFileSync(file, '{"version": 1, "instances": [');
    const h = await start(file);
    expect((await h.client.instances.get(100001)).instanceId).toBe(100001);
    expect(readdirSync(dir).some((name) => name.startsWith('contabo-simulator.json.unreadable-'))).toBe(true);
  });

  it('without a file the state stays in memory: a new simulator starts from the seed', async () => {
    const first = await start();
    await first.client.instances.create({ period: 1, displayName: 'order-44' });
    const second = await start();
    expect(await second.client.instances.findByDisplayName('order-44')).toEqual([]);
  });
});
