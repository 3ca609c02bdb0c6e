import { lt, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.ts';
import { rateLimits } from '../../db/schema/index.ts';
import type { AddCounters } from './batched.ts';
import { windowStart, type RateLimitStore } from './store.ts';

/**
 * Counters in the `rate_limits` table: one row per key holding the current window's count, `last_request` being the
 * window start (epoch ms). One atomic upsert per hit: a new window resets the count.
 */
export function createPostgresRateLimitStore(db: Db): RateLimitStore {
  return {
    kind: 'postgres',
    async hit(key, windowMs, nowMs) {
      const start = windowStart(nowMs, windowMs);
      const [row] = await queryRows<{ count: number; last_request: string | number }>(
        db,
        sql`insert into rate_limits (key, count, last_request) values (${key}, 1, ${start})
            on conflict (key) do update set
              count = case when rate_limits.last_request >= excluded.last_request then rate_limits.count + 1 else 1 end,
              last_request = greatest(rate_limits.last_request, excluded.last_request)
            returning count, last_request`,
      );
      return { count: Number(row!.count), resetAt: Number(row!.last_request) + windowMs };
    },
    async prune(beforeMs) {
      const deleted = await db
        .delete(rateLimits)
        .where(lt(rateLimits.lastRequest, beforeMs))
        .returning({ id: rateLimits.id });
      return deleted.length;
    },
  };
}

/**
 * Adds many keys' hits in one statement (the batched store's reconciliation): a row whose window is older restarts at
 * the delta, the same rule as a single hit. Returns each key's total for its current window.
 */
export function postgresCounterAdder(db: Db): AddCounters {
  return async (deltas) => {
    if (!deltas.length) return [];
    // Three array parameters rather than three per key: a flush of 500 keys is one short statement to build and to
    // plan, not 1,500 bound values (building those took a visible share of the platform's CPU under a crowd).
    const keys = `{${deltas.map((d) => `"${d.key.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
    const counts = `{${deltas.map((d) => Math.trunc(d.delta)).join(',')}}`;
    const starts = `{${deltas.map((d) => Math.trunc(d.start)).join(',')}}`;
    const rows = await queryRows<{ key: string; count: number; last_request: string | number }>(
      db,
      sql`insert into rate_limits (key, count, last_request)
          select * from unnest(${keys}::text[], ${counts}::integer[], ${starts}::bigint[])
          on conflict (key) do update set
            count = case when rate_limits.last_request >= excluded.last_request
                         then rate_limits.count + excluded.count else excluded.count end,
            last_request = greatest(rate_limits.last_request, excluded.last_request)
          returning key, count, last_request`,
    );
    return rows.map((r) => ({ key: r.key, count: Number(r.count), start: Number(r.last_request) }));
  };
}
