import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createTestApp, type TestApp } from '../app.ts';
import { TEST_ENGINE } from '../db.ts';
import { createTransaction, createUser } from '../factories.ts';

const TOKEN = 'metrics-token-0123456789abcdef';
const root = join(import.meta.dirname, '../../../..');

let plain: TestApp;
let guarded: TestApp;

beforeAll(async () => {
  plain = await createTestApp({ seed: false });
  guarded = await createTestApp({ seed: false, env: { METRICS_TOKEN: TOKEN } });
});
afterAll(async () => {
  await plain.close();
  await guarded.close();
});

const scrape = async (t: TestApp) => {
  const res = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.statusCode).toBe(200);
  return res.body;
};

/** Every sample name the exposition can contain: declared metrics plus a histogram's _bucket/_sum/_count. */
function exportedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name!);
    if (type === 'histogram' || type === 'summary') {
      for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
    }
  }
  return names;
}

/** The value of one sample line, e.g. `cv_emails_total{outcome="sent"}`. */
function sample(text: string, selector: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${selector} `));
  return line ? Number(line.slice(selector.length + 1)) : undefined;
}

describe(`/metrics (${TEST_ENGINE})`, () => {
  it('is a JSON 404 without METRICS_TOKEN or METRICS_PORT, whatever the credentials', async () => {
    for (const headers of [{}, { authorization: `Bearer ${TOKEN}` }]) {
      const res = await plain.app.inject({ url: '/metrics', headers });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: 'not_found' } });
    }
  });

  it('with METRICS_TOKEN, refuses a missing or wrong bearer token', async () => {
    for (const authorization of [undefined, 'Bearer wrong', `Bearer ${TOKEN}x`, TOKEN]) {
      const res = await guarded.app.inject({
        url: '/metrics',
        headers: authorization ? { authorization } : {},
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('unauthorized');
      expect(res.body).not.toContain('cv_');
    }
  });

  it('exposes every listed series, fed by real traffic', async () => {
    const t = guarded;
    await t.app.inject({ url: '/api/site' });
    await t.app.inject({ url: '/api/vps/00000000-0000-4000-8000-000000000000' });
    await t.container.contabo.client.instances.list({ size: 1 });
    const user = await createUser(t.database.db);
    await t.container.mail.queue({
      to: user.email,
      userId: user.id,
      template: 'password-changed',
      data: { name: 'Ana', when: '2026-01-01 10:00', link: 'http://localhost:3000/forgot-password' },
    });
    await t.container.jobs.drain();
    const tx = await createTransaction(t.database.db, { userId: user.id, status: 'pending' });
    await t.container.payments.decideSandbox(user.id, tx.id, 'decline');

    const text = await scrape(t);
    expect(text).toMatch(/^cv_http_requests_total\{method="GET",route="\/api\/site",status="200"\} 1$/m);
    expect(text).toMatch(/^cv_http_requests_total\{method="GET",route="\/api\/vps\/:id",status="401"\} 1$/m);
    expect(text).toMatch(
      /^cv_http_request_duration_seconds_bucket\{le="\+Inf",method="GET",route="\/api\/site"/m,
    );
    expect(sample(text, 'cv_contabo_calls_total{operation="GET /v1/compute/instances",outcome="ok"}')).toBe(
      1,
    );
    expect(text).toMatch(
      /^cv_contabo_call_duration_seconds_count\{operation="GET \/v1\/compute\/instances"/m,
    );
    expect(sample(text, 'cv_contabo_token_requests_total')).toBe(1);
    expect(sample(text, 'cv_emails_total{outcome="sent"}')).toBe(1);
    expect(sample(text, 'cv_jobs_processed_total{job="email.send",outcome="completed"}')).toBe(1);
    expect(sample(text, 'cv_payments_total{provider="sandbox",outcome="failed"}')).toBe(1);
    expect(sample(text, 'cv_sse_connections')).toBe(0);
    expect(text).toMatch(/^cv_job_queue_depth\{queue="email.send",state="queued"\} \d+$/m);
    expect(text).toMatch(/^cv_nodejs_eventloop_lag_seconds \d/m);
    if (TEST_ENGINE === 'postgres') {
      expect(text).toMatch(/^cv_db_pool_connections\{state="total"\} \d+$/m);
    }
    // The scrape itself is not counted, and raw ids never become labels.
    expect(text).not.toMatch(/route="\/metrics"/);
    expect(text).not.toContain('00000000-0000-4000-8000-000000000000');
  });

  it('the Grafana dashboard and the Prometheus alerts name only exported metrics', async () => {
    const exported = exportedNames(await scrape(guarded));
    const dashboard = JSON.parse(readFileSync(join(root, 'deploy/grafana-dashboard.json'), 'utf8')) as {
      panels: { targets: { expr: string }[] }[];
    };
    const alerts = parse(readFileSync(join(root, 'deploy/prometheus-alerts.yml'), 'utf8')) as {
      groups: { rules: { alert: string; expr: string }[] }[];
    };
    const expressions = [
      ...dashboard.panels.flatMap((p) => p.targets.map((target) => target.expr)),
      ...alerts.groups.flatMap((g) => g.rules.map((r) => r.expr)),
    ];
    const named = new Set(expressions.flatMap((e) => e.match(/\bcv_[a-z0-9_]+/g) ?? []));
    expect(named.size).toBeGreaterThanOrEqual(10);
    for (const name of named) expect(exported, name).toContain(name);
    const alertNames = alerts.groups.flatMap((g) => g.rules.map((r) => r.alert));
    expect(alertNames).toEqual(
      expect.arrayContaining([
        'ContaboErrorRateHigh',
        'JobQueueBacklog',
        'HttpP99LatencyHigh',
        'PaymentMismatch',
      ]),
    );
  });
});
