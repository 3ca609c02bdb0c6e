import { lt, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.ts';
import { rateLimits } from '../../db/schema/index.ts';
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
