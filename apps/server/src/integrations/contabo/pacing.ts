import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../../db/client.ts';
import type { Logger } from '../../lib/logger.ts';

/**
 * Pacing of mutating Contabo calls, one queue per Contabo account: whoever drains an account's queue holds its
 * leadership (so two processes never send for the same account at once) and spaces its sends evenly at the configured
 * rate. The queue itself (which calls wait) belongs to the modules that use it; this file only paces.
 */
export interface Pacer {
  readonly ratePerSecond: number;
  /** Resolves when the next call may be sent: never more than `ratePerSecond` calls in any second, no burst. */
  take(): Promise<void>;
  /** Seconds until the call at `position` (1-based) in the queue is sent, at this rate. */
  estimateSeconds(position: number): number;
}

/** The share of each gap kept free for network jitter (see `createPacer`). */
export const JITTER_MARGIN = 0.05;

export function createPacer(options: {
  ratePerSecond: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}): Pacer {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  // 5 % slower than the nominal rate: Contabo counts arrivals, and sends spaced exactly 1000/rate ms apart put rate + 1
  // of them inside some one-second window as soon as one reaches it a few milliseconds late and the next one on time
  // (the 200-stop bench saw 6 in a second at 5/s). rate gaps of 1050/rate ms absorb up to 50 ms of such jitter.
  const gap = (1000 * (1 + JITTER_MARGIN)) / options.ratePerSecond;
  let next = now();
  return {
    ratePerSecond: options.ratePerSecond,
    async take() {
      const t = now();
      const at = Math.max(t, next);
      next = at + gap;
      if (at > t) await sleep(at - t);
      // A timer that fires late (a busy event loop) lets this call go later than planned: the next one keeps its full
      // gap from when this one really went, or the two would reach Contabo closer than the rate allows.
      next = Math.max(next, now() + gap);
    },
    estimateSeconds(position) {
      return Math.max(1, Math.ceil((position * gap) / 1000));
    },
  };
}

/** Whether this process may drain an account's queue now. */
export interface Leadership {
  isLeader(): Promise<boolean>;
  close(): Promise<void>;
}

/** Leaders inside this process (PGlite): one process by design, so a lock in memory is the whole story. */
const localLeaders = new Map<string, object>();

/**
 * PostgreSQL: a session advisory lock held on a dedicated connection; if the process dies its connection closes and
 * another process takes over. PGlite: a lock in this process's memory.
 */
export function createLeadership(options: { database: Database; name: string; logger: Logger }): Leadership {
  if (options.database.kind !== 'postgres') {
    const me = {};
    return {
      isLeader: async () => {
        if (!localLeaders.has(options.name)) localLeaders.set(options.name, me);
        return localLeaders.get(options.name) === me;
      },
      close: async () => {
        if (localLeaders.get(options.name) === me) localLeaders.delete(options.name);
      },
    };
  }
  const key = createHash('sha256').update(options.name).digest().readBigInt64BE(0).toString();
  let client: pg.Client | null = null;
  let leader = false;
  let closed = false;

  const drop = (c: pg.Client) => {
    if (client !== c) return;
    client = null;
    leader = false;
  };

  return {
    async isLeader() {
      if (closed) return false;
      if (leader && client) return true;
      try {
        if (!client) {
          const c = new pg.Client({ connectionString: options.database.url });
          c.on('error', (error) => {
            options.logger.warn({ err: error, lock: options.name }, 'leadership connection lost');
            drop(c);
          });
          c.on('end', () => drop(c));
          client = c;
          await c.connect();
        }
        const result = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1::bigint) as ok', [
          key,
        ]);
        leader = Boolean(result.rows[0]?.ok);
      } catch (error) {
        options.logger.warn({ err: error, lock: options.name }, 'could not ask for leadership');
        const c = client;
        client = null;
        leader = false;
        await c?.end().catch(() => undefined);
      }
      return leader;
    },
    async close() {
      closed = true;
      leader = false;
      await client?.end().catch(() => undefined);
      client = null;
    },
  };
}
