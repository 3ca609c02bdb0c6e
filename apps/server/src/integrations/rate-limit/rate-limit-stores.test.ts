import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../../../test/db.ts';
import { createBatchedRateLimitStore } from './batched.ts';
import { createMemoryRateLimitStore } from './memory.ts';
import { createPostgresRateLimitStore, postgresCounterAdder } from './postgres.ts';
import { createRedisRateLimitStore } from './redis.ts';
import { hashedKey, type RateLimitStore } from './store.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const T0 = 1_800_000_000_000; // a minute boundary

async function behavesAsFixedWindowCounter(store: RateLimitStore) {
  const key = `test:${randomUUID()}`;
  expect(await store.hit(key, 60_000, T0 + 1_000)).toEqual({ count: 1, resetAt: T0 + 60_000 });
  expect((await store.hit(key, 60_000, T0 + 2_000)).count).toBe(2);
  const concurrent = await Promise.all(Array.from({ length: 10 }, () => store.hit(key, 60_000, T0 + 3_000)));
  expect(concurrent.map((h) => h.count).sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  expect(await store.hit(key, 60_000, T0 + 61_000)).toEqual({ count: 1, resetAt: T0 + 120_000 });
  expect((await store.hit(`${key}:other`, 60_000, T0 + 61_000)).count).toBe(1);
}

describe(`rate-limit stores on the database (${TEST_ENGINE})`, () => {
  let database: TestDatabase;
  // A fresh database (the PGlite template is built once per machine, which takes a while on a loaded one).
  beforeAll(async () => {
    database = await createTestDatabase();
  }, 120_000);
  afterAll(async () => database.destroy());

  it('PostgreSQL: counts atomically per fixed window and prunes old windows', async () => {
    const store = createPostgresRateLimitStore(database.db);
    await behavesAsFixedWindowCounter(store);
    expect(await store.prune(T0 + 120_000)).toBe(2);
  });

  it('batched: no database write per hit; one flush shares every key with the other instances', async () => {
    const shared = createPostgresRateLimitStore(database.db);
    let statements = 0;
    const add = postgresCounterAdder(database.db);
    const instance = () =>
      createBatchedRateLimitStore({
        add: async (deltas) => {
          statements++;
          return add(deltas);
        },
        prune: (before) => shared.prune(before),
        intervalMs: 3_600_000,
        now: () => T0 + 5_000,
      });
    const a = instance();
    const b = instance();
    const keys = Array.from({ length: 3 }, () => `ip:${randomUUID()}`);
    try {
      for (let i = 0; i < 40; i++) await a.hit(keys[i % 3]!, 60_000, T0 + 1_000);
      expect(statements).toBe(0);
      expect((await a.hit(keys[0]!, 60_000, T0 + 1_000)).count).toBe(15);
      for (let i = 0; i < 5; i++) await b.hit(keys[0]!, 60_000, T0 + 2_000);

      await a.flush();
      await b.flush();
      expect(statements).toBe(2);
      // b has seen a's 15 hits on keys[0]; a learns b's 5 (and 1 more of its own) at its next flush.
      expect((await b.hit(keys[0]!, 60_000, T0 + 3_000)).count).toBe(21);
      await a.hit(keys[0]!, 60_000, T0 + 3_000);
      await a.flush();
      expect((await a.hit(keys[0]!, 60_000, T0 + 3_000)).count).toBe(22);
      // The table holds each key's hash (keys hold addresses and e-mails), never the key itself.
      expect((await shared.hit(hashedKey(keys[1]!), 60_000, T0 + 4_000)).count).toBe(14);

      // A new window starts from zero, locally and in the table.
      expect((await a.hit(keys[0]!, 60_000, T0 + 61_000)).count).toBe(1);
      await a.flush();
      expect((await shared.hit(hashedKey(keys[0]!), 60_000, T0 + 62_000)).count).toBe(2);
    } finally {
      await a.close?.();
      await b.close?.();
    }
  });

  it('batched: one statement adds hundreds of keys, whatever characters a key holds', async () => {
    const add = postgresCounterAdder(database.db);
    const tag = randomUUID();
    const odd = [
      `u:${tag}:"quoted"`,
      `u:${tag}:back\\slash`,
      `u:${tag}:{braces},comma`,
      `u:${tag}:NULL`,
      `u:${tag}: sp`,
    ];
    const many = Array.from({ length: 495 }, (_, i) => `ip:${tag}:10.0.${i >> 8}.${i & 255}`);
    const deltas = [...odd, ...many].map((key, i) => ({ key, start: T0, delta: (i % 3) + 1 }));
    const totals = await add(deltas);
    expect(new Map(totals.map((t) => [t.key, t.count]))).toEqual(
      new Map(deltas.map((d) => [d.key, d.delta])),
    );
    const again = await add(odd.map((key) => ({ key, start: T0, delta: 10 })));
    expect(again.map((t) => t.count).sort()).toEqual([11, 11, 12, 12, 13].sort());
    const nextWindow = await add([{ key: odd[0]!, start: T0 + 60_000, delta: 4 }]);
    expect(nextWindow).toEqual([{ key: odd[0]!, start: T0 + 60_000, count: 4 }]);
  });

  it('batched: hits survive a failed reconciliation and are sent with the next one', async () => {
    const add = postgresCounterAdder(database.db);
    let failNext = true;
    const errors: unknown[] = [];
    const store = createBatchedRateLimitStore({
      add: async (deltas) => {
        if (failNext) {
          failNext = false;
          throw new Error('connection lost');
        }
        return add(deltas);
      },
      prune: async () => 0,
      intervalMs: 3_600_000,
      onError: (error) => errors.push(error),
      now: () => T0 + 5_000,
    });
    const key = `ip:${randomUUID()}`;
    for (let i = 0; i < 7; i++) await store.hit(key, 60_000, T0 + 1_000);
    await store.flush();
    expect(errors).toHaveLength(1);
    expect((await store.hit(key, 60_000, T0 + 1_000)).count).toBe(8);
    await store.close?.();
    expect(
      (await createPostgresRateLimitStore(database.db).hit(hashedKey(key), 60_000, T0 + 1_000)).count,
    ).toBe(9);
  });
});

describe('rate-limit store: batched, sharing only what matters', () => {
  it('keeps a crowd of one-request addresses to itself and shares a key once it holds a tenth of its limit', async () => {
    const sent: Array<{ key: string; delta: number }> = [];
    let now = T0 + 1_000;
    const store = createBatchedRateLimitStore({
      add: async (deltas) => {
        sent.push(...deltas.map(({ key, delta }) => ({ key, delta })));
        return deltas.map((d) => ({ key: d.key, start: d.start, count: d.delta }));
      },
      prune: async () => 0,
      intervalMs: 3_600_000,
      now: () => now,
    });
    for (let i = 0; i < 1_000; i++) await store.hit(`ip:crowd-${i}`, 60_000, now, 100);
    for (let i = 0; i < 9; i++) await store.hit('ip:busy', 60_000, now, 100);
    await store.flush();
    expect(sent).toEqual([]); // no statement at all

    expect((await store.hit('ip:busy', 60_000, now, 100)).count).toBe(10);
    await store.flush();
    expect(sent).toEqual([{ key: hashedKey('ip:busy'), delta: 10 }]);
    expect(hashedKey('ip:busy')).toMatch(/^ip:[0-9a-f]{32}$/);
    // Once shared, every further hit is shared at the next flush.
    await store.hit('ip:busy', 60_000, now, 100);
    await store.flush();
    expect(sent.at(-1)).toEqual({ key: hashedKey('ip:busy'), delta: 1 });

    // Without a limit (callers that do not pass one) every key is shared, as before.
    await store.hit('ip:plain', 60_000, now);
    await store.flush();
    expect(sent.at(-1)).toEqual({ key: hashedKey('ip:plain'), delta: 1 });

    // The window ends: the crowd's unshared buckets are dropped, nothing is sent for them.
    now = T0 + 61_000;
    const before = sent.length;
    await store.flush();
    expect(sent.length).toBe(before);
    expect((await store.hit('ip:crowd-1', 60_000, now, 100)).count).toBe(1);
    await store.close?.();
  });
});

describe('rate-limit store: memory', () => {
  it('counts per fixed window in this process and drops ended windows whole', async () => {
    const store = createMemoryRateLimitStore();
    await behavesAsFixedWindowCounter(store);
    // Windows of another length keep their own counters.
    expect((await store.hit('a', 3_600_000, T0 + 61_000)).count).toBe(1);
    expect((await store.hit('a', 3_600_000, T0 + 62_000)).count).toBe(2);
    // The minute window (two keys) has ended by then; the hour window has not.
    expect(await store.prune(T0 + 180_000)).toBe(2);
    expect((await store.hit('a', 3_600_000, T0 + 180_000)).count).toBe(3);
    expect(await store.prune(T0 + 3_600_000)).toBe(1);
    expect((await store.hit('a', 3_600_000, T0 + 3_600_000)).count).toBe(1);
  });
});

describe('rate-limit store: Redis', () => {
  it('counts atomically per fixed window with expiring keys', async () => {
    const store = createRedisRateLimitStore(REDIS_URL, `cv-test:${randomUUID()}:`);
    try {
      await behavesAsFixedWindowCounter(store);
    } finally {
      await store.close?.();
    }
  });
});
