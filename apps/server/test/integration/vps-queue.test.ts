import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditLog, vpsActions } from '../../src/db/schema/index.ts';
import { createLocalEventBus } from '../../src/events/bus.ts';
import { createLeadership, createPacer, JITTER_MARGIN } from '../../src/integrations/contabo/pacing.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { createVpsQueue, type VpsQueueDeps } from '../../src/modules/vps/vps-queue.ts';
import { createVpsQueueRepo } from '../../src/modules/vps/vps-queue.repo.ts';
import { createVpsRepo } from '../../src/modules/vps/vps.repo.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { TEST_ENGINE } from '../db.ts';
import { createVpsInstance } from '../factories.ts';
import { withInsertsRefused } from '../refuse-inserts.ts';

const RATE = 20;
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({
    seed: false,
    env: { CONTABO_RATE_LIMIT_PER_SECOND: String(RATE) },
    // Contabo-like: 429 above the configured rate for mutating calls. The simulator shares this process's event loop,
    // so a stall can make two paced requests arrive together: a small burst absorbs that, not a faster rate.
    contabo: { rateLimit: { requestsPerSecond: RATE, burst: 3, scope: 'mutations' } },
  });
});
afterAll(async () => t?.close());

/**
 * `count` calls through a 5/s pacer on a fake clock; `overrun(i)` ms are added to the wait before call i; each call
 * takes `rtt` ms to be answered.
 */
async function pacedSends(count: number, overrun: (i: number) => number = () => 0, rtt = 0) {
  let now = 1_000;
  const sent: number[] = [];
  const pacer = createPacer({
    ratePerSecond: 5,
    now: () => now,
    sleep: async (ms) => {
      now += ms + overrun(sent.length);
    },
  });
  for (let i = 0; i < count; i++) {
    const answered = await pacer.take();
    sent.push(now);
    now += rtt;
    answered();
  }
  return { pacer, sent };
}

/** A dispatcher of another "process" on the test app's database and bus; `overrides` change what a test needs. */
function dispatcher(overrides: Partial<VpsQueueDeps> & { leaderName?: string } = {}) {
  const { leaderName = `contabo-queue:${t.container.contabo.accountKey}`, ...deps } = overrides;
  return createVpsQueue({
    repo: createVpsRepo(t.database.db),
    queue: createVpsQueueRepo(t.database.db),
    contabo: () => t.container.contabo.client,
    pacer: createPacer({ ratePerSecond: RATE }),
    leadership:
      deps.leadership ??
      createLeadership({ database: t.database, name: leaderName, logger: createLogger('silent') }),
    clock: t.clock,
    events: t.container.events,
    logger: createLogger('silent'),
    audit: async () => undefined,
    ...deps,
  });
}

/** The most calls in any one-second window. */
function busiestSecond(times: number[]): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 1000) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe(`Contabo pacing queue (${TEST_ENGINE})`, () => {
  it('spaces calls evenly just under the rate, with no initial burst', async () => {
    const { pacer, sent } = await pacedSends(11);
    expect(sent).toEqual([1000, 1210, 1420, 1630, 1840, 2050, 2260, 2470, 2680, 2890, 3100]);
    expect(pacer.estimateSeconds(1)).toBe(1);
    expect(pacer.estimateSeconds(200)).toBe(42);
    // Each send reaching Contabo up to 25 ms early or late still puts at most 5 in any one-second window.
    expect(busiestSecond(sent.map((at, i) => at + (i % 5 === 0 ? 25 : -25)))).toBeLessThanOrEqual(5);
  });

  it('a timer that fires late never shortens the next gap', async () => {
    // Every third wait overruns by 80 ms, as a busy event loop fires timers late.
    const { sent } = await pacedSends(10, (i) => (i % 3 === 1 ? 80 : 0));
    const gaps = sent.slice(1).map((at, i) => at - sent[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(210);
    expect(gaps).toContain(290);
    expect(busiestSecond(sent)).toBeLessThanOrEqual(5);
  });

  it('a call that reaches Contabo late is never followed by too many early ones: at most 5 arrivals in any second', async () => {
    // Each call is answered 150 ms after it is sent and reaches Contabo anywhere in between: here every sixth one at
    // the last moment (a busy event loop wrote it late) and the others at once. Gaps alone put 6 arrivals in a second.
    const rtt = 150;
    const { sent } = await pacedSends(30, () => 0, rtt);
    const arrivals = sent.map((at, i) => at + (i % 6 === 0 ? rtt : 0));
    expect(busiestSecond(arrivals)).toBe(5);
    // The window rule only waits when it has to: 30 calls still go out at about 4.3 a second (5 per 1,150 ms).
    expect((sent.length - 1) / ((sent.at(-1)! - sent[0]!) / 1000)).toBeGreaterThan(4.2);
  });

  it('a call whose answer was never reported holds the one five places later for a full second from then', async () => {
    let now = 0;
    const pacer = createPacer({ ratePerSecond: 5, now: () => now, sleep: async (ms) => void (now += ms) });
    const sent: number[] = [];
    for (let i = 0; i < 6; i++) {
      const answered = await pacer.take();
      sent.push(now);
      if (i > 0) answered(); // the first call's answer is never reported
    }
    expect(sent.slice(0, 5)).toEqual([0, 210, 420, 630, 840]);
    expect(sent[5]).toBe(840 + 1000); // from when it was asked for (840 + 210 = 1050 by the gap alone)
  });

  it('a burst of stops is queued at once (202, place, estimate) and reaches Contabo once each, paced, with no 429', async () => {
    const sim = t.container.contabo.simulator!.control;
    const ids = sim.seedInstances(60);
    const servers = [];
    for (const id of ids) servers.push(await createVpsInstance(t.database.db, { contaboInstanceId: id }));
    sim.resetCounters();

    const queued: Array<Awaited<ReturnType<TestApp['container']['vps']['power']>>> = [];
    for (const vps of servers) {
      t.clock.advance(10);
      queued.push(await t.container.vps.power({ id: vps.userId, role: 'customer' }, vps.id, 'stop'));
    }
    expect(queued.map((a) => a.status)).toEqual(servers.map(() => 'queued'));
    expect(queued.map((a) => a.queue!.position)).toEqual(servers.map((_, i) => i + 1));
    expect(queued[59]!.queue!.estimatedSeconds).toBe(Math.ceil((60 * (1 + JITTER_MARGIN)) / RATE));
    expect(sim.counters().byOperation).toEqual({}); // no handler called Contabo
    // Each audit row was written with its action: its id, the place it was given and the server.
    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(
        inArray(
          auditLog.entityId,
          servers.map((s) => s.id),
        ),
      );
    expect(queued.map((a) => audited.find((row) => row.metadata.actionId === a.id)?.metadata)).toEqual(
      servers.map((s, i) => ({
        actionId: queued[i]!.id,
        queuePosition: i + 1,
        contaboInstanceId: s.contaboInstanceId,
      })),
    );

    // Two dispatchers (two processes' worker roles) drain the same queue at the same time.
    const second = dispatcher();
    const left = () => t.database.db.$count(vpsActions, eq(vpsActions.status, 'queued'));
    const drain = async (queue: { pass(): Promise<number> }) => {
      for (let i = 0; i < 200 && (await left()); i++) await queue.pass();
    };
    try {
      await Promise.all([drain(t.container.vpsQueue), drain(second)]);
    } finally {
      await second.stop();
    }

    const counters = sim.counters();
    expect(counters.byStatus['429'] ?? 0).toBe(0);
    const stops = sim
      .requests()
      .filter((r) => r.method === 'POST' && r.path.endsWith('/actions/stop'))
      .sort((a, b) => a.at - b.at);
    expect(stops).toHaveLength(60);
    expect(new Set(stops.map((s) => s.path)).size).toBe(60); // each server once
    // Never more than RATE mutating calls in any one-second window (the window rule absorbs the shared loop's stalls).
    let maxInWindow = 0;
    for (let i = 0, j = 0; i < stops.length; i++) {
      while (stops[i]!.at - stops[j]!.at >= 1000) j++;
      maxInWindow = Math.max(maxInWindow, i - j + 1);
    }
    expect(maxInWindow).toBeLessThanOrEqual(RATE);
    const rows = await t.database.db
      .select()
      .from(vpsActions)
      .where(
        inArray(
          vpsActions.id,
          queued.map((a) => a.id),
        ),
      );
    expect(rows.every((r) => r.status === 'accepted' && r.acceptedAt)).toBe(true);
  });

  it('a queued action and its audit row are one write: when the audit row fails, nothing stays queued', async () => {
    const vps = await createVpsInstance(t.database.db);
    const caller = { id: vps.userId, role: 'customer' as const };
    // A real database failure on the audit row of this one server (both engines run triggers).
    await withInsertsRefused(
      t.database.db,
      'audit_log',
      `new.action = 'vps.stop' and new.entity_id = '${vps.id}'`,
      async () => {
        await expect(t.container.vps.power(caller, vps.id, 'stop')).rejects.toThrow();
        const left = await t.database.db
          .select()
          .from(vpsActions)
          .where(eq(vpsActions.vpsInstanceId, vps.id));
        expect(left).toEqual([]);
      },
    );
    // The server was left free: the same action is accepted once the audit row can be written.
    const action = await t.container.vps.power(caller, vps.id, 'stop');
    expect(action.status).toBe('queued');
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, vps.id));
    expect(audits.map((a) => [a.action, (a.metadata as { actionId?: string }).actionId])).toEqual([
      ['vps.stop', action.id],
    ]);
    // Refused while that one is in flight: no second action, no audit row.
    await expect(t.container.vps.power(caller, vps.id, 'restart')).rejects.toMatchObject({
      code: 'action_in_progress',
    });
    expect(await t.database.db.$count(auditLog, eq(auditLog.entityId, vps.id))).toBe(1);
    expect(await t.database.db.$count(vpsActions, eq(vpsActions.vpsInstanceId, vps.id))).toBe(1);
    await t.database.db.delete(vpsActions).where(eq(vpsActions.id, action.id)); // the queue as the next test expects it
  });

  it('only one dispatcher at a time holds an account queue; another takes over when it lets go', async () => {
    const make = () =>
      createLeadership({ database: t.database, name: 'contabo-queue:test', logger: createLogger('silent') });
    const a = make();
    const b = make();
    expect(await a.isLeader()).toBe(true);
    expect(await b.isLeader()).toBe(false);
    await a.close();
    expect(await b.isLeader()).toBe(true);
    await b.close();
  });

  it("another process's queued action wakes an idle dispatcher through the bus, not its backstop look", async () => {
    // A dispatcher that would look on its own only once a minute: only the `queued` event can bring it in time.
    const other = dispatcher({ leaderName: 'contabo-queue:bus-wake', idleMs: 60_000 });
    const queued = () => t.database.db.$count(vpsActions, eq(vpsActions.status, 'queued'));
    other.start();
    try {
      await vi.waitFor(async () => expect(await queued()).toBe(0), { timeout: 5_000 });
      await new Promise((r) => setTimeout(r, 200)); // now idle, for a minute
      const [contaboInstanceId] = t.container.contabo.simulator!.control.seedInstances(1);
      const vps = await createVpsInstance(t.database.db, { contaboInstanceId });
      // The API side queues it (its own `wake()` reaches the container's dispatcher, which is not running here).
      const action = await t.container.vps.power({ id: vps.userId, role: 'customer' }, vps.id, 'stop');
      await vi.waitFor(
        async () => {
          const [row] = await t.database.db.select().from(vpsActions).where(eq(vpsActions.id, action.id));
          expect(row!.status).toBe('accepted');
        },
        { timeout: 5_000, interval: 50 },
      );
    } finally {
      await other.stop();
    }
  });

  it('a wake that comes while a pass runs makes another pass at once instead of waiting idle', async () => {
    let claims = 0;
    let release!: () => void;
    const firstClaim = new Promise<void>((r) => (release = r));
    let claimStarted!: () => void;
    const started = new Promise<void>((r) => (claimStarted = r));
    const fakeQueue = {
      claim: async () => {
        claims++;
        if (claims === 1) {
          claimStarted();
          await firstClaim; // the work below arrives after this look
        }
        return [];
      },
      failAbandoned: async () => [],
    } as unknown as ReturnType<typeof createVpsQueueRepo>;
    const woken = dispatcher({
      queue: fakeQueue,
      leadership: { isLeader: async () => true, close: async () => undefined },
      events: createLocalEventBus(),
      idleMs: 60_000,
    });
    woken.start();
    try {
      await started;
      woken.wake(); // nobody is waiting yet: the pass in progress may already have missed this work
      release();
      await vi.waitFor(() => expect(claims).toBe(2), { timeout: 2_000 });
    } finally {
      await woken.stop();
    }
  });

  it('an idle standby is not woken by queued actions (it would only ask for the lock again)', async () => {
    let asked = 0;
    const standby = dispatcher({
      leadership: {
        isLeader: async () => {
          asked++;
          return false; // another process leads this account
        },
        close: async () => undefined,
      },
      idleMs: 60_000,
    });
    standby.start();
    try {
      await vi.waitFor(() => expect(asked).toBe(1));
      await new Promise((r) => setTimeout(r, 100)); // idle now
      const vpsId = '00000000-0000-4000-8000-000000000099';
      for (let i = 0; i < 20; i++) {
        await t.container.events.publish({
          type: 'vps.action',
          vpsId,
          userId: vpsId,
          actionId: `a-${i}`,
          actionStatus: 'queued',
          at: new Date().toISOString(),
        });
        standby.wake();
      }
      await new Promise((r) => setTimeout(r, 300)); // long enough for the bus (PostgreSQL) to deliver them
      expect(asked).toBe(1);
    } finally {
      await standby.stop();
    }
  });

  it('a claimed action whose dispatcher died is failed after a while, freeing the server', async () => {
    const vps = await createVpsInstance(t.database.db);
    const action = await t.container.vps.power({ id: vps.userId, role: 'customer' }, vps.id, 'stop');
    const repo = createVpsQueueRepo(t.database.db);
    const claimed = await repo.claim(100, t.clock.now());
    expect(claimed.map((c) => c.action.id)).toContain(action.id);
    expect(await repo.failAbandoned(new Date(t.clock.now().getTime() - 1), t.clock.now())).toHaveLength(0);
    const failed = await repo.failAbandoned(new Date(t.clock.now().getTime() + 1), t.clock.now());
    expect(failed.map((f) => [f.id, f.status, f.errorCode])).toEqual([[action.id, 'failed', 'interrupted']]);
    const again = await t.container.vps.power({ id: vps.userId, role: 'customer' }, vps.id, 'stop');
    expect(again.status).toBe('queued');
  });
});
