import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../../../test/db.ts';
import { createPostgresRateLimitStore } from './postgres.ts';
import { createRedisRateLimitStore } from './redis.ts';
import type { RateLimitStore } from './store.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function behavesAsFixedWindowCounter(store: RateLimitStore) {
  const key = `test:${randomUUID()}`;
  const t0 = 1_800_000_000_000; // a minute boundary
  expect(await store.hit(key, 60_000, t0 + 1_000)).toEqual({ count: 1, resetAt: t0 + 60_000 });
  expect((await store.hit(key, 60_000, t0 + 2_000)).count).toBe(2);
  const concurrent = await Promise.all(Array.from({ length: 10 }, () => store.hit(key, 60_000, t0 + 3_000)));
  expect(concurrent.map((h) => h.count).sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  expect(await store.hit(key, 60_000, t0 + 61_000)).toEqual({ count: 1, resetAt: t0 + 120_000 });
  expect((await store.hit(`${key}:other`, 60_000, t0 + 61_000)).count).toBe(1);
}

describe(`rate-limit store: PostgreSQL (${TEST_ENGINE})`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.destroy());

  it('counts atomically per fixed window and prunes old windows', async () => {
    const store = createPostgresRateLimitStore(database.db);
    await behavesAsFixedWindowCounter(store);
    expect(await store.prune(1_800_000_000_000 + 120_000)).toBe(2);
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
