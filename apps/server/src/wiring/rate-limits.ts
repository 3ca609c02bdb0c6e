import type { Database } from '../db/client.ts';
import { createRateLimiter, type RateLimiter, type RateLimitRule } from '../http/rate-limit.ts';
import { createBatchedRateLimitStore } from '../integrations/rate-limit/batched.ts';
import { createMemoryRateLimitStore } from '../integrations/rate-limit/memory.ts';
import { createPostgresRateLimitStore, postgresCounterAdder } from '../integrations/rate-limit/postgres.ts';
import { createRedisRateLimitStore } from '../integrations/rate-limit/redis.ts';
import type { RateLimitStore } from '../integrations/rate-limit/store.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { Inputs } from './platform.ts';

export interface RateLimits {
  /** The exact, shared counters (login-type limits); pruned by the `rate-limits.prune` job. */
  rateLimitStore: RateLimitStore;
  /** The cheap counters of the high-volume limits (per IP, per user): see `createBulkRateLimitStore()`. */
  bulkRateLimitStore: RateLimitStore;
  limiter: RateLimiter;
  /** Per-user limit on /api (RATE_LIMIT_USER_PER_HOUR). */
  userRateRule: RateLimitRule;
  /** Per-user limit for staff accounts (RATE_LIMIT_STAFF_PER_HOUR). */
  staffRateRule: RateLimitRule;
}

/** The rate-limit counters and the limiter every guarded route and service shares. */
export function wireRateLimits({ config, database, logger, clock }: Inputs): RateLimits {
  const rateLimitStore = config.REDIS_URL
    ? createRedisRateLimitStore(config.REDIS_URL)
    : createPostgresRateLimitStore(database.db);
  const bulkRateLimitStore = createBulkRateLimitStore(database, rateLimitStore, logger, clock);
  const limiter = createRateLimiter({
    store: bulkRateLimitStore,
    exactStore: rateLimitStore,
    clock,
    logger,
    enabled: !config.RATE_LIMIT_DISABLED,
  });
  return {
    rateLimitStore,
    bulkRateLimitStore,
    limiter,
    userRateRule: {
      name: 'user',
      limit: config.RATE_LIMIT_USER_PER_HOUR,
      windowMs: 3_600_000,
      approximate: true,
    },
    staffRateRule: {
      name: 'staff',
      limit: config.RATE_LIMIT_STAFF_PER_HOUR,
      windowMs: 3_600_000,
      approximate: true,
    },
  };
}

/**
 * Where the per-IP and per-user counters live, so that no request writes to the database: Redis when configured (the
 * shared store itself), this process's memory on the embedded default (a single process by design), and on PostgreSQL
 * without Redis local buckets reconciled with the `rate_limits` table once a second.
 */
function createBulkRateLimitStore(
  database: Database,
  shared: RateLimitStore,
  logger: Logger,
  clock: Clock,
): RateLimitStore {
  if (shared.kind === 'redis') return shared;
  if (database.kind === 'pglite') return createMemoryRateLimitStore();
  return createBatchedRateLimitStore({
    add: postgresCounterAdder(database.db),
    prune: (beforeMs) => shared.prune(beforeMs),
    onError: (error) => logger.warn({ err: error }, 'rate-limit reconciliation failed; retrying'),
    now: () => clock.now().getTime(),
  });
}
