/**
 * `npm run bench:load`: logged-in customers on PostgreSQL (or the embedded default: BENCH_ENGINE=pglite), each with their own VPS on the Contabo simulator (over
 * HTTP), each holding the panel's SSE stream open, in a mix of catalog, dashboard (/api/auth/me), VPS list and
 * detail and invoices with think time, plus one power action per customer every few minutes; then the 200-stop
 * burst. Prints req/s, p50/p99 per route, errors, platform RSS, /healthz p99, the event-loop lag of every platform
 * process (from its /metrics) and of the generator itself, PostgreSQL connections, and whether the burst reached Contabo without a 429 and within the configured rate.
 *
 * BENCH_CUSTOMERS (1000), BENCH_DURATION seconds (60), BENCH_PROCESSES (1, or 2 behind Debian's nginx running
 * deploy/nginx.conf, sharing PostgreSQL and Redis), BENCH_THINK_MS (2000), BENCH_ACTION_EVERY_S (180),
 * CONTABO_RATE_LIMIT_PER_SECOND (5), BENCH_BURST (200), BENCH_RAMP_S (30: customers arrive over it before the
 * measured window).
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { combineLagWindows, formatLag, generatorLag, platformLag, type LagFigures } from './lag.ts';
import { percentile } from './lib.ts';
import {
  durationSnapshot,
  durationsBetween,
  formatGcBetween,
  gcSnapshot,
  mergeSnapshots,
  metricsSample,
} from './server-timing.ts';
import { startLoadPlatform, type Engine } from './load-platform.ts';
import { pacingFigures } from './pacing-figures.ts';
import { cpuSeconds, postgresCpuMeter } from './proc-cpu.ts';
import { startSimulatorProcess } from './simulator-process.ts';

const engine = (process.env.BENCH_ENGINE ?? 'postgres') as Engine;
const customers = Number(process.env.BENCH_CUSTOMERS ?? 1000);
const seconds = Number(process.env.BENCH_DURATION ?? 60);
const processes = engine === 'pglite' ? 1 : Number(process.env.BENCH_PROCESSES ?? 1);
const thinkMs = Number(process.env.BENCH_THINK_MS ?? 2000);
const actionEvery = Number(process.env.BENCH_ACTION_EVERY_S ?? 180);
const rate = Number(process.env.CONTABO_RATE_LIMIT_PER_SECOND ?? 5);
const burst = Math.min(customers, Number(process.env.BENCH_BURST ?? 200));
/**
 * Customers arrive over BENCH_RAMP_S seconds (30), then the mix is measured for BENCH_DURATION seconds with every one
 * of them logged in and holding their stream. A thousand browsers never open their connections in the same instant;
 * a Node process under load accepts about one new connection per event-loop turn, so a bench whose customers all
 * connect at once measures its own connection storm (tens of seconds in the accept queue), not the platform.
 */
const rampSeconds = Number(process.env.BENCH_RAMP_S ?? 30);

// Its own process: the arrival times it records do not carry this (busy) process's event-loop lag.
const sim = await startSimulatorProcess({ ratePerSecond: rate, actionMs: 1_000, provisionMs: 1_000 });
const instanceIds = await sim.control.seedInstances(customers);
const loadPlatform = await startLoadPlatform({ engine, processes, sim, rate }).catch(
  async (error: unknown) => {
    await sim.close();
    throw error;
  },
);

try {
  console.log(`creating ${customers} customers with one VPS each…`);
  const setupStart = performance.now();
  const { tokens, vpsIds } = await loadPlatform.seedCustomers(customers, instanceIds);
  console.log(`set-up took ${((performance.now() - setupStart) / 1000).toFixed(0)} s`);
  const url = loadPlatform.url;
  const platform = loadPlatform.processes;
  const headers = (i: number) => ({ origin: url, authorization: `Bearer ${tokens[i]}` });

  // Every customer holds the panel's live stream open for the whole run, from the moment they arrive.
  const sse = { open: 0, events: 0, failed: 0 };
  const streams = new AbortController();
  const openStream = (i: number) => {
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
  };

  let refused = 0;
  const byRoute = new Map<string, { latencies: number[]; errors: number }>();
  let measuring = false; // requests of the ramp are the warm-up: not recorded
  const record = (route: string, ms: number, ok: boolean) => {
    if (!measuring && !route.includes('burst')) return;
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
  const directUrls = loadPlatform.directUrls;
  console.log(`${customers} customers arriving over ${rampSeconds} s…`);
  const rampEnd = performance.now() + rampSeconds * 1000;
  const deadline = rampEnd + seconds * 1000;
  let ownLag = generatorLag();
  let cpuAtStart = platform.map((p) => cpuSeconds(p.pid));
  const pgCpu = postgresCpuMeter();
  // Transactions the bench's database committed or rolled back (each statement outside a transaction is one).
  const pgTransactions = async () =>
    engine === 'postgres'
      ? Number(
          (
            await loadPlatform.query<{ n: string }>(
              'select xact_commit + xact_rollback as n from pg_stat_database where datname = current_database()',
            )
          )[0]!.n,
        )
      : 0;
  let pgTransactionsAtStart = 0;
  let generatorCpuAtStart = process.cpuUsage();
  const serverDurations = () => Promise.all(directUrls.map(durationSnapshot)).then(mergeSnapshots);
  let durationsAtStart = await serverDurations();
  let gcAtStart = await gcSnapshot(directUrls);
  const waiting: number[] = [];
  // The sampler's scrapes reset each process's lag histogram: the mix's lag is read window by window.
  const lagWindows: LagFigures[][] = [];
  const acceptQueue: number[] = [];
  // What PostgreSQL's active backends were doing, sampled: lock waits show up here, not in any CPU figure.
  const backendStates = new Map<string, number>();
  const backendSampler = setInterval(() => {
    if (!measuring || engine !== 'postgres') return;
    void loadPlatform
      .query<{ state: string }>(
        `select state || ' ' || coalesce(wait_event_type || ':' || wait_event, '') || ' — ' ||
           left(regexp_replace(query, '\\s+', ' ', 'g'), 110) as state
         from pg_stat_activity
         where datname = current_database() and state <> 'idle' and pid <> pg_backend_pid()`,
      )
      .then((rows) => rows.forEach((r) => backendStates.set(r.state, (backendStates.get(r.state) ?? 0) + 1)))
      .catch(() => undefined);
  }, 200);
  let start = rampEnd;
  // The measured window starts once everyone has arrived: latencies, CPU and event-loop lag are the mix's.
  const measured = (async () => {
    await new Promise((r) => setTimeout(r, rampEnd - performance.now()));
    await Promise.all(directUrls.map(platformLag)); // resets each process's lag histogram
    ownLag.stop();
    ownLag = generatorLag();
    cpuAtStart = platform.map((p) => cpuSeconds(p.pid));
    pgCpu.start();
    pgTransactionsAtStart = await pgTransactions();
    generatorCpuAtStart = process.cpuUsage();
    durationsAtStart = await serverDurations();
    gcAtStart = await gcSnapshot(directUrls);
    start = performance.now();
    measuring = true;
    console.log(`all arrived (${sse.open} streams open); measuring the mix for ${seconds} s…`);
  })();
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
    void fetch(`${directUrls[0]}/healthz`).then(() => measuring && healthz.push(performance.now() - t0));
    void loadPlatform.pgConnections().then((n) => n !== null && pgConnections.push(n));
    if (!measuring) return;
    directUrls.forEach((direct, k) => {
      void metricsSample(direct).then(({ waiting: n, lag }) => {
        if (n !== null) waiting.push(n);
        if (lag) (lagWindows[k] ??= []).push(lag);
      });
      acceptQueue.push(acceptQueueLength(new URL(direct).port));
    });
  }, 1000);
  await Promise.all(
    tokens.map(async (_, i) => {
      await new Promise((r) => setTimeout(r, (i / customers) * rampSeconds * 1000));
      openStream(i);
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
  await measured;
  const elapsed = (performance.now() - start) / 1000;
  clearInterval(sampler);
  clearInterval(backendSampler);
  await Promise.all(
    directUrls.map((direct, k) => platformLag(direct).then((l) => l && lagWindows[k]?.push(l))),
  );
  const lag = directUrls.map((_, k) => combineLagWindows(lagWindows[k] ?? []));
  const cpuUsed = platform.map((p, k) => cpuSeconds(p.pid) - cpuAtStart[k]!);
  const pgCpuUsed = pgCpu.stop();
  // PostgreSQL publishes these counts within about a second; the bench's own samplers add ~6 a second.
  await new Promise((r) => setTimeout(r, 1_500));
  const pgTransactionsUsed = (await pgTransactions()) - pgTransactionsAtStart;
  const generatorCpu = process.cpuUsage(generatorCpuAtStart);
  const generatorCpuUsed = (generatorCpu.user + generatorCpu.system) / 1e6;
  const inside = durationsBetween(durationsAtStart, await serverDurations());
  const gc = formatGcBetween(gcAtStart, await gcSnapshot(directUrls));
  const benchLag = ownLag.read();
  ownLag.stop();

  // The burst: `burst` customers whose server is running press "stop" at the same moment.
  await new Promise((r) => setTimeout(r, 8_000)); // let in-flight actions settle
  // Chosen through the API (both engines): servers shown running with no action in flight.
  const burstIds = new Set<string>();
  for (let i = 0; i < vpsIds.length && burstIds.size < burst; i++) {
    const res = await fetch(`${url}/api/vps/${vpsIds[i]}`, { headers: headers(i) });
    const vps = (await res.json()) as { status?: string; actionInFlight?: unknown };
    if (vps.status === 'running' && !vps.actionInFlight) burstIds.add(vpsIds[i]!);
  }
  await sim.control.resetCounters();
  const burstStart = await sim.control.now();
  // What accepting the burst costs every party on the machine (2 cores shared): the accepted p99 is this work's sum.
  const burstCpuAtStart = platform.map((p) => cpuSeconds(p.pid));
  const burstGeneratorAtStart = process.cpuUsage();
  pgCpu.start();
  const burstAcceptStart = performance.now();
  await Promise.all(
    vpsIds.map(async (id, i) => {
      if (burstIds.has(id))
        await timed('POST stop (burst, queued)', `/api/vps/${id}/stop`, i, { method: 'POST' }, 202);
    }),
  );
  const burstAcceptMs = performance.now() - burstAcceptStart;
  const burstPgCpu = pgCpu.stop();
  const burstPlatformCpu = platform.reduce((sum, p, k) => sum + cpuSeconds(p.pid) - burstCpuAtStart[k]!, 0);
  const burstGeneratorUsage = process.cpuUsage(burstGeneratorAtStart);
  const burstGeneratorCpu = (burstGeneratorUsage.user + burstGeneratorUsage.system) / 1e6;
  const burstDeadline = Date.now() + (burstIds.size / rate + 60) * 1000;
  const stopsSent = async () =>
    (await sim.control.requestsSince(burstStart)).filter(
      (r) => r.method === 'POST' && r.path.endsWith('/stop'),
    );
  const burstPaths = new Set(
    vpsIds.flatMap((id, i) => (burstIds.has(id) ? [`/instances/${instanceIds[i]}/actions/stop`] : [])),
  );
  const isBurstStop = (r: { path: string }) => burstPaths.has(r.path.slice(r.path.indexOf('/instances/')));
  while (
    (await stopsSent()).filter((r) => r.status < 300 && isBurstStop(r)).length < burstIds.size &&
    Date.now() < burstDeadline
  ) {
    await new Promise((r) => setTimeout(r, 500));
  }
  // Every stop counts against the rate (a few of the mix's may still be queued); "reached" counts the burst's own.
  const stops = (await stopsSent()).sort((a, b) => a.at - b.at);
  const burstStops = stops.filter(isBurstStop);
  const { averageRate, maxPerSecond, repeated } = pacingFigures(stops);
  streams.abort();

  let total = 0;
  console.log(
    `\nbench:load — ${customers} customers, ${processes} process(es)${processes > 1 ? ' behind nginx, Redis' : ''}, ` +
      `${engine === 'pglite' ? 'embedded PGlite' : 'PostgreSQL'}, ${seconds} s, ${new Date().toISOString()}, ` +
      `load average ${loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')} on ${cpus().length} cores`,
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
      `${percentile(healthz, 99).toFixed(1)} ms; PostgreSQL connections: ` +
      `${pgConnections.length ? `max ${Math.max(...pgConnections)}` : 'n/a (embedded)'}`,
  );
  const cpuTotal = cpuUsed.reduce((a, b) => a + b, 0);
  console.log(
    `platform CPU during the mix: ${cpuUsed.map((c) => `${c.toFixed(1)} s`).join(' + ')} ` +
      `(${((100 * cpuTotal) / elapsed).toFixed(0)} % of one core), ${((1000 * cpuTotal) / Math.max(1, total)).toFixed(2)} ms per request`,
  );
  if (engine === 'postgres')
    console.log(
      `PostgreSQL server CPU during the mix (every backend on the machine): ${pgCpuUsed.toFixed(1)} s ` +
        `(${((100 * pgCpuUsed) / elapsed).toFixed(0)} % of one core); ` +
        `${(pgTransactionsUsed / Math.max(1, total)).toFixed(2)} database transactions per request`,
    );
  console.log(`garbage collection in the platform during the mix: ${gc || 'not reported'}`);
  console.log(
    `inside the platform (its own request timer, p50/p99 as histogram bucket bounds): ` +
      inside
        .filter((r) => r.requests >= 50)
        .map((r) => `${r.route} ≤${r.p50}/≤${r.p99} ms`)
        .join('; '),
  );
  console.log(
    `waiting for a database connection: max ${Math.max(0, ...waiting)}; ` +
      `connections waiting to be accepted: max ${Math.max(0, ...acceptQueue)}`,
  );
  console.log(
    `load generator CPU (this process; the Contabo simulator runs in its own): ${generatorCpuUsed.toFixed(1)} s ` +
      `(${((100 * generatorCpuUsed) / elapsed).toFixed(0)} % of one core)`,
  );
  const busiest = [...backendStates].sort((a, b) => b[1] - a[1]).slice(0, 6);
  if (busiest.length) {
    console.log('active PostgreSQL backends, most seen (samples every 200 ms):');
    for (const [state, n] of busiest) console.log(`  ${n}\t${state}`);
  }
  lag.forEach((l, p) =>
    console.log(
      `event-loop lag, platform process ${p + 1} (1-s windows: median p50, worst p99, max): ${formatLag(l)}`,
    ),
  );
  console.log(`event-loop lag, the load generator itself: ${formatLag(benchLag)}`);
  console.log(
    `burst: ${burstIds.size} stops queued; ${burstStops.filter((s) => s.status < 300).length} reached Contabo ` +
      `(${stops.length - burstStops.length} of the mix's besides), ` +
      `${stops.filter((s) => s.status === 429).length} × 429, max ${maxPerSecond} in any second (rate ${rate}/s; ` +
      `arrival times as the simulator's own process saw them), ${averageRate.toFixed(2)}/s from first to last, ` +
      `${repeated} instances stopped more than once`,
  );
  const perAction = (seconds: number) => `${((1000 * seconds) / Math.max(1, burstIds.size)).toFixed(2)} ms`;
  console.log(
    `burst accepted: all ${burstIds.size} answered within ${burstAcceptMs.toFixed(0)} ms; CPU meanwhile (per action): ` +
      `platform ${perAction(burstPlatformCpu)}, PostgreSQL ${perAction(burstPgCpu)}, this generator ` +
      `${perAction(burstGeneratorCpu)} (clock ticks of 10 ms)`,
  );
} finally {
  await loadPlatform.stop();
  await sim.close();
}

/** Connections the kernel has completed but the platform has not accepted yet (the listener's Recv-Q). */
function acceptQueueLength(port: string): number {
  try {
    const line = execFileSync('ss', ['-Hltn', `sport = :${port}`])
      .toString()
      .trim();
    return Number(line.split(/\s+/)[1] ?? 0);
  } catch {
    return 0;
  }
}
