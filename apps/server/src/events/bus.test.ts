import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../../test/db.ts';
import { createLogger } from '../lib/logger.ts';
import { createPostgresEventBus, type AuthChange, type VpsEvent } from './bus.ts';

// The PostgreSQL bus is used whenever DATABASE_URL is set, so it is tested against the local server on both runs.
const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 2 });
afterAll(async () => pool.end());

const event = (vpsId: string): VpsEvent => ({
  type: 'vps.status',
  vpsId,
  userId: '00000000-0000-4000-8000-000000000001',
  status: 'running',
  at: new Date().toISOString(),
});

async function until(check: () => boolean, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A bus on the test server, and the backend pid of each listener connection it has opened (to kill it). */
async function busWithListenerPids() {
  const pids: number[] = [];
  const bus = await createPostgresEventBus({
    url: TEST_DATABASE_URL,
    pool,
    logger: createLogger('silent'),
    onListening: (pid) => pids.push(pid),
  });
  return { bus, pids };
}

/** A bus whose statements go through `query` (to count or fail them), and the VPS ids its subscriber saw, in order. */
async function busOverQuery(query: (text: string, params?: unknown[]) => Promise<unknown>) {
  const bus = await createPostgresEventBus({
    url: TEST_DATABASE_URL,
    pool: { query } as unknown as pg.Pool,
    logger: createLogger('silent'),
  });
  const seen: string[] = [];
  const unsubscribe = bus.subscribe((e) => seen.push(e.vpsId ?? ''));
  return { bus, seen, unsubscribe };
}

describe('PostgreSQL event bus (LISTEN/NOTIFY)', () => {
  it('sends the notifications asked for in one turn as one statement each hundred, and delivers all in order', async () => {
    const statements: string[] = [];
    const { bus, seen, unsubscribe } = await busOverQuery(async (text, params) => {
      statements.push(text);
      // The first statement is slow to reach the server: a second one sent alongside it would be delivered first.
      if (statements.length === 1) await new Promise((r) => setTimeout(r, 100));
      return pool.query(text, params);
    });
    try {
      const ids = Array.from({ length: 150 }, (_, i) => `batch-${i}`);
      await Promise.all(ids.map((id) => bus.publish(event(id))));
      expect(statements.filter((s) => s.includes('pg_notify'))).toHaveLength(2);
      await until(() => seen.length >= 150, 'every event of the batch');
      expect(seen).toEqual(ids);

      // A caller that waits for each one sends them in turn (one statement each), still in order.
      await bus.publish(event('next-1'));
      await bus.publishSystem({ type: 'catalog.changed' });
      await bus.publish(event('next-2'));
      await until(() => seen.length >= 152, 'the awaited ones');
      expect(seen.slice(150)).toEqual(['next-1', 'next-2']);
      expect(statements.filter((s) => s.includes('pg_notify'))).toHaveLength(5);
    } finally {
      unsubscribe();
      await bus.close();
    }
  });

  it('a failed statement rejects every notification it carried, and the next turn sends again', async () => {
    let fail = true;
    const { bus, seen, unsubscribe } = await busOverQuery((text, params) =>
      fail ? Promise.reject(new Error('connection lost')) : pool.query(text, params),
    );
    try {
      const results = await Promise.allSettled([bus.publish(event('lost-1')), bus.publish(event('lost-2'))]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
      fail = false;
      await bus.publish(event('kept'));
      await until(() => seen.includes('kept'), 'the event after the failure');
      expect(seen).toEqual(['kept']);
    } finally {
      unsubscribe();
      await bus.close();
    }
  });

  it('reconnects after its connection is killed and delivers events again', async () => {
    const { bus, pids } = await busWithListenerPids();
    const seen: string[] = [];
    const unsubscribe = bus.subscribe((e) => seen.push(e.vpsId ?? ''));
    try {
      await bus.publish(event('before'));
      await until(() => seen.includes('before'), 'the first event');

      await pool.query('select pg_terminate_backend($1)', [pids[0]]);
      await until(() => pids.length === 2, 'the listener to reconnect');
      expect(pids[1]).not.toBe(pids[0]);

      await bus.publish(event('after'));
      await until(() => seen.includes('after'), 'an event after the reconnect');
      expect(seen.filter((id) => id === 'after')).toHaveLength(1);
    } finally {
      unsubscribe();
      await bus.close();
    }
  });

  it('hears session and user changes only while its listener is connected, and says when some may have been missed', async () => {
    const { bus, pids } = await busWithListenerPids();
    const changes: Array<AuthChange | null> = [];
    const unsubscribe = bus.subscribeAuth((change) => changes.push(change));
    const notify = (payload: string) => pool.query(`select pg_notify('cv_auth', $1)`, [payload]);
    try {
      expect(bus.hearsAuthChanges()).toBe(true);
      await notify('not json');
      await notify(JSON.stringify({ sessionId: 's1' }));
      await until(() => changes.length > 0, 'the first change');
      expect(changes).toEqual([{ sessionId: 's1' }]);

      await pool.query('select pg_terminate_backend($1)', [pids[0]]);
      await until(() => !bus.hearsAuthChanges(), 'the bus to notice the lost listener');
      // Whatever a subscriber kept on the strength of the feed goes the moment it is lost.
      expect(changes.at(-1)).toBeNull();
      await until(() => pids.length === 2, 'the listener to reconnect');
      expect(bus.hearsAuthChanges()).toBe(true);
      // And again on reconnecting: what was cached while nobody listened was trusted on nothing.
      expect(changes).toEqual([{ sessionId: 's1' }, null, null]);

      await notify(JSON.stringify({ userId: 'u1' }));
      await until(() => changes.length === 4, 'a change after the reconnect');
      expect(changes.at(-1)).toEqual({ userId: 'u1' });
    } finally {
      unsubscribe();
      await bus.close();
    }
  });
});
