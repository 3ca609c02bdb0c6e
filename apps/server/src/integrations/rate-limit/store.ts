/**
 * Rate-limit counters shared by every instance: fixed windows keyed by `key`. PostgreSQL (`rate_limits` table) by
 * default, Redis when REDIS_URL is set. Never per process, so N instances allow the same N requests as one.
 */
export interface RateLimitHit {
  /** Hits in the current window, this one included. */
  count: number;
  /** Epoch ms when the current window ends. */
  resetAt: number;
}

export interface RateLimitStore {
  readonly kind: 'postgres' | 'redis';
  hit(key: string, windowMs: number, nowMs: number): Promise<RateLimitHit>;
  /** Drops counters whose window ended before `beforeMs` (PostgreSQL; Redis keys expire by themselves). */
  prune(beforeMs: number): Promise<number>;
  close?(): Promise<void>;
}

export const windowStart = (nowMs: number, windowMs: number) => Math.floor(nowMs / windowMs) * windowMs;
