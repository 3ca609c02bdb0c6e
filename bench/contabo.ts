// Contabo client overhead and sync cost against the in-process simulator (no injected latency).
// Run: npm run bench:contabo  [BENCH_N=2000] [BENCH_CONCURRENCY=50]
import { performance } from 'node:perf_hooks';
import { createContaboClient, syncInstances } from '../packages/contabo/src/index.ts';
import type { SyncStore, TrackedInstance } from '../packages/contabo/src/index.ts';
import { startContaboSimulator } from '../packages/contabo/src/simulator/index.ts';

const N = Number(process.env.BENCH_N ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

interface Result {
  p50: number;
  p99: number;
  mean: number;
  perSecond: number;
}

async function measure(calls: number, concurrency: number, fn: () => Promise<unknown>): Promise<Result> {
  const samples: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < calls) {
        next += 1;
        const t0 = performance.now();
        await fn();
        samples.push(performance.now() - t0);
      }
    }),
  );
  const total = performance.now() - started;
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  return {
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    mean,
    perSecond: (calls / total) * 1000,
  };
}

const fmt = (ms: number) => `${ms.toFixed(3)} ms`;
const row = (label: string, r: Result) =>
  console.log(
    `  ${label.padEnd(22)} p50 ${fmt(r.p50).padStart(10)}   p99 ${fmt(r.p99).padStart(10)}   ` +
      `mean ${fmt(r.mean).padStart(10)}   ${r.perSecond.toFixed(0).padStart(6)} req/s`,
  );

const sim = await startContaboSimulator({ seed: true });
const client = createContaboClient({
  authUrl: sim.authUrl,
  apiUrl: sim.apiUrl,
  ...sim.credentials,
  rateLimit: { requestsPerSecond: 1e9, burst: 1e9 }, // measure the client, not the limiter
});

const tokenRes = await fetch(sim.authUrl, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({
    grant_type: 'password',
    client_id: sim.credentials.clientId,
    client_secret: sim.credentials.clientSecret,
    username: sim.credentials.username,
    password: sim.credentials.password,
  }),
});
const { access_token: token } = (await tokenRes.json()) as { access_token: string };
const rawGet = async () => {
  const res = await fetch(`${sim.apiUrl}/v1/compute/instances/100001`, {
    headers: {
      authorization: `Bearer ${token}`,
      'x-request-id': crypto.randomUUID(),
      accept: 'application/json',
    },
  });
  return res.json();
};
const clientGet = () => client.instances.get(100001, { traceId: 'bench' });

// Warm-up (JIT, keep-alive sockets, token).
await measure(300, 10, rawGet);
await measure(300, 10, clientGet);

console.log(`\nGET /v1/compute/instances/{instanceId} — ${N} calls each, simulator in-process, no latency`);
console.log(' sequential:');
const rawSeq = await measure(N, 1, rawGet);
const cliSeq = await measure(N, 1, clientGet);
row('raw fetch', rawSeq);
row('contabo client', cliSeq);
console.log(` concurrent (${CONCURRENCY} in flight):`);
const rawCon = await measure(N, CONCURRENCY, rawGet);
const cliCon = await measure(N, CONCURRENCY, clientGet);
row('raw fetch', rawCon);
row('contabo client', cliCon);
console.log(
  ` client overhead per call: sequential p50 +${fmt(cliSeq.p50 - rawSeq.p50)}, mean +${fmt(cliSeq.mean - rawSeq.mean)};` +
    ` concurrent mean +${fmt(cliCon.mean - rawCon.mean)}`,
);

// The client's own cost, without sockets: the same answer served by an in-memory fetch.
const canned = JSON.stringify(await rawGet());
const tokenBody = JSON.stringify({ access_token: token, expires_in: 300, token_type: 'Bearer' });
const memoryFetch: typeof fetch = async (input) =>
  new Response(String(input).includes('/openid-connect/token') ? tokenBody : canned, {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
const memoryClient = createContaboClient({
  authUrl: sim.authUrl,
  apiUrl: sim.apiUrl,
  ...sim.credentials,
  fetch: memoryFetch,
  rateLimit: { requestsPerSecond: 1e9, burst: 1e9 },
});
const memRaw = () => memoryFetch(`${sim.apiUrl}/v1/compute/instances/100001`).then((r) => r.json());
const memClient = () => memoryClient.instances.get(100001, { traceId: 'bench' });
await measure(500, 1, memRaw);
await measure(500, 1, memClient);
const memRawR = await measure(N * 5, 1, memRaw);
const memCliR = await measure(N * 5, 1, memClient);
console.log(`
same call with an in-memory fetch (no sockets; ${N * 5} calls) — the client's own CPU cost:`);
row('raw Response.json()', memRawR);
row('contabo client', memCliR);
console.log(
  ` client overhead per call: p50 +${fmt(memCliR.p50 - memRawR.p50)}, mean +${fmt(memCliR.mean - memRawR.mean)}` +
    ` (auth cache, rate limiter, x-request-id, timeout, zod parse, metrics)`,
);

// One sync cycle over 1,000 instances.
sim.control.reset({ seed: false });
const ids = sim.control.seedInstances(1000);
const rows = new Map<number, TrackedInstance>(ids.map((id) => [id, { contaboInstanceId: id, status: null }]));
const store: SyncStore = {
  listTracked: async () => [...rows.values()],
  applyChanges: async (changes) => {
    for (const c of changes) Object.assign(rows.get(c.contaboInstanceId)!, c.fields);
  },
};
sim.control.resetCounters();
let t0 = performance.now();
const first = await syncInstances(client, store);
const firstMs = performance.now() - t0;
const apiCalls = sim.control.counters().apiRequests;
sim.control.setInstanceStatus(ids[10]!, 'stopped');
t0 = performance.now();
const second = await syncInstances(client, store);
const secondMs = performance.now() - t0;
console.log(`\nsync of 1,000 instances (page size 100):`);
console.log(
  `  first cycle:  ${first.calls} Contabo calls (simulator counted ${apiCalls}), ${first.changed} rows written, ${firstMs.toFixed(0)} ms`,
);
console.log(
  `  second cycle: ${second.calls} Contabo calls, ${second.changed} row written, ${second.statusChanges} status change, ${secondMs.toFixed(0)} ms`,
);
console.log(`  token requests during the whole bench: ${client.tokenRequestCount()}\n`);

await sim.close();
