import { sha256Hex } from '../../lib/crypto.ts';

/**
 * Rate-limit counters: fixed windows keyed by `key`. Which store counts what is decided in `container.ts`:
 * - `redis` (REDIS_URL set): one INCR per hit, shared by every instance, exact.
 * - `postgres`: one atomic upsert per hit in the `rate_limits` table, shared and exact. Used for the few limits that
 *   must be exact across processes (login, registration, password reset, 2FA) when there is no Redis.
 * - `memory`: counters in this process only. The embedded default is one process by design, so there it is exact.
 * - `batched`: local counters that a background flush adds to PostgreSQL once a second (one statement for every key
 *   with hits enough to matter), learning the other instances' counts back; the high-volume limits (per IP, per user)
 *   on PostgreSQL without Redis.
 */
export interface RateLimitHit {
  /** Hits in the current window, this one included. */
  count: number;
  /** Epoch ms when the current window ends. */
  resetAt: number;
}

export interface RateLimitStore {
  readonly kind: 'postgres' | 'redis' | 'memory' | 'batched';
  /**
   * Keys hold IPs and e-mail addresses, and only their hash may leave this process (`hashedKey`). A store that keeps
   * keys in this process's memory, and hashes whatever it sends elsewhere itself, says so here: the limiter then hands
   * it keys in clear and saves a hash on every request. Otherwise it is given hashed keys.
   */
  readonly hashesWhatLeaves?: boolean;
  /**
   * `limit` (optional) is the rule's limit: the batched store keeps a key to itself until it nears a tenth of it (see
   * batched.ts); the other stores count every hit the same way.
   */
  hit(key: string, windowMs: number, nowMs: number, limit?: number): Promise<RateLimitHit>;
  /** Drops counters whose window ended before `beforeMs` (PostgreSQL; Redis keys expire by themselves). */
  prune(beforeMs: number): Promise<number>;
  close?(): Promise<void>;
}

/** `rule:subject` as stored outside this process: `rule:` and the first 32 hex digits of the subject's SHA-256. */
export function hashedKey(key: string): string {
  const colon = key.indexOf(':');
  return `${key.slice(0, colon + 1)}${sha256Hex(key.slice(colon + 1)).slice(0, 32)}`;
}

export const windowStart = (nowMs: number, windowMs: number) => Math.floor(nowMs / windowMs) * windowMs;
