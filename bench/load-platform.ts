/**
 * The platform under `bench:load`: one process (`ROLE=all`) or several behind Debian's nginx with Redis, on a fresh
 * PostgreSQL database or on the embedded default (PGlite in a temp DATA_DIR), wired to the Contabo simulator over
 * HTTP; and the customers it serves, each with one VPS on the simulator.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { BENCH_METRICS_TOKEN } from './lag.ts';
import {
  BENCH_SECRETS,
  contaboSimulatorEnv,
  createBenchDatabase,
  freePort,
  ORIGIN_HEADERS,
  ROOT,
  waitFor,
} from './lib.ts';
import { startNginx } from './nginx.ts';

type Simulator = Parameters<typeof contaboSimulatorEnv>[0];
export type Engine = 'postgres' | 'pglite';

const PASSWORD = 'Bench-password-2026!';
/** Each customer signs up and logs in from its own address (the sign-up and login limits are per address). */
const address = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

export async function startLoadPlatform(options: {
  engine: Engine;
  processes: number;
  sim: Simulator;
  rate: number;
}) {
  const { engine, processes, sim, rate } = options;
  const database = engine === 'postgres' ? await createBenchDatabase('cv_load') : null;
  const dataDir = mkdtempSync(join(tmpdir(), 'cv-load-'));
  const children: ChildProcess[] = [];
  const nginxPort = await freePort();
  const publicUrl = processes > 1 ? `http://127.0.0.1:${nginxPort}` : undefined;

  async function startProcess(role: string, redis: boolean, port?: number) {
    port ??= await freePort();
    // BENCH_NODE_ARGS: extra node flags for the platform processes, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
    const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'apps/server/src/main.ts'], {
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
        // The embedded default keeps its database and generated secrets here across the set-up restart.
        DATA_DIR: engine === 'pglite' ? dataDir : mkdtempSync(join(tmpdir(), 'cv-load-')),
        ...(database ? { DATABASE_URL: database.url, ...BENCH_SECRETS } : {}),
        METRICS_TOKEN: BENCH_METRICS_TOKEN,
        // One trusted hop: nginx in the two-process run; the bench itself (a crowd of addresses) otherwise.
        TRUST_PROXY: 'true',
        // Limits on, generous enough for one address (the bench) sending for everyone.
        RATE_LIMIT_IP_PER_MINUTE: '10000000',
        RATE_LIMIT_USER_PER_HOUR: '100000',
        ...(redis ? { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' } : {}),
        ...contaboSimulatorEnv(sim, rate),
      },
    });
    children.push(child);
    await waitFor(`http://127.0.0.1:${port}/readyz`, 180_000);
    return { port, pid: child.pid!, child };
  }

  const stopChild = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });

  let first = await startProcess('all', processes > 1);
  const platform = [first];
  for (let i = 1; i < processes; i++) platform.push(await startProcess('api', true));
  let nginx: ChildProcess | null = null;
  let url = `http://127.0.0.1:${first.port}`;
  if (processes > 1) {
    nginx = startNginx({
      upstreams: platform.map((p) => `127.0.0.1:${p.port}`),
      port: nginxPort,
      prefix: mkdtempSync(join(tmpdir(), 'cv-load-nginx-')),
    });
    url = `http://127.0.0.1:${nginxPort}`;
    await waitFor(`${url}/readyz`);
  }
  const pool = database ? new pg.Pool({ connectionString: database.url, max: 2 }) : null;

  /** Sign-ups (to the first process), e-mails verified and one VPS each in the database, then logins. */
  async function seedCustomers(count: number, instanceIds: number[], concurrency = 8) {
    const stamp = Date.now();
    const emails = Array.from({ length: count }, (_, i) => `load${i}-${stamp}@example.test`);
    const direct = `http://127.0.0.1:${first.port}`;
    const headers = (i: number) => ({ ...ORIGIN_HEADERS(url), 'x-forwarded-for': address(i) });
    await pooled(count, concurrency, async (i) => {
      const res = await fetch(`${direct}/api/auth/register`, {
        method: 'POST',
        headers: headers(i),
        body: JSON.stringify({
          email: emails[i],
          password: PASSWORD,
          firstName: 'Load',
          lastName: 'Customer',
          legalAccepted: { terms: 1, privacy: 1 },
        }),
      });
      if (res.status !== 201 && res.status !== 202)
        throw new Error(`register ${res.status}: ${await res.text()}`);
    });
    const statements = emails.map((email, i) => ({
      verify: {
        text: 'update users set email_verified = true where lower(email) = lower($1)',
        params: [email],
      },
      vps: {
        text: `insert into vps_instances (user_id, contabo_instance_id, status, ip_address, region, period_months, assigned_at, expires_at)
               select id, $2, 'running', '203.0.113.1', 'EU', 1, now(), now() + interval '30 days' from users where lower(email) = lower($1)
               returning id`,
        params: [email, instanceIds[i]],
      },
    }));
    const vpsIds: string[] = [];
    if (pool) {
      for (const s of statements) {
        await pool.query(s.verify.text, s.verify.params);
        vpsIds.push((await pool.query(s.vps.text, s.vps.params)).rows[0].id as string);
      }
    } else {
      // PGlite is one process's: stop the platform, write with PGlite itself, start it again on the same DATA_DIR.
      await stopChild(first.child);
      const db = new PGlite(join(dataDir, 'pglite'), { extensions: { pg_trgm } });
      for (const s of statements) {
        await db.query(s.verify.text, s.verify.params);
        vpsIds.push((await db.query<{ id: string }>(s.vps.text, s.vps.params)).rows[0]!.id);
      }
      await db.close();
      children.splice(children.indexOf(first.child), 1);
      first = await startProcess('all', false, first.port);
      platform[0] = first;
      url = `http://127.0.0.1:${first.port}`;
    }
    const tokens: string[] = [];
    await pooled(count, concurrency, async (i) => {
      const res = await fetch(`${direct}/api/auth/login`, {
        method: 'POST',
        headers: headers(i),
        body: JSON.stringify({ email: emails[i], password: PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`login ${res.status}: ${await res.text()}`);
      tokens[i] = ((await res.json()) as { accessToken: string }).accessToken;
    });
    return { tokens, vpsIds };
  }

  return {
    get url() {
      return url;
    },
    get processes() {
      return platform.map((p) => ({ port: p.port, pid: p.pid }));
    },
    get directUrls() {
      return platform.map((p) => `http://127.0.0.1:${p.port}`);
    },
    seedCustomers,
    /** Connections to the bench database (PostgreSQL only). */
    async pgConnections(): Promise<number | null> {
      if (!pool) return null;
      const { rows } = await pool.query(
        'select count(*)::int as n from pg_stat_activity where datname = current_database()',
      );
      return rows[0].n as number;
    },
    async query<T>(text: string, params: unknown[] = []): Promise<T[]> {
      if (!pool) throw new Error('query() is for PostgreSQL');
      return (await pool.query(text, params)).rows as T[];
    },
    async stop() {
      nginx?.kill('SIGTERM');
      await pool?.end();
      await Promise.all(children.map(stopChild));
      await database?.drop();
    },
  };
}

async function pooled(count: number, concurrency: number, work: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) await work(i);
    }),
  );
}
