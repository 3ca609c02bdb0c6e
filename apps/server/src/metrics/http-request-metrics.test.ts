import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createHttpRequestMetrics } from './http-request-metrics.ts';

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const counter = { name: 'cv_http_requests_total', help: 'HTTP requests' };
const histogram = {
  name: 'cv_http_request_duration_seconds',
  help: 'HTTP request duration',
  buckets: BUCKETS,
};

/** Requests as [method, route, status, seconds]: bounds exactly, above the last bucket, a label needing escapes. */
const REQUESTS: Array<[string, string, number, number]> = [
  ['GET', '/api/products', 200, 0.003],
  ['GET', '/api/products', 200, 0.005],
  ['GET', '/api/products', 200, 0.0051],
  ['GET', '/api/products', 429, 0.001],
  ['POST', '/api/vps/:id/stop', 202, 0.3],
  ['GET', '/api/vps/:id', 404, 12],
  ['GET', 'unmatched', 404, 0],
  ['GET', '/api/"odd"\\route', 200, 1],
];

/** prom-client's own Counter and Histogram, fed the same way the platform fed them before. */
async function reference(): Promise<string> {
  const registry = new Registry();
  const labelNames = ['method', 'route', 'status'] as const;
  const c = new Counter({ ...counter, labelNames, registers: [registry] });
  const h = new Histogram({ ...histogram, labelNames, registers: [registry] });
  for (const [method, route, status, seconds] of REQUESTS) {
    c.inc({ method, route, status: String(status) });
    h.observe({ method, route, status: String(status) }, seconds);
  }
  return registry.metrics();
}

describe('HTTP request metrics', () => {
  it('scrape exactly as prom-client Counter and Histogram render the same requests', async () => {
    const registry = new Registry();
    const metrics = createHttpRequestMetrics({ registry, counter, histogram });
    for (const [method, route, status, seconds] of REQUESTS) metrics.record(method, route, status, seconds);
    const text = await registry.metrics();
    expect(text).toBe(await reference());
    expect(text).toContain(
      'cv_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/api/products",status="200"} 2',
    );
    expect(text).toContain('cv_http_requests_total{method="GET",route="/api/products",status="200"} 3');
  });

  it('JSON output and reset behave like prom-client metrics', async () => {
    const registry = new Registry();
    const metrics = createHttpRequestMetrics({ registry, counter, histogram });
    metrics.record('GET', '/api/site', 200, 0.02);
    const json = await registry.getMetricsAsJSON();
    expect(json.map((m) => [m.name, m.type])).toEqual([
      [counter.name, 'counter'],
      [histogram.name, 'histogram'],
    ]);
    registry.resetMetrics();
    expect(await registry.metrics()).not.toContain('route="/api/site"');
    metrics.record('GET', '/api/site', 200, 0.02);
    expect(await registry.metrics()).toContain(
      'cv_http_requests_total{method="GET",route="/api/site",status="200"} 1',
    );
  });
});
