import type { Metric, Registry } from 'prom-client';

/**
 * The request counter and latency histogram, kept in plain maps and rendered in prom-client's format at scrape time.
 * prom-client's own Counter and Histogram validate and hash their label object on every observation: about 3 µs per
 * request, a few percent of the public catalog's whole cost. Here a request is one map lookup on a key built from
 * its three labels and one bucket search; the text a scrape returns is the same as theirs (same names, labels, `le`
 * first on buckets, cumulative bucket counts, `_sum` and `_count`).
 */
interface Series {
  labels: { method: string; route: string; status: string };
  count: number;
  sum: number;
  /** Observations per bucket (not cumulative); the last one is `+Inf`. */
  perBucket: number[];
}

interface Sample {
  labels: Record<string, string | number>;
  value: number;
  metricName?: string;
}

export function createHttpRequestMetrics(options: {
  registry: Registry;
  counter: { name: string; help: string };
  histogram: { name: string; help: string; buckets: readonly number[] };
}) {
  const bounds = [...options.histogram.buckets].sort((a, b) => a - b);
  let series = new Map<string, Series>();

  // The registry reads only these members (`get`, `reset`, names, type and the cluster aggregator).
  const metric = (name: string, help: string, type: string, values: () => Sample[]) =>
    ({
      name,
      help,
      type,
      aggregator: 'sum',
      get: async () => ({ name, help, type, aggregator: 'sum', values: values() }),
      // Counter and histogram are two views of one map: resetting either resets both (the registry resets all).
      reset: () => {
        series = new Map();
      },
    }) as unknown as Metric;

  options.registry.registerMetric(
    metric(options.counter.name, options.counter.help, 'counter', () =>
      [...series.values()].map((s) => ({ labels: s.labels, value: s.count })),
    ),
  );
  const { name: histogram } = options.histogram;
  options.registry.registerMetric(
    metric(histogram, options.histogram.help, 'histogram', () => {
      const samples: Sample[] = [];
      for (const s of series.values()) {
        let cumulative = 0;
        bounds.forEach((le, i) => {
          cumulative += s.perBucket[i]!;
          samples.push({ labels: { le, ...s.labels }, value: cumulative, metricName: `${histogram}_bucket` });
        });
        samples.push({
          labels: { le: '+Inf', ...s.labels },
          value: s.count,
          metricName: `${histogram}_bucket`,
        });
        samples.push({ labels: s.labels, value: s.sum, metricName: `${histogram}_sum` });
        samples.push({ labels: s.labels, value: s.count, metricName: `${histogram}_count` });
      }
      return samples;
    }),
  );

  return {
    record(method: string, route: string, status: number, seconds: number): void {
      const key = `${method} ${status} ${route}`;
      let s = series.get(key);
      if (!s) {
        s = { labels: { method, route, status: String(status) }, count: 0, sum: 0, perBucket: [] };
        for (let i = 0; i <= bounds.length; i++) s.perBucket.push(0);
        series.set(key, s);
      }
      s.count++;
      s.sum += seconds;
      let i = 0;
      while (i < bounds.length && seconds > bounds[i]!) i++;
      s.perBucket[i]!++;
    },
  };
}
