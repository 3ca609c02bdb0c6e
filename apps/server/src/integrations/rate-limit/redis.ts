import { Redis } from 'ioredis';
import { windowStart, type RateLimitStore } from './store.ts';

/** Counters in Redis: one key per (key, window), INCR + PEXPIRE in one round trip; keys expire with their window. */
export function createRedisRateLimitStore(url: string, prefix = 'cv:rl:'): RateLimitStore {
  const redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2, enableOfflineQueue: true });
  return {
    kind: 'redis',
    async hit(key, windowMs, nowMs) {
      const start = windowStart(nowMs, windowMs);
      const redisKey = `${prefix}${key}:${start}`;
      const result = await redis
        .multi()
        .incr(redisKey)
        .pexpire(redisKey, windowMs + 1000)
        .exec();
      const [error, count] = result?.[0] ?? [new Error('Redis returned no result'), 0];
      if (error) throw error;
      return { count: Number(count), resetAt: start + windowMs };
    },
    async prune() {
      return 0;
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
