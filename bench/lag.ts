/**
 * Event-loop lag for the benches, on both sides of the wire:
 * - the platform's, read from its own `/metrics` (prom-client samples it with perf_hooks' monitorEventLoopDelay and
 *   resets the histogram at every scrape, so one scrape before a phase and one after give that phase's figures);
 * - the load generator's, sampled here the same way: when the generator itself is starved of CPU, its latencies and
 *   errors say nothing about the server, and the bench prints it next to them.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** The token the benches start the platform with (`METRICS_TOKEN`), so they may read `/metrics`. */
export const BENCH_METRICS_TOKEN = 'bench-metrics-token-0123456789';

export interface LagFigures {
  p50: number;
  p99: number;
  max: number;
}

const format = (lag: LagFigures | null) =>
  lag ? `p50 ${lag.p50.toFixed(1)} ms, p99 ${lag.p99.toFixed(1)} ms, max ${lag.max.toFixed(0)} ms` : 'n/a';

/** The event-loop lag figures of one `/metrics` text (ms); NaN where a line is missing. */
export function parseLag(text: string): LagFigures {
  const value = (name: string) => {
    const match = new RegExp(`^cv_nodejs_eventloop_lag_${name}_seconds\\s+(\\S+)`, 'm').exec(text);
    return match ? Number(match[1]) * 1000 : NaN;
  };
  return { p50: value('p50'), p99: value('p99'), max: value('max') };
}

/**
 * One figure for a phase scraped window by window (every scrape resets the histogram): the median window's p50, the
 * worst window's p99 and the largest max.
 */
export function combineLagWindows(windows: LagFigures[]): LagFigures | null {
  if (!windows.length) return null;
  const p50s = windows.map((w) => w.p50).sort((a, b) => a - b);
  return {
    p50: p50s[Math.floor(p50s.length / 2)]!,
    p99: Math.max(...windows.map((w) => w.p99)),
    max: Math.max(...windows.map((w) => w.max)),
  };
}

/** Reads the platform's event-loop lag since the previous scrape (ms); null when /metrics is not reachable. */
export async function platformLag(url: string): Promise<LagFigures | null> {
  try {
    const res = await fetch(`${url}/metrics`, {
      headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` },
    });
    if (!res.ok) return null;
    return parseLag(await res.text());
  } catch {
    return null;
  }
}

/** Measures the platform's lag over `phase`: one scrape resets the histogram, the next one reads it. */
export async function withPlatformLag<T>(
  urls: string[],
  phase: () => Promise<T>,
): Promise<{ result: T; lag: Array<LagFigures | null> }> {
  await Promise.all(urls.map(platformLag));
  const result = await phase();
  return { result, lag: await Promise.all(urls.map(platformLag)) };
}

/** The generator's own event-loop lag, from now until `read()`. */
export function generatorLag(): { read(): LagFigures; stop(): void } {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  return {
    read: () => ({
      p50: histogram.percentile(50) / 1e6,
      p99: histogram.percentile(99) / 1e6,
      max: histogram.max / 1e6,
    }),
    stop: () => histogram.disable(),
  };
}

export const formatLag = format;
