/**
 * A small read-through cache for public, rarely changing data (the catalog). Entries live `ttlMs`; `clear()` drops
 * everything at once after an admin change in this process, and other instances catch up within the TTL. Concurrent
 * misses for the same key share one load.
 */
export function createTtlCache<T>(ttlMs: number, maxEntries = 500, now: () => number = Date.now) {
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  return {
    get(key: string, load: () => Promise<T>): Promise<T> {
      const hit = entries.get(key);
      if (hit && now() - hit.at < ttlMs) return hit.value;
      if (entries.size >= maxEntries) entries.clear();
      const value = load();
      entries.set(key, { at: now(), value });
      value.catch(() => entries.delete(key));
      return value;
    },
    clear(): void {
      entries.clear();
    },
  };
}
