/** Shared helpers for the benchmark scripts: child servers on free ports and autocannon runs that print numbers. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import type { startContaboSimulator } from '@cloud-vertice/contabo/simulator';

export const ROOT = new URL('..', import.meta.url).pathname;
export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not become ready in ${timeoutMs} ms`);
}

/** The secrets a platform on PostgreSQL is given (the embedded default generates its own in DATA_DIR). */
export const BENCH_SECRETS = {
  ENCRYPTION_KEY: 'ab'.repeat(32),
  JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0000',
};

/** The environment that points a platform process at the Contabo simulator, with the client's rate limit. */
export function contaboSimulatorEnv(
  sim: Pick<Awaited<ReturnType<typeof startContaboSimulator>>, 'authUrl' | 'apiUrl' | 'credentials'>,
  ratePerSecond: number,
): Record<string, string> {
  return {
    CONTABO_AUTH_URL: sim.authUrl,
    CONTABO_API_URL: sim.apiUrl,
    CONTABO_CLIENT_ID: sim.credentials.clientId,
    CONTABO_CLIENT_SECRET: sim.credentials.clientSecret,
    CONTABO_API_USER: sim.credentials.username,
    CONTABO_API_PASSWORD: sim.credentials.password,
    CONTABO_RATE_LIMIT_PER_SECOND: String(ratePerSecond),
  };
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** A fresh, empty database on the local PostgreSQL server, and how to drop it. */
export async function createBenchDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Starts the real platform (`apps/server/src/main.ts`) on PGlite in a temp dir, or on a fresh PostgreSQL database. */
export async function startPlatform(engine: 'pglite' | 'postgres', extraEnv: Record<string, string> = {}) {
  const port = await freePort();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(port),
    HOST: '127.0.0.1',
    APP_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'cv-bench-')),
    ...extraEnv,
  };
  let dropDb: (() => Promise<void>) | undefined;
  if (engine === 'postgres') {
    const created = await createBenchDatabase('cv_bench');
    Object.assign(env, { DATABASE_URL: created.url }, BENCH_SECRETS);
    dropDb = created.drop;
  }
  // BENCH_NODE_ARGS: extra node flags for the platform, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${url}/readyz`, 180_000);
  } catch (error) {
    await stopChild(child);
    await dropDb?.();
    throw error;
  }
  return {
    url,
    pid: child.pid!,
    databaseUrl: env.DATABASE_URL,
    stop: async () => {
      await stopChild(child);
      await dropDb?.();
    },
  };
}

/** A bare Fastify process answering a constant JSON document: the machine's ceiling for comparison. */
export async function startBareFastify(): Promise<RunningServer> {
  const port = await freePort();
  const code = `
    import Fastify from 'fastify';
    const app = Fastify();
    const body = { items: [{ id: 1, name: 'constant' }], total: 1 };
    app.get('/constant', async () => body);
    await app.listen({ port: ${port}, host: '127.0.0.1' });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, stdio: 'inherit' });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/constant`);
  return { url, stop: () => stopChild(child) };
}

export interface LoadResult {
  label: string;
  requestsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export async function load(
  label: string,
  url: string,
  options: {
    connections?: number;
    duration?: number;
    method?: string;
    body?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: options.connections ?? 100,
    duration: options.duration ?? 10,
    method: (options.method ?? 'GET') as 'GET',
    body: options.body,
    headers: options.headers,
  });
  return {
    label,
    requestsPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors, // autocannon counts timeouts among its errors already
    non2xx: result.non2xx,
  };
}

export function printTable(rows: LoadResult[]): void {
  console.log(['target', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx'].join('\t'));
  for (const r of rows) console.log([r.label, r.requestsPerSec, r.p50, r.p99, r.errors, r.non2xx].join('\t'));
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs `run` once to warm up, then `runs` times: each run's time in ms. */
export async function timeRuns(runs: number, run: () => Promise<unknown>): Promise<number[]> {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return samples;
}

export const ORIGIN_HEADERS = (url: string) => ({ origin: url, 'content-type': 'application/json' });

/** Registers `count` customers through the API, marks them verified in the database, logs them in (bearer tokens). */
export async function createCustomers(
  url: string,
  databaseUrl: string,
  count: number,
  concurrency = 8,
  /** Extra headers per customer (e.g. an Origin or a distinct X-Forwarded-For behind TRUST_PROXY). */
  extraHeaders: (index: number) => Record<string, string> = () => ({}),
): Promise<Array<{ email: string; token: string }>> {
  const password = 'Bench-password-2026!';
  const emails = Array.from({ length: count }, (_, i) => `bench${i}-${Date.now()}@example.test`);
  const tokens: Array<{ email: string; token: string }> = [];
  const queue = [...emails];
  const db = new pg.Pool({ connectionString: databaseUrl, max: concurrency });
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let email = queue.shift(); email; email = queue.shift()) {
          const index = emails.indexOf(email);
          const reg = await fetch(`${url}/api/auth/register`, {
            method: 'POST',
            headers: { ...ORIGIN_HEADERS(url), ...extraHeaders(index) },
            body: JSON.stringify({
              email,
              password,
              firstName: 'Bench',
              lastName: 'User',
              legalAccepted: { terms: 1, privacy: 1 }, // a fresh platform's first versions
            }),
          });
          if (reg.status !== 201 && reg.status !== 202)
            throw new Error(`register ${reg.status}: ${await reg.text()}`);
          await db.query('update users set email_verified = true where lower(email) = lower($1)', [email]);
          const login = await fetch(`${url}/api/auth/login`, {
            method: 'POST',
            headers: { ...ORIGIN_HEADERS(url), ...extraHeaders(index) },
            body: JSON.stringify({ email, password }),
          });
          if (login.status !== 200) throw new Error(`login ${login.status}: ${await login.text()}`);
          tokens.push({ email, token: ((await login.json()) as { accessToken: string }).accessToken });
        }
      }),
    );
  } finally {
    await db.end();
  }
  return tokens;
}

/** Runs `fn` from `workers` concurrent loops for `seconds`, collecting each call's latency in ms. */
export async function closedLoop(
  workers: number,
  seconds: number,
  fn: (worker: number) => Promise<boolean>,
): Promise<{ latencies: number[]; errors: number; elapsed: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const ok = await fn(worker).catch(() => false);
        if (ok) latencies.push(performance.now() - t0);
        else errors++;
      }
    }),
  );
  return { latencies, errors, elapsed: (performance.now() - start) / 1000 };
}
