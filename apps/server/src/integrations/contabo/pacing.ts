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
  /**
   * Resolves when the next call may be sent: never more than `ratePerSecond` calls in any second, no burst. Resolves
   * to `answered`, to be called once that call has its answer (or has failed): the pacer counts from then, so a call
   * Contabo saw late cannot be followed by too many early ones.
   */
  take(): Promise<() => void>;
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
  // 5 % slower than the nominal rate, so the calls are spread evenly with room to spare (see the window rule below
  // for what makes the rate exact).
  const gap = (1000 * (1 + JITTER_MARGIN)) / options.ratePerSecond;
  // The window rule. Contabo counts arrivals, and an arrival can come at any moment between our sending a call and
  // our reading its answer: a call sent late by a busy event loop, or held up on the way, reaches Contabo close to the
  // next one, and gaps alone then let rate + 1 arrive inside one second (the 200-stop bench saw 6 in a second at 5/s
  // with 210-ms gaps). So the call `perWindow` places after another is sent only `windowMs` after that other was
  // ANSWERED: its arrival was no later than its answer, and ours is no earlier than our sending, so the two arrivals
  // are at least `windowMs` apart, whatever the jitter: never more than `perWindow` in any window.
  const perWindow = Math.max(1, Math.floor(options.ratePerSecond));
  const windowMs = Math.max(1000, (1000 * perWindow) / options.ratePerSecond);
  /** The last `perWindow` calls taken, oldest first; `answeredAt` is Infinity until the caller says it was answered. */
  const recent: Array<{ answeredAt: number }> = [];
  let next = now();
  return {
    ratePerSecond: options.ratePerSecond,
    async take() {
      const t = now();
      let at = Math.max(t, next);
      if (recent.length === perWindow) {
        // Not answered yet (a caller that did not wait for the answer): it may still arrive later, so counting from
        // now is the closest this can come.
        const answered = recent[0]!.answeredAt;
        at = Math.max(at, (Number.isFinite(answered) ? answered : t) + windowMs);
      }
      next = at + gap;
      if (at > t) await sleep(at - t);
      // A timer that fires late (a busy event loop) lets this call go later than planned: the next one keeps its full
      // gap from when this one really went, or the two would reach Contabo closer than the rate allows.
      next = Math.max(next, now() + gap);
      const call = { answeredAt: Infinity };
      recent.push(call);
      if (recent.length > perWindow) recent.shift();
      return () => {
        if (!Number.isFinite(call.answeredAt)) call.answeredAt = now();
      };
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
