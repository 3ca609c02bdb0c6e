// Retries, backoff, timeouts, ambiguous creates and reconciliation, rate limiting.
import { afterEach, describe, expect, it } from 'vitest';
import { ContaboError } from '../src/index.ts';
import { createRateLimiter } from '../src/client/rate-limiter.ts';
import { startHarness } from './helpers/harness.ts';
import type { Harness } from './helpers/harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.sim.close();
  h = undefined;
});

const CREATE = '^/v1/compute/instances$';

/** Records requested sleeps and resolves at once (no waiting in tests). */
function fakeSleep() {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
}

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e as ContaboError,
  );

describe('retries on idempotent calls', () => {
  it('GET is retried on 429 with exponential backoff + full jitter, then succeeds', async () => {
    const s = fakeSleep();
    h = await startHarness(
      {},
      { sleep: s.sleep, random: () => 1, backoff: { baseDelayMs: 300, maxDelayMs: 8000 } },
    );
    h.sim.control.injectFault({
      kind: 'rate_limit',
      count: 3,
      pathPattern: '^/v1/compute/instances/100001$',
    });
    const inst = await h.client.instances.get(100001);
    expect(inst.instanceId).toBe(100001);
    expect(h.sim.control.counters().byOperation.retrieveInstance).toBe(4);
    expect(s.delays).toEqual([300, 600, 1200]); // random()=1 → the ceiling of each step
    expect(h.metrics.map((m) => [m.status, m.attempt, m.retried])).toEqual([
      [429, 1, false],
      [429, 2, true],
      [429, 3, true],
      [200, 4, true],
    ]);
  });

  it('jitter scales the delay and is capped by maxDelayMs', async () => {
    const s = fakeSleep();
    h = await startHarness(
      {},
      { sleep: s.sleep, random: () => 0.5, maxRetries: 5, backoff: { baseDelayMs: 1000, maxDelayMs: 3000 } },
    );
    h.sim.control.injectFault({ kind: 'server_error', status: 502, count: 5 });
    await h.client.images.list();
    expect(s.delays).toEqual([500, 1000, 1500, 1500, 1500]);
  });

  it('gives up after maxRetries and surfaces a retryable error', async () => {
    h = await startHarness({}, { maxRetries: 2 });
    h.sim.control.injectFault({ kind: 'server_error', status: 503, count: 10 });
    const err = await errorOf(h.client.instances.list());
    expect(err).toBeInstanceOf(ContaboError);
    expect(err).toMatchObject({
      code: 'server_error',
      status: 503,
      retryable: true,
      ambiguous: false,
      attempts: 3,
    });
    expect(err.requestIds).toHaveLength(3);
    expect(new Set(err.requestIds).size).toBe(3); // fresh x-request-id per attempt
    expect(err.messages).toEqual(['Service Unavailable']);
    expect(h.sim.control.counters().byOperation.retrieveInstancesList).toBe(3);
  });

  it('4xx other than 429 are not retried', async () => {
    h = await startHarness();
    const err = await errorOf(h.client.instances.get(1));
    expect(err).toMatchObject({ code: 'not_found', retryable: false, attempts: 1 });
    expect(h.sim.control.counters().byOperation.retrieveInstance).toBe(1);
  });

  it('times out every attempt and retries GETs on timeout', async () => {
    h = await startHarness({}, { timeoutMs: 150, maxRetries: 1 });
    h.sim.control.injectFault({ kind: 'timeout', count: 2, latencyMs: 5000 });
    const err = await errorOf(h.client.instances.get(100001));
    expect(err).toMatchObject({ code: 'timeout', status: null, retryable: true, attempts: 2 });
    expect(h.sim.control.counters().byOperation.retrieveInstance).toBe(2);
    expect((await h.client.instances.get(100001)).instanceId).toBe(100001);
  });

  it('network errors are retried on GET', async () => {
    let failures = 2;
    const flaky: typeof fetch = async (input, init) => {
      if (String(input).includes('/v1/') && failures-- > 0) throw new TypeError('fetch failed');
      return fetch(input, init);
    };
    h = await startHarness({}, { fetch: flaky });
    expect((await h.client.instances.get(100003)).region).toBe('US-east');
    expect(h.metrics.map((m) => m.errorCode)).toEqual(['network', 'network', null]);
  });

  it('start/stop are retried on 5xx (same end state); DELETE treats "already gone" after a retry as success', async () => {
    h = await startHarness();
    h.sim.control.injectFault({ kind: 'server_error', status: 502, count: 1, pathPattern: '/actions/stop$' });
    await h.client.actions.stop(100001);
    expect(h.sim.control.counters().byOperation.stop).toBe(2);

    const snap = await h.client.snapshots.create(100001, { name: 'x' });
    h.sim.control.injectFault({ kind: 'server_error', count: 1, method: 'DELETE', when: 'after' });
    await h.client.snapshots.delete(100001, snap.snapshotId);
    expect(h.sim.control.counters().byOperation.deleteSnapshot).toBe(2);
    expect((await h.client.snapshots.list(100001)).items).toHaveLength(0);
  });
});

describe('non-idempotent calls', () => {
  it('create is never retried on a 500 after the fact; the error is ambiguous; reconciliation finds it', async () => {
    h = await startHarness();
    h.sim.control.injectFault({
      kind: 'server_error',
      count: 1,
      pathPattern: CREATE,
      method: 'POST',
      when: 'after',
    });
    const err = await errorOf(
      h.client.instances.create(
        { period: 1, productId: 'V92', displayName: 'order-42' },
        { traceId: 'order-42' },
      ),
    );
    expect(err).toMatchObject({ code: 'server_error', status: 500, ambiguous: true, attempts: 1 });
    expect(h.sim.control.counters().byOperation.createInstance).toBe(1);

    const found = await h.client.findInstancesByDisplayName('order-42');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ productId: 'V92', status: 'provisioning' });
    const audits = await h.client.audits.findByRequestId(err.requestId!);
    expect(audits.instance).toHaveLength(1);
    expect(audits.instance[0]).toMatchObject({
      action: 'CREATED',
      traceId: 'order-42',
      instanceId: found[0]!.instanceId,
    });
  });

  it('create that times out is ambiguous and never repeated', async () => {
    h = await startHarness({}, { timeoutMs: 150 });
    h.sim.control.injectFault({
      kind: 'timeout',
      latencyMs: 3000,
      pathPattern: CREATE,
      method: 'POST',
      when: 'after',
    });
    const err = await errorOf(h.client.instances.create({ period: 1, displayName: 'order-43' }));
    expect(err).toMatchObject({ code: 'timeout', ambiguous: true, attempts: 1 });
    expect(h.sim.control.counters().byOperation.createInstance).toBe(1);
    expect(await h.client.findInstancesByDisplayName('order-43')).toHaveLength(1);
    expect(await h.client.findInstancesByDisplayName('order-4')).toHaveLength(0); // exact match only
  });

  it('create refused with 429 is not retried, not ambiguous, and created nothing', async () => {
    h = await startHarness();
    h.sim.control.injectFault({ kind: 'rate_limit', pathPattern: CREATE, method: 'POST' });
    const err = await errorOf(h.client.instances.create({ period: 1, displayName: 'order-44' }));
    expect(err).toMatchObject({ code: 'rate_limited', retryable: true, ambiguous: false });
    expect(h.sim.control.counters().byOperation.createInstance).toBe(1);
    expect(await h.client.findInstancesByDisplayName('order-44')).toHaveLength(0);
  });

  it('a create that fails on the network is ambiguous', async () => {
    const broken: typeof fetch = async (input, init) => {
      if (init?.method === 'POST' && String(input).endsWith('/v1/compute/instances'))
        throw new TypeError('socket hang up');
      return fetch(input, init);
    };
    h = await startHarness({}, { fetch: broken });
    const err = await errorOf(h.client.instances.create({ period: 1 }));
    expect(err).toMatchObject({ code: 'network', ambiguous: true, attempts: 1 });
  });

  it('restart is retried on 429 but a 5xx is surfaced as ambiguous without retry', async () => {
    h = await startHarness();
    h.sim.control.injectFault({ kind: 'rate_limit', count: 1, pathPattern: '/actions/restart$' });
    await h.client.actions.restart(100001);
    expect(h.sim.control.counters().byOperation.restart).toBe(2);
    h.sim.control.injectFault({
      kind: 'server_error',
      count: 1,
      pathPattern: '/actions/restart$',
      when: 'after',
    });
    const err = await errorOf(h.client.actions.restart(100001, { traceId: 'act-7' }));
    expect(err).toMatchObject({ code: 'server_error', ambiguous: true, attempts: 1 });
    expect(h.sim.control.counters().byOperation.restart).toBe(3);
    const { actions } = await h.client.audits.findByRequestId(err.requestId!);
    expect(actions.map((a) => a.traceId)).toEqual(['act-7']); // it did happen
  });
});

describe('rate limiter', () => {
  it('token bucket: burst passes at once, then one request per 1/rate (deterministic clock)', async () => {
    const waits: number[] = [];
    const limiter = createRateLimiter({
      requestsPerSecond: 5,
      burst: 10,
      now: () => 0,
      sleep: async (ms) => void waits.push(ms),
    });
    await Promise.all(Array.from({ length: 15 }, () => limiter.acquire()));
    expect(waits).toEqual([200, 400, 600, 800, 1000]);
  });

  it('refills over time up to the burst size', async () => {
    let t = 0;
    const waits: number[] = [];
    const limiter = createRateLimiter({
      requestsPerSecond: 2,
      burst: 3,
      now: () => t,
      sleep: async (ms) => void waits.push(ms),
    });
    for (let i = 0; i < 3; i++) await limiter.acquire();
    t += 10_000; // long idle: refill caps at burst
    for (let i = 0; i < 4; i++) await limiter.acquire();
    expect(waits).toEqual([500]);
  });

  it('a burst through the client stays under a server-side limit: no 429 at all', async () => {
    h = await startHarness(
      { rateLimit: { requestsPerSecond: 25, burst: 5 } },
      { rateLimit: { requestsPerSecond: 20, burst: 4 }, maxRetries: 0 },
    );
    const started = Date.now();
    await Promise.all(Array.from({ length: 24 }, (_, i) => h!.client.instances.get(100001 + (i % 6))));
    const elapsed = Date.now() - started;
    const c = h.sim.control.counters();
    expect(c.byStatus['429'] ?? 0).toBe(0);
    expect(c.byOperation.retrieveInstance).toBe(24);
    expect(elapsed).toBeGreaterThanOrEqual(((24 - 4) / 20) * 1000 - 50); // lower bound only: never flaky
  });

  it('without the client limiter the same burst does hit the server limit (control)', async () => {
    h = await startHarness({ rateLimit: { requestsPerSecond: 25, burst: 5 } }, { maxRetries: 0 });
    const results = await Promise.allSettled(
      Array.from({ length: 24 }, () => h!.client.instances.get(100001)),
    );
    expect(results.filter((r) => r.status === 'rejected').length).toBeGreaterThan(0);
  });
});

describe("the caller's deadline (#15 item 21)", () => {
  it('a hanging read is answered by the deadline, not after every attempt has timed out', async () => {
    h = await startHarness({}, { timeoutMs: 10_000, maxRetries: 3 });
    h.sim.control.injectFault({
      kind: 'timeout',
      count: 10,
      latencyMs: 60_000,
      pathPattern: '^/v1/compute/instances/100001$',
    });
    const started = Date.now();
    const error = await errorOf(h.client.instances.get(100001, { deadline: Date.now() + 700 }));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(ContaboError);
    expect(error).toMatchObject({ code: 'timeout', ambiguous: false, method: 'GET' });
    expect(h.sim.control.counters().byOperation.retrieveInstance).toBe(1);
  });

  it("the client's deadline option applies to every call; no retry starts after it", async () => {
    let deadline: number | undefined;
    const s = fakeSleep();
    h = await startHarness(
      {},
      { deadline: () => deadline, sleep: s.sleep, random: () => 1, backoff: { baseDelayMs: 5_000 } },
    );
    h.sim.control.injectFault({
      kind: 'server_error',
      count: 5,
      pathPattern: '^/v1/compute/instances/100002$',
    });
    deadline = Date.now() + 2_000;
    const error = await errorOf(h.client.instances.get(100002));
    expect(error).toMatchObject({ code: 'server_error' });
    expect(s.delays).toEqual([]); // a 5 s backoff would end past the deadline: not even started
    expect(h.sim.control.counters().byOperation.retrieveInstance).toBe(1);
    deadline = undefined;
    h.sim.control.clearFaults();
    await expect(h.client.instances.get(100002)).resolves.toMatchObject({ instanceId: 100002 });
  });
});
