import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { createHttpRequestMetrics } from './http-request-metrics.ts';

/**
 * Prometheus metrics of one process. A foundation: modules and integrations call the small typed recorders below
 * (never prom-client directly), and this file imports nothing from `modules/*`. Each container owns its own registry,
 * so tests (many apps per process) never share counters.
 *
 * The metric names are a contract with `deploy/grafana-dashboard.json` and `deploy/prometheus-alerts.yml` (a test
 * checks every name they use is exported): rename one only together with both files.
 */
export const METRIC_NAMES = {
  httpRequests: 'cv_http_requests_total',
  httpDuration: 'cv_http_request_duration_seconds',
  contaboCalls: 'cv_contabo_calls_total',
  contaboDuration: 'cv_contabo_call_duration_seconds',
  contaboTokenRequests: 'cv_contabo_token_requests_total',
  jobQueueDepth: 'cv_job_queue_depth',
  jobsProcessed: 'cv_jobs_processed_total',
  emails: 'cv_emails_total',
  payments: 'cv_payments_total',
  sseConnections: 'cv_sse_connections',
  dbPoolConnections: 'cv_db_pool_connections',
  /** From prom-client's default metrics (prefix `cv_`). */
  eventLoopLag: 'cv_nodejs_eventloop_lag_seconds',
} as const;

/** Sources read at scrape time (queue depth, pool usage, token requests): whatever the container can answer now. */
export interface MetricsSources {
  queueDepth?: () => Promise<{ queue: string; queued: number; active: number }[]>;
  dbPool?: () => { total: number; idle: number; waiting: number } | null;
  /** Token requests sent so far by the current Contabo client (monotonic while that client lives). */
  contaboTokenRequests?: () => number;
}

export type ContaboOutcome = 'ok' | 'client_error' | 'server_error' | 'rate_limited' | 'timeout' | 'network';

export function contaboOutcome(status: number | null, errorCode: string | null): ContaboOutcome {
  if (status === null) return errorCode === 'timeout' ? 'timeout' : 'network';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  if (status >= 400) return 'client_error';
  return 'ok';
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (options.defaultMetrics !== false) {
    // Event-loop lag, heap, CPU, GC: prom-client's standard process metrics, prefixed like ours.
    collectDefaultMetrics({ register: registry, prefix: 'cv_' });
  }
  let sources: MetricsSources = {};
  const registers = [registry];

  const http = createHttpRequestMetrics({
    registry,
    counter: { name: METRIC_NAMES.httpRequests, help: 'HTTP requests by method, route template and status' },
    histogram: {
      name: METRIC_NAMES.httpDuration,
      help: 'HTTP request duration by method, route template and status',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    },
  });
  const contaboCalls = new Counter({
    name: METRIC_NAMES.contaboCalls,
    help: 'Contabo API calls (one per attempt) by operation and outcome',
    labelNames: ['operation', 'outcome'] as const,
    registers,
  });
  const contaboDuration = new Histogram({
    name: METRIC_NAMES.contaboDuration,
    help: 'Contabo API call latency by operation and outcome',
    labelNames: ['operation', 'outcome'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30],
    registers,
  });
  let tokensSeen = 0;
  const contaboTokenRequests: Counter = new Counter({
    name: METRIC_NAMES.contaboTokenRequests,
    help: 'OAuth token requests sent to Contabo',
    registers,
    collect() {
      const current = sources.contaboTokenRequests?.() ?? 0;
      // A new client (credentials switched at runtime) counts again from 0.
      const delta = current < tokensSeen ? current : current - tokensSeen;
      if (delta > 0) contaboTokenRequests.inc(delta);
      tokensSeen = current;
    },
  });
  new Gauge({
    name: METRIC_NAMES.jobQueueDepth,
    help: 'Jobs waiting (queued) or running (active) per queue',
    labelNames: ['queue', 'state'] as const,
    registers,
    async collect() {
      if (!sources.queueDepth) return;
      this.reset();
      try {
        for (const q of await sources.queueDepth()) {
          this.set({ queue: q.queue, state: 'queued' }, q.queued);
          this.set({ queue: q.queue, state: 'active' }, q.active);
        }
      } catch {
        // The queue is not started (api role during boot): no depth rather than a failed scrape.
      }
    },
  });
  const jobsProcessed = new Counter({
    name: METRIC_NAMES.jobsProcessed,
    help: 'Jobs run by this process by job name and outcome (completed | failed)',
    labelNames: ['job', 'outcome'] as const,
    registers,
  });
  const emails = new Counter({
    name: METRIC_NAMES.emails,
    help: 'E-mails by outcome (sent | failed | kept in the outbox)',
    labelNames: ['outcome'] as const,
    registers,
  });
  const payments = new Counter({
    name: METRIC_NAMES.payments,
    help: 'Payment settlements by provider and outcome (paid | mismatch | failed | refunded …)',
    labelNames: ['provider', 'outcome'] as const,
    registers,
  });
  const sseConnections = new Gauge({
    name: METRIC_NAMES.sseConnections,
    help: 'Server-Sent Events connections open now',
    registers,
  });
  sseConnections.set(0);
  new Gauge({
    name: METRIC_NAMES.dbPoolConnections,
    help: 'Database pool connections by state (total | idle | waiting); absent on embedded PGlite',
    labelNames: ['state'] as const,
    registers,
    collect() {
      const pool = sources.dbPool?.();
      if (!pool) return;
      this.set({ state: 'total' }, pool.total);
      this.set({ state: 'idle' }, pool.idle);
      this.set({ state: 'waiting' }, pool.waiting);
    },
  });

  return {
    registry,
    setSources(next: MetricsSources) {
      sources = { ...sources, ...next };
    },
    httpRequest(labels: { method: string; route: string; status: number }, seconds: number) {
      http.record(labels.method, labels.route, labels.status, seconds);
    },
    contaboCall(operation: string, outcome: ContaboOutcome, seconds: number) {
      contaboCalls.inc({ operation, outcome });
      contaboDuration.observe({ operation, outcome }, seconds);
    },
    jobProcessed(job: string, outcome: 'completed' | 'failed') {
      jobsProcessed.inc({ job, outcome });
    },
    email(outcome: 'sent' | 'failed' | 'kept') {
      emails.inc({ outcome });
    },
    payment(provider: string, outcome: string) {
      payments.inc({ provider, outcome });
    },
    sseOpened() {
      sseConnections.inc();
    },
    sseClosed() {
      sseConnections.dec();
    },
    contentType: registry.contentType,
    render: () => registry.metrics(),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
