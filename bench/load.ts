/**
 * `npm run bench:load`: logged-in customers on PostgreSQL, each with their own VPS on the Contabo simulator (over
 * HTTP), each holding the panel's SSE stream open, in a mix of catalog, dashboard (/api/auth/me), VPS list and
 * detail and invoices with think time, plus one power action per customer every few minutes; then the 200-stop
 * burst. Prints req/s, p50/p99 per route, errors, platform RSS, /healthz p99 (event-loop lag seen from outside),
 * PostgreSQL connections, and whether the burst reached Contabo without a 429 and within the configured rate.
 *
 * BENCH_CUSTOMERS (1000), BENCH_DURATION seconds (60), BENCH_PROCESSES (1, or 2 behind Debian's nginx running
 * deploy/nginx.conf, sharing PostgreSQL and Redis), BENCH_THINK_MS (2000), BENCH_ACTION_EVERY_S (180),
 * CONTABO_RATE_LIMIT_PER_SECOND (5), BENCH_BURST (200).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startContaboSimulator } from '@cloud-vertice/contabo/simulator';
import { createBenchDatabase, createCustomers, freePort, percentile, ROOT, waitFor } from './lib.ts';
import { startNginx } from './nginx.ts';

const customers = Number(process.env.BENCH_CUSTOMERS ?? 1000);
const seconds = Number(process.env.BENCH_DURATION ?? 60);
const processes = Number(process.env.BENCH_PROCESSES ?? 1);
const thinkMs = Number(process.env.BENCH_THINK_MS ?? 2000);
const actionEvery = Number(process.env.BENCH_ACTION_EVERY_S ?? 180);
const rate = Number(process.env.CONTABO_RATE_LIMIT_PER_SECOND ?? 5);
const burst = Math.min(customers, Number(process.env.BENCH_BURST ?? 200));

const sim = await startContaboSimulator({
  seed: false,
  timing: { actionMs: 1_000, provisionMs: 1_000 },
  // Contabo-like: 429 above the configured rate for mutating calls (burst 2: one slot of network jitter).
  rateLimit: { requestsPerSecond: rate, burst: 2, scope: 'mutations' },
});
const instanceIds = sim.control.seedInstances(customers);
const database = await createBenchDatabase('cv_load');
const children: ChildProcess[] = [];

async function startProcess(role: string, redis: boolean, publicUrl?: string) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...(process.env as Record<string, string>),
      PORT: String(port),
      HOST: '127.0.0.1',
      APP_URL: publicUrl ?? `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ROLE: role,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'cv-load-')),
      DATABASE_URL: database.url,
      ENCRYPTION_KEY: 'ab'.repeat(32),
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0000',
      // One trusted hop: nginx in the two-process run; the bench itself (a crowd of addresses) otherwise.
      TRUST_PROXY: 'true',
      // Limits on, generous enough for one address (the bench) sending for everyone.
      RATE_LIMIT_IP_PER_MINUTE: '10000000',
      RATE_LIMIT_USER_PER_HOUR: '100000',
      ...(redis ? { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' } : {}),
      CONTABO_AUTH_URL: sim.authUrl,
      CONTABO_API_URL: sim.apiUrl,
      CONTABO_CLIENT_ID: sim.credentials.clientId,
      CONTABO_CLIENT_SECRET: sim.credentials.clientSecret,
      CONTABO_API_USER: sim.credentials.username,
      CONTABO_API_PASSWORD: sim.credentials.password,
      CONTABO_RATE_LIMIT_PER_SECOND: String(rate),
    },
  });
  children.push(child);
  await waitFor(`http://127.0.0.1:${port}/readyz`, 120_000);
  return { port, pid: child.pid! };
}

let nginx: ChildProcess | null = null;
try {
  const nginxPort = await freePort();
  const publicUrl = processes > 1 ? `http://127.0.0.1:${nginxPort}` : undefined;
  const first = await startProcess('all', processes > 1, publicUrl);
  const platform = [first];
  for (let i = 1; i < processes; i++) platform.push(await startProcess('api', true, publicUrl));
  let url = `http://127.0.0.1:${first.port}`;
  if (processes > 1) {
    const port = nginxPort;
    nginx = startNginx({
      upstreams: platform.map((p) => `127.0.0.1:${p.port}`),
      port,
      prefix: mkdtempSync(join(tmpdir(), 'cv-load-nginx-')),
    });
    url = `http://127.0.0.1:${port}`;
    await waitFor(`${url}/readyz`);
  }

  console.log(`creating ${customers} customers with one VPS each…`);
  // Sign-ups straight to the first process, each from its own address (registration is limited per address).
  const users = await createCustomers(`http://127.0.0.1:${first.port}`, database.url, customers, 8, (i) => ({
    origin: url,
    'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
  }));
  const db = new pg.Pool({ connectionString: database.url, max: 2 });
  const vpsIds: string[] = [];
  for (const [i, user] of users.entries()) {
    const { rows } = await db.query(
      `insert into vps_instances (user_id, contabo_instance_id, status, ip_address, region, period_months, assigned_at, expires_at)
       select id, $2, 'running', '203.0.113.1', 'EU', 1, now(), now() + interval '30 days' from users where lower(email) = lower($1)
       returning id`,
      [user.email, instanceIds[i]],
    );
    vpsIds.push(rows[0].id as string);
  }
  const headers = (i: number) => ({ origin: url, authorization: `Bearer ${users[i]!.token}` });

  // Every customer holds the panel's live stream open for the whole run.
  const sse = { open: 0, events: 0, failed: 0 };
  const streams = new AbortController();
  for (let i = 0; i < customers; i++) {
    void fetch(`${url}/api/vps/${vpsIds[i]}/events`, { headers: headers(i), signal: streams.signal })
      .then(async (res) => {
        if (!res.ok || !res.body) throw new Error(String(res.status));
        sse.open++;
        const decoder = new TextDecoder();
        for await (const chunk of res.body)
          sse.events += decoder.decode(chunk).split('event: vps').length - 1;
      })
      .catch((error: unknown) => {
        if (!streams.signal.aborted) sse.failed++;
        void error;
      });
  }

  let refused = 0;
  const byRoute = new Map<string, { latencies: number[]; errors: number }>();
  const record = (route: string, ms: number, ok: boolean) => {
    const entry = byRoute.get(route) ?? { latencies: [], errors: 0 };
    if (ok) entry.latencies.push(ms);
    else entry.errors++;
    byRoute.set(route, entry);
  };
  async function timed(route: string, path: string, i: number, init: RequestInit = {}, expect = 200) {
    const t0 = performance.now();
    try {
      const res = await fetch(`${url}${path}`, { ...init, headers: headers(i) });
      await res.arrayBuffer();
      // 409: the server is mid-action (a real panel disables the button); refused by the rules, not an error.
      if (res.status === 409) refused++;
      else record(route, performance.now() - t0, res.status === expect);
      return res.status;
    } catch {
      record(route, performance.now() - t0, false);
      return 0;
    }
  }

  const reads: Array<[string, (i: number) => string]> = [
    ['GET /api/products', () => '/api/products'],
    ['GET /api/auth/me', () => '/api/auth/me'],
    ['GET /api/vps', () => '/api/vps'],
    ['GET /api/vps/:id', (i) => `/api/vps/${vpsIds[i]}`],
    ['GET /api/invoices', () => '/api/invoices'],
  ];
  const rss: number[] = [];
  const healthz: number[] = [];
  const pgConnections: number[] = [];
  const start = performance.now();
  const deadline = start + seconds * 1000;
  const sampler = setInterval(() => {
    for (const p of platform) {
      try {
        rss.push(
          Number(
            execFileSync('ps', ['-o', 'rss=', '-p', String(p.pid)])
              .toString()
              .trim(),
          ) / 1024,
        );
      } catch {
        // process gone
      }
    }
    const t0 = performance.now();
    void fetch(`http://127.0.0.1:${first.port}/healthz`).then(() => healthz.push(performance.now() - t0));
    void db
      .query('select count(*)::int as n from pg_stat_activity where datname = current_database()')
      .then((r) => pgConnections.push(r.rows[0].n as number));
  }, 1000);
  console.log(`running the mix for ${seconds} s…`);
  await Promise.all(
    users.map(async (_, i) => {
      let nextAction = performance.now() + Math.random() * actionEvery * 1000;
      let stopped = false;
      await new Promise((r) => setTimeout(r, Math.random() * thinkMs));
      while (performance.now() < deadline) {
        if (performance.now() >= nextAction) {
          const status = await timed(
            'POST power (queued)',
            `/api/vps/${vpsIds[i]}/${stopped ? 'start' : 'stop'}`,
            i,
            {
              method: 'POST',
            },
            202,
          );
          if (status === 202) stopped = !stopped;
          nextAction += actionEvery * 1000;
        } else {
          const [route, path] = reads[Math.floor(Math.random() * reads.length)]!;
          await timed(route, path(i), i);
        }
        await new Promise((r) => setTimeout(r, thinkMs * (0.5 + Math.random())));
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  clearInterval(sampler);

  // The burst: `burst` customers whose server is running press "stop" at the same moment.
  await new Promise((r) => setTimeout(r, 8_000)); // let in-flight actions settle
  const { rows: running } = await db.query(
    `select v.id from vps_instances v where v.status = 'running'
     and not exists (select 1 from vps_actions a where a.vps_instance_id = v.id and a.status in ('queued','requested','accepted'))
     limit $1`,
    [burst],
  );
  const burstIds = new Set(running.map((r) => r.id as string));
  sim.control.resetCounters();
  const burstStart = sim.control.now();
  await Promise.all(
    vpsIds.map(async (id, i) => {
      if (burstIds.has(id))
        await timed('POST stop (burst, queued)', `/api/vps/${id}/stop`, i, { method: 'POST' }, 202);
    }),
  );
  const burstDeadline = Date.now() + (burstIds.size / rate + 60) * 1000;
  const stopsSent = () =>
    sim.control
      .requests()
      .filter((r) => r.at >= burstStart && r.method === 'POST' && r.path.endsWith('/stop'));
  while (stopsSent().filter((r) => r.status < 300).length < burstIds.size && Date.now() < burstDeadline) {
    await new Promise((r) => setTimeout(r, 500));
  }
  const stops = stopsSent().sort((a, b) => a.at - b.at);
  let maxPerSecond = 0;
  for (let a = 0, b = 0; a < stops.length; a++) {
    while (stops[a]!.at - stops[b]!.at >= 1000) b++;
    maxPerSecond = Math.max(maxPerSecond, a - b + 1);
  }
  const perInstance = new Map<string, number>();
  for (const s of stops) perInstance.set(s.path, (perInstance.get(s.path) ?? 0) + 1);
  streams.abort();
  await db.end();

  let total = 0;
  console.log(
    `\nbench:load — ${customers} customers, ${processes} process(es)${processes > 1 ? ' behind nginx, Redis' : ''}, PostgreSQL, ${seconds} s, ${new Date().toISOString()}`,
  );
  console.log(['route', 'requests', 'p50 ms', 'p99 ms', 'errors'].join('\t'));
  for (const [route, r] of [...byRoute].sort()) {
    total += r.latencies.length;
    console.log(
      [
        route,
        r.latencies.length,
        percentile(r.latencies, 50).toFixed(1),
        percentile(r.latencies, 99).toFixed(1),
        r.errors,
      ].join('\t'),
    );
  }
  const errors = [...byRoute.values()].reduce((n, r) => n + r.errors, 0);
  console.log(
    `throughput: ${(total / elapsed).toFixed(0)} req/s over ${elapsed.toFixed(1)} s, errors ${errors}, ` +
      `power actions refused with 409 (server mid-action) ${refused}`,
  );
  console.log(`SSE: ${sse.open} streams opened, ${sse.failed} failed, ${sse.events} events received`);
  console.log(
    `platform RSS: max ${Math.max(0, ...rss).toFixed(0)} MB per process; /healthz p99 (event-loop lag seen from outside) ` +
      `${percentile(healthz, 99).toFixed(1)} ms; PostgreSQL connections: max ${Math.max(0, ...pgConnections)}`,
  );
  console.log(
    `burst: ${burstIds.size} stops queued; ${stops.filter((s) => s.status < 300).length} reached Contabo, ` +
      `${stops.filter((s) => s.status === 429).length} × 429, max ${maxPerSecond} in any second (rate ${rate}/s), ` +
      `${[...perInstance.values()].filter((n) => n > 1).length} instances stopped more than once`,
  );
} finally {
  nginx?.kill('SIGTERM');
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  await sim.close();
  await database.drop();
}
