/**
 * `npm run bench:catalog`: GET /api/products on PGlite and on PostgreSQL with rate limits ON and every request from
 * another client address (X-Forwarded-For behind TRUST_PROXY=true, as deployed behind nginx), next to a bare
 * `node:http` server answering the very same body in the same run. BENCH_CONNECTIONS (100, then 1000) and
 * BENCH_DURATION seconds (10). Targets: ≥ 0.4× bare (PostgreSQL), ≥ 0.3× (embedded), p99 ≤ 15 ms at 100
 * connections, 0 errors at 1,000. Each server first serves BENCH_WARMUP seconds (3) of the same crowd, not counted:
 * a freshly started process runs its first seconds unoptimised by the JIT (measured: ~15 % more CPU per request).
 */
import { spawn } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import autocannon from 'autocannon';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_METRICS_TOKEN, formatLag, generatorLag, platformLag } from './lag.ts';
import { freePort, printTable, startPlatform, waitFor, type LoadResult } from './lib.ts';
import { startNginx } from './nginx.ts';
import { cpuSeconds } from './proc-cpu.ts';

const duration = Number(process.env.BENCH_DURATION ?? 10);
/** Seconds without an answer before the generator counts a request as failed (autocannon's default, 10). */
const timeout = Number(process.env.BENCH_TIMEOUT ?? 10);
const connectionSets = (process.env.BENCH_CONNECTIONS ?? '100,1000').split(',').map(Number);
const rows: LoadResult[] = [];
let counter = 0;
const crowdAddress = () => {
  const n = counter++ % 200_000;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

/**
 * The bare reference runs in its own process, like the platform: in the generator's process it would share the
 * generator's event loop, and at 1,000 connections the two starve each other (connections wait in the accept queue
 * for seconds and the generator counts them as timeouts: errors of the bench, not of any server).
 */
async function startBare(body: string) {
  const port = await freePort();
  const code = `
    const body = Buffer.from(process.env.BARE_BODY, 'base64');
    require('node:http').createServer((_req, reply) => {
      reply.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
      reply.end(body);
    }).listen({ port: ${port}, host: '127.0.0.1', backlog: 4096 });`;
  const child = spawn(process.execPath, ['-e', code], {
    env: { ...process.env, BARE_BODY: Buffer.from(body).toString('base64') },
    stdio: 'inherit',
  });
  const url = `http://127.0.0.1:${port}/`;
  await waitFor(url);
  return { url, pid: child.pid, stop: () => child.kill('SIGTERM') };
}

/** What failed, by cause: a server's errors (5xx, resets) apart from the generator's own (timeouts while starved). */
const failures: string[] = [];
const cpuPerRequest: string[] = [];

const warmUpSeconds = Number(process.env.BENCH_WARMUP ?? 3);

/** `connections` clients for `seconds`, every request from another client address; failures counted by cause. */
function fire(url: string, connections: number, seconds: number, causes: Record<string, number> = {}) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        timeout,
        requests: [
          {
            setupRequest: (req) => ({
              ...req,
              headers: { ...req.headers, 'x-forwarded-for': crowdAddress() },
            }),
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('reqError', (error: NodeJS.ErrnoException) => {
      const cause = error.code ?? error.message;
      causes[cause] = (causes[cause] ?? 0) + 1;
    });
  });
}

/** The same crowd for a few seconds, not counted: the JIT optimises the request path before the measurement. */
async function warmUp(url: string): Promise<void> {
  if (warmUpSeconds > 0) await fire(url, 100, warmUpSeconds);
}

/** `pid`: the server's process, whose CPU time per request is printed (steadier than req/s on a shared machine). */
async function crowd(label: string, url: string, connections: number, pid?: number): Promise<LoadResult> {
  const ownLag = generatorLag();
  const causes: Record<string, number> = {};
  const cpuBefore = pid ? cpuSeconds(pid) : 0;
  const result = await fire(url, connections, duration, causes);
  if (pid && result.requests.total)
    cpuPerRequest.push(
      `${label} @${connections}: ${(((cpuSeconds(pid) - cpuBefore) / result.requests.total) * 1e6).toFixed(0)} µs ` +
        `of server CPU per request`,
    );
  const lag = ownLag.read();
  ownLag.stop();
  const statuses = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, s]) => `${code}×${(s as { count: number }).count}`);
  if (result.errors || result.timeouts || result.non2xx)
    failures.push(
      `${label} @${connections}: ${JSON.stringify(causes)} timeouts ${result.timeouts} ${statuses.join(' ')}`,
    );
  console.log(`  ${label} @${connections}: generator event-loop lag ${formatLag(lag)}`);
  return {
    label: `${label} @${connections}`,
    requestsPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors, // autocannon counts timeouts among its errors already
    non2xx: result.non2xx,
  };
}

/**
 * BENCH_NGINX=1 (default on): the same crowd through nginx running deploy/nginx.conf, as the README deploys the
 * platform (256 idle keep-alive connections per worker to the platform). Straight to the process, a busy Node 20
 * process accepts one connection per listening descriptor per event-loop turn; the platform polls
 * LISTEN_ACCEPT_HANDLES (64) of them (http/accept-handles.ts), so 1,000 connections opened at once are all served
 * within seconds instead of timing out in the accept queue.
 */
const behindNginx = process.env.BENCH_NGINX !== '0';

async function throughNginx(engine: string, platformUrl: string) {
  const port = await freePort();
  const nginx = startNginx({
    upstreams: [new URL(platformUrl).host],
    port,
    prefix: mkdtempSync(join(tmpdir(), 'cv-bench-nginx-')),
    crowd: true,
  });
  try {
    await waitFor(`http://127.0.0.1:${port}/healthz`);
    for (const connections of connectionSets) {
      await platformLag(platformUrl);
      const row = await crowd(
        `GET /api/products via nginx (${engine})`,
        `http://127.0.0.1:${port}/api/products`,
        connections,
      );
      console.log(`  platform event-loop lag: ${formatLag(await platformLag(platformUrl))}`);
      rows.push(row);
      ratios.push(`${row.label}: p99 ${row.p99} ms, errors ${row.errors}, non-2xx ${row.non2xx}`);
    }
  } finally {
    nginx.kill('SIGTERM');
  }
}

const ratios: string[] = [];
for (const engine of ['pglite', 'postgres'] as const) {
  const platform = await startPlatform(engine, {
    TRUST_PROXY: 'true',
    RATE_LIMIT_IP_PER_MINUTE: '100',
    METRICS_TOKEN: BENCH_METRICS_TOKEN,
  });
  const res = await fetch(`${platform.url}/api/products`); // warm-up, and the body the bare server answers with
  const bare = await startBare(await res.text());
  const bareUrl = bare.url;
  try {
    await warmUp(bareUrl);
    await warmUp(`${platform.url}/api/products`);
    for (const connections of connectionSets) {
      const base = await crowd(`bare node:http, same body (${engine} run)`, bareUrl, connections, bare.pid);
      await platformLag(platform.url); // resets the platform's lag histogram: the next read is this run's
      const row = await crowd(
        `GET /api/products (${engine})`,
        `${platform.url}/api/products`,
        connections,
        platform.pid,
      );
      console.log(`  platform event-loop lag: ${formatLag(await platformLag(platform.url))}`);
      rows.push(base, row);
      ratios.push(
        `${row.label}: ${(row.requestsPerSec / Math.max(1, base.requestsPerSec)).toFixed(3)} × bare, ` +
          `p99 ${row.p99} ms (bare ${base.p99} ms), errors ${row.errors}, non-2xx ${row.non2xx}`,
      );
    }
    if (behindNginx) await throughNginx(engine, platform.url);
  } finally {
    bare.stop();
    await platform.stop();
  }
}

console.log(
  `\nbench:catalog — rate limits on, a crowd of client addresses, ${duration} s each, ${new Date().toISOString()}, ` +
    `load average ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')} on ${cpus().length} cores`,
);
printTable(rows);
for (const line of ratios) console.log(line);
for (const line of cpuPerRequest) console.log(line);
for (const line of failures) console.log(`failures: ${line}`);
