import { hashedKey, windowStart, type RateLimitStore } from './store.ts';

export interface CounterDelta {
  key: string;
  /** Window start (epoch ms). */
  start: number;
  delta: number;
}

export interface CounterTotal {
  key: string;
  start: number;
  count: number;
}

/** Adds local deltas to the shared counters in one round trip and returns each key's total for its window. */
export type AddCounters = (deltas: CounterDelta[]) => Promise<CounterTotal[]>;

interface Bucket {
  key: string;
  start: number;
  windowMs: number;
  /** The shared total (every instance) as of the last flush, our flushed hits included. */
  base: number;
  /** Hits sent in the flush that is in flight. */
  inFlight: number;
  /** Hits since the last flush. */
  pending: number;
  /** Local hits from which this key is shared (1: from the first). */
  shareFrom: number;
  /** Whether it has been sent to the shared counters in this window. */
  shared: boolean;
}

/** One window of one length: its buckets are dropped together when the next window begins. */
interface Window {
  start: number;
  buckets: Map<string, Bucket>;
}

/**
 * A key is shared once its window holds a tenth of the rule's limit: a crowd of addresses that send a request or two
 * each (most of the Internet, most of the time) then costs no database write at all, while any client that comes
 * near its limit is counted across instances within a second. Over N instances a client gains at most N × (that
 * tenth − 1) unshared hits per window: 9 per instance on the default 100 per minute per IP.
 */
export const SHARE_FRACTION = 0.1;
const shareFromOf = (limit: number | undefined) =>
  limit === undefined ? 1 : Math.max(1, Math.ceil(limit * SHARE_FRACTION));

/**
 * Local buckets with periodic reconciliation: a hit only touches memory; every `intervalMs` one statement adds every
 * key's new hits to the shared counters and reads back the totals, so each instance sees the others' traffic with at
 * most one interval of delay. Across N instances a client can exceed a limit by at most what it sends to the other
 * N−1 instances within one interval: acceptable for the per-IP and per-user limits, never used for login-type limits.
 */
export function createBatchedRateLimitStore(options: {
  add: AddCounters;
  prune: (beforeMs: number) => Promise<number>;
  intervalMs?: number;
  onError?: (error: unknown) => void;
  now?: () => number;
}): RateLimitStore & { flush(): Promise<void> } {
  const windows = new Map<number, Window>();
  /** Buckets with hits to share at the next flush: a flush never walks the crowd that stays local. */
  let toShare = new Set<Bucket>();
  const now = options.now ?? Date.now;
  let flushing: Promise<void> | null = null;

  async function flushOnce(): Promise<void> {
    const nowMs = now();
    // An ended window's hits never matter to anyone again: its buckets are dropped with it, unsent.
    for (const [windowMs, window] of windows) if (window.start + windowMs <= nowMs) windows.delete(windowMs);
    const sent: Array<{ bucket: Bucket; delta: number }> = [];
    for (const bucket of toShare) {
      // Only the current window's hits are sent (one per key and statement; a replaced window is dropped unsent).
      if (!bucket.pending || windows.get(bucket.windowMs)?.start !== bucket.start) continue;
      bucket.shared = true;
      sent.push({ bucket, delta: bucket.pending });
      bucket.inFlight += bucket.pending;
      bucket.pending = 0;
    }
    toShare = new Set();
    if (!sent.length) return;
    try {
      for (let i = 0; i < sent.length; i += 500) {
        const chunk = sent.slice(i, i + 500).map((s) => ({ ...s, shared: hashedKey(s.bucket.key) }));
        const totals = await options.add(
          chunk.map(({ bucket, delta, shared }) => ({ key: shared, start: bucket.start, delta })),
        );
        const byKey = new Map(totals.map((t) => [t.key, t]));
        for (const { bucket, delta, shared } of chunk) {
          bucket.inFlight -= delta;
          const total = byKey.get(shared);
          if (total && total.start === bucket.start) bucket.base = total.count;
          else bucket.base += delta;
        }
      }
    } catch (error) {
      // Keep the hits: they are sent again with the next flush.
      for (const { bucket, delta } of sent) {
        if (bucket.inFlight >= delta) {
          bucket.inFlight -= delta;
          bucket.pending += delta;
          toShare.add(bucket);
        }
      }
      options.onError?.(error);
    }
  }

  function flush(): Promise<void> {
    flushing ??= flushOnce().finally(() => {
      flushing = null;
    });
    return flushing;
  }

  const timer = setInterval(() => void flush(), options.intervalMs ?? 1_000);
  timer.unref();

  return {
    kind: 'batched',
    // Keys in clear stay in the buckets; a flush sends their hashes.
    hashesWhatLeaves: true,
    flush,
    async hit(key, windowMs, nowMs, limit) {
      const start = windowStart(nowMs, windowMs);
      let window = windows.get(windowMs);
      if (!window || window.start < start) {
        // A new window: hits still in flight for the old one are reconciled against the old window and dropped.
        window = { start, buckets: new Map() };
        windows.set(windowMs, window);
      }
      let bucket = window.buckets.get(key);
      if (!bucket) {
        bucket = {
          key,
          start: window.start,
          windowMs,
          base: 0,
          inFlight: 0,
          pending: 0,
          shareFrom: shareFromOf(limit),
          shared: false,
        };
        window.buckets.set(key, bucket);
      }
      bucket.pending++;
      if (bucket.shared || bucket.base + bucket.pending >= bucket.shareFrom) toShare.add(bucket);
      return { count: bucket.base + bucket.inFlight + bucket.pending, resetAt: bucket.start + windowMs };
    },
    prune: (beforeMs) => options.prune(beforeMs),
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
