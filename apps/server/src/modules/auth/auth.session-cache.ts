import type { AuthChange, EventBus } from '../../events/bus.ts';
import type { Clock } from '../../lib/clock.ts';
import type { AuthRepo } from './auth.repo.ts';

/** A live session with the fields of its user the guard reads (`AuthRepo#findLiveSession`). */
export type LiveSession = NonNullable<Awaited<ReturnType<AuthRepo['findLiveSession']>>>;

/** What the cache needs to hear: every committed change to sessions and users, and whether it hears them all now. */
export type AuthChanges = Pick<EventBus, 'subscribeAuth' | 'hearsAuthChanges'>;

export interface SessionCacheOptions {
  repo: Pick<AuthRepo, 'findLiveSession'>;
  changes: AuthChanges;
  clock: Clock;
  /** Sessions kept at most (the one kept longest goes first). */
  maxEntries?: number;
  /** A kept session is read again from the database after this long, whatever was heard. */
  maxAgeMs?: number;
}

interface Entry {
  row: LiveSession;
  cachedAt: number;
}

/**
 * The sessions this process has checked, so that a bearer request costs no query for its session. Trusted only while
 * the database's change notifications reach this process (`hearsAuthChanges`): a logout, a revoked session, a token
 * rotation, a ban, a role or e-mail change anywhere drops the entries it concerns at once, through the triggers of
 * migration 0008. Without that feed (listener down, a bus that hears no database) every lookup goes to the database,
 * as before, and whatever was kept is dropped. Expiry is checked on each hit, against the clock.
 */
export function createSessionCache({
  repo,
  changes,
  clock,
  maxEntries = 20_000,
  maxAgeMs = 5 * 60_000,
}: SessionCacheOptions) {
  const entries = new Map<string, Entry>();
  /** Moves on every change heard: a lookup that started before a change must not store what it read. */
  let generation = 0;

  const forget = (change: AuthChange | null) => {
    generation++;
    if (!change) return entries.clear();
    if (change.sessionId) entries.delete(change.sessionId);
    if (change.userId) {
      for (const [id, entry] of entries) if (entry.row.user.id === change.userId) entries.delete(id);
    }
  };
  changes.subscribeAuth(forget);

  function hit(sessionId: string, now: Date): LiveSession | undefined {
    const entry = entries.get(sessionId);
    if (!entry) return undefined;
    if (now.getTime() - entry.cachedAt >= maxAgeMs || entry.row.session.expiresAt <= now) {
      entries.delete(sessionId);
      return undefined;
    }
    return entry.row;
  }

  return {
    /** The live session `sessionId`, from memory when this process can vouch for it, else from the database. */
    async find(sessionId: string, now: Date): Promise<LiveSession | undefined> {
      if (!changes.hearsAuthChanges()) {
        if (entries.size) forget(null);
        return repo.findLiveSession(sessionId, now);
      }
      const cached = hit(sessionId, now);
      if (cached) return cached;
      const startedAt = generation;
      const row = await repo.findLiveSession(sessionId, now);
      if (row && generation === startedAt && changes.hearsAuthChanges()) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        entries.set(sessionId, { row, cachedAt: clock.now().getTime() });
      }
      return row;
    },

    /** "Last used" was written at `at` (it raises no notification: the kept copy is moved here). */
    touched(sessionId: string, at: Date): void {
      const entry = entries.get(sessionId);
      if (entry) entry.row = { ...entry.row, session: { ...entry.row.session, updatedAt: at } };
    },

    /** How many sessions are kept (tests). */
    size: () => entries.size,
  };
}

export type SessionCache = ReturnType<typeof createSessionCache>;
