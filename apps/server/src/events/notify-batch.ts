import type pg from 'pg';

/**
 * A notification is a hint to re-read what a committed write changed, never the data itself: its own transaction
 * need not wait for the disk (`synchronous_commit` off for that transaction only). A crash can lose the
 * notification's commit record, not a notification already delivered, nor the write it announces.
 */
const WITHOUT_FLUSH = "set_config('synchronous_commit', 'off', true)";
/** Notifications per statement (two parameters each; a payload is at most 8,000 bytes). */
const MAX_BATCH = 100;

interface Pending {
  channel: string;
  payload: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * `pg_notify` for many callers at once: the notifications asked for during one turn of the event loop go out in
 * one statement (one round trip and one commit), in the order they were asked for. A burst of 200 power actions
 * sends a handful of statements instead of 200. Each caller's promise settles with its statement, so a caller that
 * awaits one notification before asking for the next keeps its order across statements too. Within one statement
 * PostgreSQL delivers an identical (channel, payload) pair once: these are idempotent "re-read" hints.
 */
export function createNotifyBatcher(pool: Pick<pg.Pool, 'query'>) {
  let pending: Pending[] = [];
  let scheduled = false;

  async function send(batch: Pending[]): Promise<void> {
    const params: string[] = [];
    const calls = batch.map((n) => {
      params.push(n.channel, n.payload);
      return `pg_notify($${params.length - 1}, $${params.length})`;
    });
    try {
      await pool.query(`select ${calls.join(', ')}, ${WITHOUT_FLUSH}`, params);
      for (const n of batch) n.resolve();
    } catch (error) {
      for (const n of batch) n.reject(error);
    }
  }

  function flush() {
    scheduled = false;
    const all = pending;
    pending = [];
    // One statement after the other: two on different connections could commit (and be delivered) in either order.
    void (async () => {
      for (let i = 0; i < all.length; i += MAX_BATCH) await send(all.slice(i, i + MAX_BATCH));
    })();
  }

  return (channel: string, payload: string): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      pending.push({ channel, payload, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}
