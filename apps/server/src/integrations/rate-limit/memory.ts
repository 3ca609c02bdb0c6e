import { windowStart, type RateLimitStore } from './store.ts';

/** One window of one length: its counters are dropped together when the next window begins. */
interface Window {
  start: number;
  counters: Map<string, number>;
}

/**
 * Counters in this process's memory: no I/O on the request path. Exact for a single process (the embedded default
 * refuses a second process on its data directory). Counters live in one map per window length, replaced whole when
 * the next window begins: memory stays bounded by the keys of the current windows, and no sweep ever walks the keys
 * (a crowd of 200,000 addresses made a sweep every 10,000 new keys stall the event loop for ~10 ms).
 */
export function createMemoryRateLimitStore(): RateLimitStore {
  const windows = new Map<number, Window>();

  return {
    kind: 'memory',
    hashesWhatLeaves: true, // nothing leaves
    async hit(key, windowMs, nowMs) {
      const start = windowStart(nowMs, windowMs);
      let window = windows.get(windowMs);
      if (!window || window.start < start) {
        window = { start, counters: new Map() };
        windows.set(windowMs, window);
      }
      // A hit stamped before the current window (a clock step back) counts in the current one.
      const count = (window.counters.get(key) ?? 0) + 1;
      window.counters.set(key, count);
      return { count, resetAt: window.start + windowMs };
    },
    async prune(beforeMs) {
      let dropped = 0;
      for (const [windowMs, window] of windows) {
        if (window.start + windowMs > beforeMs) continue;
        dropped += window.counters.size;
        windows.delete(windowMs);
      }
      return dropped;
    },
  };
}
