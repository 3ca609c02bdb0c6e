/**
 * Two platform processes on one PostgreSQL database and one Redis, as `docker-compose.yml` and `bench:load` run them:
 * the guarantees that must hold across processes, checked from the outside over HTTP.
 * - rate limits are shared (a client cannot double its allowance by alternating between processes);
 * - a live event raised in one process reaches the SSE subscribers of the other;
 * - each Contabo power action reaches Contabo exactly once, whichever process accepted it, and two processes cannot
 *   both accept an action for the same server.
 * PostgreSQL only (the embedded database is one process by design): the PGlite pass leaves this file out.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startContaboSimulator, type ContaboSimulator } from '@cloud-vertice/contabo/simulator';
import { createTestDatabase, type TestDatabase } from '../db.ts';
import { freePort } from '../free-port.ts';

const SERVER = join(import.meta.dirname, '../../src/main.ts');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const IP_LIMIT = 20;
const PASSWORD = 'Dos-procesos-2026!';

async function waitReady(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // still starting
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not become ready:\n${output()}`);
}

let database: TestDatabase;
let sim: ContaboSimulator;
let sql: pg.Pool;
const children: ChildProcess[] = [];
const urls: string[] = [];
/** Behind a load balancer every process has the same public address: tokens name it as their issuer. */
const PUBLIC_URL = 'https://cloud.example.test';
/** Every request comes from one client address per test run (Redis outlives the run). */
const clientIp = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

async function startProcess(): Promise<string> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      APP_URL: PUBLIC_URL,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ROLE: 'all',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'cv-two-')),
      DATABASE_URL: database.url!,
      REDIS_URL,
      ENCRYPTION_KEY: 'cd'.repeat(32),
      JWT_SECRET: 'two-processes-secret-two-processes-secret-00',
      TRUST_PROXY: '1',
      RATE_LIMIT_IP_PER_MINUTE: String(IP_LIMIT),
      RATE_LIMIT_USER_PER_HOUR: '100000',
      // An hour: a change seen at once by the other process can only have come through the bus, not from expiry.
      CATALOG_CACHE_SECONDS: '3600',
      CONTABO_AUTH_URL: sim.authUrl,
      CONTABO_API_URL: sim.apiUrl,
      CONTABO_CLIENT_ID: sim.credentials.clientId,
      CONTABO_CLIENT_SECRET: sim.credentials.clientSecret,
      CONTABO_API_USER: sim.credentials.username,
      CONTABO_API_PASSWORD: sim.credentials.password,
    },
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += String(d)));
  child.stderr!.on('data', (d) => (output += String(d)));
  children.push(child);
  await waitReady(url, child, () => output);
  return url;
}

/** A verified account signed up through process A and logged in on process B; its bearer token. */
async function signUp(
  index: number,
  role: 'customer' | 'admin' = 'customer',
): Promise<{ token: string; email: string }> {
  const email = `two-processes-${index}-${Date.now()}@example.test`;
  const headers = () => ({
    'content-type': 'application/json',
    origin: PUBLIC_URL,
    'x-forwarded-for': `10.200.${index}.${randomInt(1, 255)}`,
  });
  const reg = await fetch(`${urls[0]}/api/auth/register`, {
    method: 'POST',
    headers: headers(),
    body: JSON.stringify({
      email,
      password: PASSWORD,
      firstName: 'Dos',
      lastName: 'Procesos',
      legalAccepted: { terms: 1, privacy: 1 },
    }),
  });
  expect(reg.status).toBeLessThan(300);
  await sql.query('update users set email_verified = true, role = $2 where lower(email) = lower($1)', [
    email,
    role,
  ]);
  const login = await fetch(`${urls[1]}/api/auth/login`, {
    method: 'POST',
    headers: headers(),
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  return { token: ((await login.json()) as { accessToken: string }).accessToken, email };
}

/** A verified customer who owns a running server. */
async function customerWithServer(
  index: number,
  instanceId: number,
): Promise<{ token: string; vpsId: string }> {
  const { token, email } = await signUp(index);
  const { rows } = await sql.query(
    `insert into vps_instances (user_id, contabo_instance_id, status, ip_address, region, period_months, assigned_at, expires_at)
     select id, $2, 'running', '203.0.113.7', 'EU', 1, now(), now() + interval '30 days'
     from users where lower(email) = lower($1)
     returning id`,
    [email, instanceId],
  );
  return { token, vpsId: rows[0].id as string };
}

/** Reads a Server-Sent Events stream in the background, counting `event: vps` messages that mention `needle`. */
function listen(url: string, token: string, needle: string) {
  const abort = new AbortController();
  const seen = { events: 0, open: false };
  const done = fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal })
    .then(async (res) => {
      expect(res.status).toBe(200);
      seen.open = true;
      const decoder = new TextDecoder();
      for await (const chunk of res.body!) {
        for (const message of decoder.decode(chunk).split('\n\n')) {
          if (message.startsWith('event: vps') && message.includes(needle)) seen.events++;
        }
      }
    })
    .catch(() => {});
  return { seen, close: () => (abort.abort(), done) };
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The platform's counters live in the shared Redis under `cv:rl:` and outlive a run: a second run within the same
 * window would start with the first one's hits from 127.0.0.1. Each run starts from clean counters.
 */
async function clearRateLimitCounters() {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', 'cv:rl:*', 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

beforeAll(async () => {
  await clearRateLimitCounters();
  database = await createTestDatabase();
  sql = new pg.Pool({ connectionString: database.url!, max: 2 });
  sim = await startContaboSimulator({ seed: false, timing: { actionMs: 300, provisionMs: 300 } });
  urls.push(await startProcess());
  urls.push(await startProcess());
}, 400_000);

afterAll(async () => {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
        }),
    ),
  );
  await sql?.end();
  await sim?.close();
  await database?.destroy();
}, 60_000);

describe('two platform processes on one PostgreSQL and one Redis', () => {
  it('share the per-address rate limit: alternating between processes does not double the allowance', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < IP_LIMIT + 10; i++) {
      const res = await fetch(`${urls[i % 2]}/api/products`, { headers: { 'x-forwarded-for': clientIp } });
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(IP_LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    // The first refusal comes right after the allowance, whichever process counted the requests before it.
    expect(statuses.indexOf(429)).toBe(IP_LIMIT);
  });

  it('deliver a live event raised in one process to the SSE subscribers of both', async () => {
    const [instanceId] = sim.control.seedInstances(1);
    const { token, vpsId } = await customerWithServer(1, instanceId!);
    const streams = urls.map((url) => listen(`${url}/api/vps/${vpsId}/events`, token, '"status":"stopped"'));
    await until(() => streams.every((s) => s.seen.open));
    const res = await fetch(`${urls[1]}/api/vps/${vpsId}/stop`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, origin: PUBLIC_URL },
    });
    expect(res.status).toBe(202);
    await until(() => streams.every((s) => s.seen.events > 0));
    await Promise.all(streams.map((s) => s.close()));
  });

  it('send each power action to Contabo exactly once, and accept only one of two simultaneous ones', async () => {
    const instanceIds = sim.control.seedInstances(6);
    const servers = await Promise.all(instanceIds.map((id, i) => customerWithServer(10 + i, id)));
    // Every server is stopped through both processes at the same moment.
    const answers = await Promise.all(
      servers.map(({ token, vpsId }) =>
        Promise.all(
          urls.map(async (url) => {
            const res = await fetch(`${url}/api/vps/${vpsId}/stop`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}`, origin: PUBLIC_URL },
            });
            const body = (await res.json()) as { error?: { code: string } };
            return res.status === 409 ? body.error!.code : res.status;
          }),
        ),
      ),
    );
    for (const pair of answers) expect([...pair].sort()).toEqual([202, 'action_in_progress'].sort());

    const stopsAt = (instanceId: number) =>
      sim.control
        .requests()
        .filter(
          (r) => r.method === 'POST' && r.path.endsWith(`/${instanceId}/actions/stop`) && r.status < 300,
        );
    await until(async () => {
      const { rows } = await sql.query(
        `select count(*)::int as n from vps_instances where id = any($1::uuid[]) and status = 'stopped'`,
        [servers.map((s) => s.vpsId)],
      );
      return rows[0].n === servers.length;
    }, 60_000);
    for (const id of instanceIds) expect(stopsAt(id)).toHaveLength(1);
  });

  it('drop the cached catalog in every process when the admin changes it in one', async () => {
    const { token } = await signUp(30, 'admin');
    const products = async (url: string) => {
      const res = await fetch(`${url}/api/products`, {
        headers: { 'x-forwarded-for': `10.201.0.${randomInt(1, 255)}` },
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { items: { id: string }[] }).items.map((p) => p.id);
    };
    const before = await products(urls[1]!); // process B caches the list for an hour
    expect(before.length).toBeGreaterThan(1);
    const removed = before[0]!;
    const res = await fetch(`${urls[0]}/api/admin/products/${removed}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}`, origin: PUBLIC_URL },
    });
    expect(res.status).toBe(200);
    await until(async () => !(await products(urls[1]!)).includes(removed));
    expect(await products(urls[0]!)).not.toContain(removed);
  });

  it('refuse a session in every process once it is logged out in one, though each kept it in memory', async () => {
    const { token } = await signUp(40);
    const headers = { authorization: `Bearer ${token}`, 'x-forwarded-for': `10.202.0.${randomInt(1, 255)}` };
    const me = (url: string) => fetch(`${url}/api/auth/me`, { headers }).then((res) => res.status);
    // Both processes have checked the session (and keep it): the next checks cost them no query.
    expect([await me(urls[0]!), await me(urls[1]!), await me(urls[0]!), await me(urls[1]!)]).toEqual([
      200, 200, 200, 200,
    ]);
    const logout = await fetch(`${urls[0]}/api/auth/logout`, {
      method: 'POST',
      headers: { ...headers, origin: PUBLIC_URL },
    });
    expect(logout.status).toBe(204);
    expect(await me(urls[0]!)).toBe(401);
    // The other process hears it from PostgreSQL (NOTIFY at commit): within milliseconds, polled here.
    await until(async () => (await me(urls[1]!)) === 401, 5_000);
    expect(await me(urls[1]!)).toBe(401);
  });
});
