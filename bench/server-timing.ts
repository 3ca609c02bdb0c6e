/**
 * What the platform itself saw, read from its `/metrics`, so a bench can tell time spent inside the server (handler,
 * queries, pool waits) from time spent outside it (accept queue, kernel, the generator's own event loop):
 * - request durations per route from the `cv_http_request_duration_seconds` histogram (two snapshots, one diff);
 * - database pool waiters (`cv_db_pool_connections{state="waiting"}`) and the event-loop lag, sampled: each scrape
 *   resets the lag histogram, so a sampled phase reports its lag window by window.
 */
import { BENCH_METRICS_TOKEN, parseLag, type LagFigures } from './lag.ts';

/** Cumulative bucket counts per "METHOD route", keyed by upper bound in seconds (Infinity for +Inf). */
export type DurationSnapshot = Map<string, Map<number, number>>;

async function scrape(url: string): Promise<string | null> {
  try {
    const res = await fetch(`${url}/metrics`, {
      headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` },
    });
    return res.ok ? await res.text() : null;
  } catch {
    return null;
  }
}

const BUCKET_LINE = /^cv_http_request_duration_seconds_bucket\{([^}]*)\}\s+(\S+)/gm;
const label = (labels: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(labels)?.[1] ?? '';

export async function durationSnapshot(url: string): Promise<DurationSnapshot> {
  const snapshot: DurationSnapshot = new Map();
  const text = await scrape(url);
  if (!text) return snapshot;
  for (const [, labels, value] of text.matchAll(BUCKET_LINE)) {
    const key = `${label(labels!, 'method')} ${label(labels!, 'route')}`;
    const le = label(labels!, 'le');
    const bound = le === '+Inf' ? Infinity : Number(le);
    const buckets = snapshot.get(key) ?? new Map<number, number>();
    // Statuses are summed: the bench wants the route's time, whatever it answered.
    buckets.set(bound, (buckets.get(bound) ?? 0) + Number(value));
    snapshot.set(key, buckets);
  }
  return snapshot;
}

/** Sums several processes' snapshots (two platform processes behind nginx). */
export function mergeSnapshots(snapshots: DurationSnapshot[]): DurationSnapshot {
  const merged: DurationSnapshot = new Map();
  for (const snapshot of snapshots)
    for (const [key, buckets] of snapshot) {
      const target = merged.get(key) ?? new Map<number, number>();
      for (const [bound, count] of buckets) target.set(bound, (target.get(bound) ?? 0) + count);
      merged.set(key, target);
    }
  return merged;
}

/**
 * Per route between two snapshots: requests, and the p50/p99 as the upper bound of the histogram bucket that holds
 * them (the histogram's resolution: 5, 10, 25, 50, 100, 250, 500 ms, 1 s…).
 */
export function durationsBetween(
  before: DurationSnapshot,
  after: DurationSnapshot,
): Array<{ route: string; requests: number; p50: number; p99: number }> {
  const rows = [];
  for (const [route, buckets] of after) {
    const bounds = [...buckets.keys()].sort((a, b) => a - b);
    const counts = bounds.map((b) => buckets.get(b)! - (before.get(route)?.get(b) ?? 0));
    const total = counts.at(-1) ?? 0;
    if (total <= 0) continue;
    const bucketOf = (p: number) => bounds[counts.findIndex((c) => c >= total * p)]! * 1000;
    rows.push({ route, requests: total, p50: bucketOf(0.5), p99: bucketOf(0.99) });
  }
  return rows.sort((a, b) => b.requests - a.requests);
}

/** One scrape: connections waiting for the database pool, and the event-loop lag since the previous scrape. */
export async function metricsSample(
  url: string,
): Promise<{ waiting: number | null; lag: LagFigures | null }> {
  const text = await scrape(url);
  if (!text) return { waiting: null, lag: null };
  const match = /^cv_db_pool_connections\{state="waiting"\}\s+(\S+)/m.exec(text);
  return { waiting: match ? Number(match[1]) : null, lag: parseLag(text) };
}

/** Garbage collection per kind (minor, major, incremental, weakcb): seconds, count, and pauses over 100 ms. */
export type GcSnapshot = Map<string, { seconds: number; count: number; over100ms: number }>;

const GC_LINE = /^cv_nodejs_gc_duration_seconds_(sum|count|bucket)\{([^}]*)\}\s+(\S+)/gm;

/** The GC histogram of prom-client's default metrics, summed over processes. */
export async function gcSnapshot(urls: string[]): Promise<GcSnapshot> {
  const snapshot: GcSnapshot = new Map();
  for (const text of await Promise.all(urls.map(scrape))) {
    for (const [, part, labels, value] of (text ?? '').matchAll(GC_LINE)) {
      const kind = label(labels!, 'kind');
      const entry = snapshot.get(kind) ?? { seconds: 0, count: 0, over100ms: 0 };
      if (part === 'sum') entry.seconds += Number(value);
      if (part === 'count') entry.count += Number(value);
      // Cumulative buckets: pauses over 100 ms are the count less the 0.1-s bucket.
      if (part === 'bucket' && label(labels!, 'le') === '0.1') entry.over100ms -= Number(value);
      if (part === 'count') entry.over100ms += Number(value);
      snapshot.set(kind, entry);
    }
  }
  return snapshot;
}

/** "minor 1.2 s (3,400), major 0.8 s (12, 3 over 100 ms), …" between two snapshots. */
export function formatGcBetween(before: GcSnapshot, after: GcSnapshot): string {
  return [...after]
    .map(([kind, end]) => {
      const start = before.get(kind) ?? { seconds: 0, count: 0, over100ms: 0 };
      const count = end.count - start.count;
      const over = end.over100ms - start.over100ms;
      return `${kind} ${(end.seconds - start.seconds).toFixed(2)} s (${count}${over ? `, ${over} over 100 ms` : ''})`;
    })
    .join(', ');
}
