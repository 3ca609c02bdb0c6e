// The simulator's control routes a bench drives from another process.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers/harness.ts';

const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.sim.close();
});

describe('simulator control over HTTP', () => {
  it('lists every request logged since an instant, and only those', async () => {
    const h = await startHarness({ timing: { provisionMs: 50, actionMs: 50 } });
    open.push(h);
    const seeded = await fetch(`${h.sim.url}/__control/seed-instances`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: 2 }),
    });
    const [first, second] = ((await seeded.json()) as { ids: number[] }).ids;
    await h.client.actions.stop(first!);
    const since = Date.parse(
      ((await (await fetch(`${h.sim.url}/__control/clock`)).json()) as { now: string }).now,
    );
    await new Promise((r) => setTimeout(r, 5));
    await h.client.actions.stop(second!);
    const listed = (await (await fetch(`${h.sim.url}/__control/requests?since=${since}`)).json()) as Array<{
      method: string;
      path: string;
      at: number;
    }>;
    const stops = listed.filter((r) => r.method === 'POST' && r.path.endsWith('/actions/stop'));
    expect(stops.map((r) => r.path)).toEqual([`/v1/compute/instances/${second}/actions/stop`]);
    expect(listed.every((r) => r.at >= since)).toBe(true);
    // Without `since`: the recent log, both stops included.
    const recent = (await (await fetch(`${h.sim.url}/__control/requests`)).json()) as Array<{ path: string }>;
    expect(recent.filter((r) => r.path.endsWith('/actions/stop'))).toHaveLength(2);
  });
});
