/**
 * `npm run bench:auth`: POST /api/auth/login under 10 connections for 10 s against the real platform (rate limits off
 * through RATE_LIMIT_DISABLED, which is off by default), on PGlite and on PostgreSQL, cycling through 20 users. Login
 * cost is dominated by verifying the password hash (better-auth's scrypt), so the hash and verify times are measured
 * separately in this process and printed next to the throughput. Then the web app's session check: GET /api/auth/me
 * by session cookie, the same users signed in, with the platform's CPU per request.
 *
 *   BENCH_ENGINE=pglite|postgres (default: both), BENCH_DURATION=10, BENCH_CONNECTIONS=10, BENCH_USERS=20
 */
import { availableParallelism } from 'node:os';
import autocannon from 'autocannon';
import { hashPassword, verifyPassword } from '../apps/server/src/modules/auth/auth.library.ts';
import { printTable, startPlatform, type LoadResult } from './lib.ts';
import { cpuSeconds } from './proc-cpu.ts';

const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const userCount = Number(process.env.BENCH_USERS ?? 20);
const engines = (process.env.BENCH_ENGINE ? [process.env.BENCH_ENGINE] : ['pglite', 'postgres']) as Array<
  'pglite' | 'postgres'
>;
const PASSWORD = 'Bench-password-2026!';

async function timeHashing(samples = 40) {
  const hashes: number[] = [];
  const verifies: number[] = [];
  for (let i = 0; i < samples; i++) {
    let started = performance.now();
    const hash = await hashPassword(PASSWORD);
    hashes.push(performance.now() - started);
    started = performance.now();
    if (!(await verifyPassword({ hash, password: PASSWORD }))) throw new Error('verify failed');
    verifies.push(performance.now() - started);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return { hashMs: mean(hashes), verifyMs: mean(verifies) };
}

const rows: LoadResult[] = [];
const cpuLines: string[] = [];

/**
 * The web app's every request: who is this session cookie? `GET /api/auth/me` by cookie, each user signed in once,
 * for `duration` seconds; prints the platform's CPU per request next to the throughput.
 */
async function sessionCheck(engine: string, platform: { url: string; pid: number }, users: string[]) {
  const cookies: string[] = [];
  for (const email of users) {
    const res = await fetch(`${platform.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    const cookie = res.headers.getSetCookie().find((c) => /cv\.session_token=/.test(c));
    if (!cookie) throw new Error(`login gave no session cookie: ${res.status} ${await res.text()}`);
    cookies.push(cookie.split(';')[0]!);
  }
  const requests = cookies.map((cookie) => ({
    method: 'GET' as const,
    path: '/api/auth/me',
    headers: { cookie },
  }));
  const before = cpuSeconds(platform.pid);
  const result = await autocannon({ url: platform.url, connections, duration, requests });
  const used = cpuSeconds(platform.pid) - before;
  const label = `GET /api/auth/me by session cookie (${engine})`;
  rows.push({
    label,
    requestsPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  });
  cpuLines.push(
    `${label}: ${((used / Math.max(1, result.requests.total)) * 1e6).toFixed(0)} µs of platform CPU per request`,
  );
}
for (const engine of engines) {
  const platform = await startPlatform(engine, { RATE_LIMIT_DISABLED: 'true' });
  try {
    const users = Array.from({ length: userCount }, (_, i) => `bench${i}-${Date.now()}@example.test`);
    for (const email of users) {
      const res = await fetch(`${platform.url}/api/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email,
          password: PASSWORD,
          firstName: 'Bench',
          lastName: 'User',
          legalAccepted: { terms: 1, privacy: 1 }, // a fresh platform's first versions
        }),
      });
      if (res.status !== 201 && res.status !== 202)
        throw new Error(`register failed: ${res.status} ${await res.text()}`);
    }
    const requests = users.map((email) => ({
      method: 'POST' as const,
      path: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    }));
    const result = await autocannon({ url: platform.url, connections, duration, requests });
    rows.push({
      label: `POST /api/auth/login (${engine})`,
      requestsPerSec: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
    });
    await sessionCheck(engine, platform, users);
  } finally {
    await platform.stop();
  }
}

const { hashMs, verifyMs } = await timeHashing();
console.log(
  `\nbench:auth — ${connections} connections, ${duration} s each, ${userCount} users, ` +
    `${availableParallelism()} CPUs, ${new Date().toISOString()}`,
);
printTable(rows);
console.log(
  `Password hashing (better-auth scrypt, N=16384 r=16 p=1): hash ${hashMs.toFixed(1)} ms, ` +
    `verify ${verifyMs.toFixed(1)} ms per login (one verify per login, on the libuv thread pool).`,
);
for (const line of cpuLines) console.log(line);
for (const row of rows.filter((r) => r.label.startsWith('POST'))) {
  const share = ((verifyMs * row.requestsPerSec) / 1000 / availableParallelism()) * 100;
  console.log(
    `${row.label}: ${row.requestsPerSec} logins/s, p50 ${row.p50} ms, p99 ${row.p99} ms; ` +
      `verify alone ≈ ${verifyMs.toFixed(1)} ms of each login (≈ ${share.toFixed(0)} % of all CPUs at this rate)`,
  );
}
