/**
 * `npm run bench:catalog`: GET /api/products on PGlite and on PostgreSQL with rate limits ON and every request from
 * another client address (X-Forwarded-For behind TRUST_PROXY=true, as deployed behind nginx), next to a bare
 * `node:http` server answering the very same body in the same run. BENCH_CONNECTIONS (100, then 1000) and
 * BENCH_DURATION seconds (10). Targets: ≥ 0.4× bare (PostgreSQL), ≥ 0.3× (embedded), p99 ≤ 15 ms at 100
 * connections, 0 errors at 1,000.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { printTable, startPlatform, type LoadResult } from './lib.ts';

const duration = Number(process.env.BENCH_DURATION ?? 10);
const connectionSets = (process.env.BENCH_CONNECTIONS ?? '100,1000').split(',').map(Number);
const rows: LoadResult[] = [];
let counter = 0;
const crowdAddress = () => {
  const n = counter++ % 200_000;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

async function crowd(label: string, url: string, connections: number): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections,
    duration,
    requests: [
      { setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'x-forwarded-for': crowdAddress() } }) },
    ],
  });
  return {
    label: `${label} @${connections}`,
    requestsPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

const ratios: string[] = [];
for (const engine of ['pglite', 'postgres'] as const) {
  const platform = await startPlatform(engine, { TRUST_PROXY: 'true', RATE_LIMIT_IP_PER_MINUTE: '100' });
  const res = await fetch(`${platform.url}/api/products`); // warm-up, and the body the bare server answers with
  const body = Buffer.from(await res.arrayBuffer());
  const bare = createServer((_req, reply) => {
    reply.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': body.length,
    });
    reply.end(body);
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
  try {
    for (const connections of connectionSets) {
      const base = await crowd(`bare node:http, same body (${engine} run)`, bareUrl, connections);
      const row = await crowd(`GET /api/products (${engine})`, `${platform.url}/api/products`, connections);
      rows.push(base, row);
      ratios.push(
        `${row.label}: ${(row.requestsPerSec / Math.max(1, base.requestsPerSec)).toFixed(3)} × bare, ` +
          `p99 ${row.p99} ms (bare ${base.p99} ms), errors ${row.errors}, non-2xx ${row.non2xx}`,
      );
    }
  } finally {
    bare.close();
    await platform.stop();
  }
}

console.log(
  `\nbench:catalog — rate limits on, a crowd of client addresses, ${duration} s each, ${new Date().toISOString()}`,
);
printTable(rows);
for (const line of ratios) console.log(line);
