import { windowStart, type RateLimitStore } from './store.ts';

/**
 * Counters in this process's memory: no I/O on the request path. Exact for a single process (the embedded default
 * refuses a second process on its data directory). Counters of ended windows are dropped by a sweep every
 * `sweepEvery` new keys and by `prune`, so memory stays bounded by the keys of the current windows.
 */
export function createMemoryRateLimitStore(options: { sweepEvery?: number } = {}): RateLimitStore {
  const sweepEvery = options.sweepEvery ?? 10_000;
  const counters = new Map<string, { start: number; windowMs: number; count: number }>();
  let newKeys = 0;

  function sweep(nowMs: number): number {
    let dropped = 0;
    for (const [key, entry] of counters) {
      if (entry.start + entry.windowMs <= nowMs) {
        counters.delete(key);
        dropped++;
      }
    }
    return dropped;
  }

  return {
    kind: 'memory',
    async hit(key, windowMs, nowMs) {
      const start = windowStart(nowMs, windowMs);
      let entry = counters.get(key);
      if (!entry) {
        if (++newKeys >= sweepEvery) {
          newKeys = 0;
          sweep(nowMs);
        }
        entry = { start, windowMs, count: 0 };
        counters.set(key, entry);
      } else if (entry.start < start) {
        entry.start = start;
        entry.count = 0;
      }
      entry.count++;
      return { count: entry.count, resetAt: entry.start + windowMs };
    },
    async prune(beforeMs) {
      return sweep(beforeMs);
    },
  };
}
