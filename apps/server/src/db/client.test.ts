import { afterAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../../test/db.ts';
import { openDatabase, POOL_IDLE_MS, type Database } from './client.ts';

let database: Database | undefined;
afterAll(async () => database?.close());

describe('PostgreSQL pool', () => {
  it('keeps idle connections for a minute, not pg-pool’s 10 s, so a burst after a pause finds them open', async () => {
    database = await openDatabase({ databaseUrl: TEST_DATABASE_URL, poolMax: 3 });
    const pool = database.pool!;
    expect(POOL_IDLE_MS).toBeGreaterThanOrEqual(60_000);
    expect((pool as unknown as { options: { idleTimeoutMillis: number } }).options.idleTimeoutMillis).toBe(
      POOL_IDLE_MS,
    );
    // Three queries at once open three connections; all three are still there once the queries are done.
    await Promise.all([1, 2, 3].map(() => pool.query('select pg_sleep(0.05)')));
    expect(pool.totalCount).toBe(3);
    expect(pool.idleCount).toBe(3);
  });
});
