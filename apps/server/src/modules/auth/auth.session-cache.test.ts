import { describe, expect, it } from 'vitest';
import type { AuthChange } from '../../events/bus.ts';
import { ManualClock } from '../../lib/clock.ts';
import { createSessionCache, type LiveSession } from './auth.session-cache.ts';

const NOW = new Date('2026-01-15T12:00:00Z');

function sessionRow(id: string, userId: string, expiresAt = new Date('2026-02-15T12:00:00Z')): LiveSession {
  return {
    session: { id, token: `hash-${id}`, expiresAt, updatedAt: NOW, userId, impersonatedBy: null },
    user: {
      id: userId,
      role: 'customer',
      email: `${userId}@example.com`,
      emailVerified: true,
      twoFactorEnabled: false,
      banned: false,
      banExpires: null,
    },
  };
}

/** A database of sessions that counts its reads, a change feed the test drives, and the cache over both. */
function setup(options: { maxEntries?: number; maxAgeMs?: number } = {}) {
  const rows = new Map<string, LiveSession>();
  const reads: string[] = [];
  let pending: Array<() => void> = [];
  let holdReads = false;
  const repo = {
    async findLiveSession(id: string, now: Date) {
      reads.push(id);
      const row = rows.get(id);
      const answer = row && row.session.expiresAt > now ? structuredClone(row) : undefined;
      if (holdReads) await new Promise<void>((resolve) => pending.push(resolve));
      return answer;
    },
  };
  const listeners = new Set<(change: AuthChange | null) => void>();
  const feed = {
    hears: true,
    subscribeAuth(listener: (change: AuthChange | null) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    hearsAuthChanges: () => feed.hears,
    emit: (change: AuthChange | null) => listeners.forEach((listener) => listener(change)),
  };
  const clock = new ManualClock(NOW);
  const cache = createSessionCache({ repo, changes: feed, clock, ...options });
  return {
    rows,
    reads,
    feed,
    clock,
    cache,
    hold: () => (holdReads = true),
    release: () => {
      holdReads = false;
      pending.forEach((resolve) => resolve());
      pending = [];
    },
  };
}

describe('session cache', () => {
  it('reads a session once while it hears every change, and again after a change to it or to its user', async () => {
    const s = setup();
    s.rows.set('a', sessionRow('a', 'u1'));
    s.rows.set('b', sessionRow('b', 'u1'));
    s.rows.set('c', sessionRow('c', 'u2'));
    for (const id of ['a', 'b', 'c', 'a', 'b', 'c'])
      expect((await s.cache.find(id, NOW))?.session.id).toBe(id);
    expect(s.reads).toEqual(['a', 'b', 'c']);

    s.rows.delete('a');
    s.feed.emit({ sessionId: 'a' });
    expect(await s.cache.find('a', NOW)).toBeUndefined();
    expect(await s.cache.find('b', NOW)).toBeDefined();
    expect(s.reads).toEqual(['a', 'b', 'c', 'a']);

    s.rows.get('b')!.user.role = 'admin';
    s.feed.emit({ userId: 'u1' });
    expect((await s.cache.find('b', NOW))?.user.role).toBe('admin');
    await s.cache.find('c', NOW);
    expect(s.reads).toEqual(['a', 'b', 'c', 'a', 'b']);
    // A miss is never kept: the session may be created (or the read have raced a change) a moment later.
    await s.cache.find('a', NOW);
    expect(s.reads.filter((id) => id === 'a')).toHaveLength(3);
  });

  it('goes to the database for every lookup while it hears nothing, and drops what it kept', async () => {
    const s = setup();
    s.rows.set('a', sessionRow('a', 'u1'));
    await s.cache.find('a', NOW);
    s.feed.hears = false;
    s.rows.delete('a');
    expect(await s.cache.find('a', NOW)).toBeUndefined();
    expect(s.cache.size()).toBe(0);
    s.rows.set('a', sessionRow('a', 'u1'));
    await s.cache.find('a', NOW);
    await s.cache.find('a', NOW);
    expect(s.reads).toEqual(['a', 'a', 'a', 'a']);
    expect(s.cache.size()).toBe(0);
    // The bus reports a reconnection as "changes may have been missed": everything kept goes.
    s.feed.hears = true;
    await s.cache.find('a', NOW);
    expect(s.cache.size()).toBe(1);
    s.feed.emit(null);
    expect(s.cache.size()).toBe(0);
  });

  it('does not keep what a lookup read when a change was heard while it was in flight', async () => {
    const s = setup();
    s.rows.set('a', sessionRow('a', 'u1'));
    s.hold();
    const inFlight = s.cache.find('a', NOW);
    await Promise.resolve();
    // The logout commits (and is heard) after the read saw the row, before the read returns.
    s.rows.delete('a');
    s.feed.emit({ sessionId: 'a' });
    s.release();
    expect(await inFlight).toBeDefined();
    expect(s.cache.size()).toBe(0);
    expect(await s.cache.find('a', NOW)).toBeUndefined();
  });

  it('honours expiry on every hit, reads again after the maximum age, and keeps a bounded number', async () => {
    const s = setup({ maxEntries: 2, maxAgeMs: 60_000 });
    s.rows.set('a', sessionRow('a', 'u1', new Date(NOW.getTime() + 30_000)));
    expect(await s.cache.find('a', NOW)).toBeDefined();
    expect(await s.cache.find('a', new Date(NOW.getTime() + 29_000))).toBeDefined();
    expect(await s.cache.find('a', new Date(NOW.getTime() + 30_000))).toBeUndefined();
    expect(s.reads).toEqual(['a', 'a']);

    s.rows.set('b', sessionRow('b', 'u1'));
    await s.cache.find('b', NOW);
    s.clock.set(new Date(NOW.getTime() + 60_000));
    await s.cache.find('b', s.clock.now());
    expect(s.reads).toEqual(['a', 'a', 'b', 'b']);

    s.rows.set('c', sessionRow('c', 'u2'));
    s.rows.set('d', sessionRow('d', 'u2'));
    for (const id of ['c', 'd']) await s.cache.find(id, s.clock.now());
    expect(s.cache.size()).toBe(2);
    await s.cache.find('b', s.clock.now());
    expect(s.reads.at(-1)).toBe('b');
  });

  it('moves the kept "last used" when the guard writes it (that write raises no notification)', async () => {
    const s = setup();
    s.rows.set('a', sessionRow('a', 'u1'));
    const first = await s.cache.find('a', NOW);
    const later = new Date(NOW.getTime() + 61_000);
    s.cache.touched('a', later);
    expect((await s.cache.find('a', later))?.session.updatedAt).toEqual(later);
    // The row handed out before is not changed under its reader.
    expect(first?.session.updatedAt).toEqual(NOW);
    expect(s.reads).toEqual(['a']);
  });
});
