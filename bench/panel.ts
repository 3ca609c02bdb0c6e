/**
 * `npm run bench:panel`: 200 concurrent customers, each owning one VPS, on PostgreSQL with Contabo played by the
 * simulator (over HTTP, like the real API). Prints p50/p99 of GET /api/vps, of an action round trip (POST stop →
 * the panel shows `stopped`), and the Contabo calls per minute the platform made, next to the client's rate limit.
 */
import pg from 'pg';
import { startContaboSimulator } from '@cloud-vertice/contabo/simulator';
import {
  closedLoop,
  contaboSimulatorEnv,
  createCustomers,
  ORIGIN_HEADERS,
  percentile,
  startPlatform,
} from './lib.ts';

const customers = Number(process.env.BENCH_CUSTOMERS ?? 200);
const seconds = Number(process.env.BENCH_DURATION ?? 10);
const ratePerSecond = Number(process.env.CONTABO_RATE_LIMIT_PER_SECOND ?? 5);

const sim = await startContaboSimulator({ seed: false, timing: { actionMs: 1_000, provisionMs: 1_000 } });
const instanceIds = sim.control.seedInstances(customers);
const platform = await startPlatform('postgres', {
  RATE_LIMIT_DISABLED: 'true',
  ...contaboSimulatorEnv(sim, ratePerSecond),
});
try {
  console.log(`creating ${customers} customers with one VPS each…`);
  const users = await createCustomers(platform.url, platform.databaseUrl!, customers);
  const db = new pg.Client({ connectionString: platform.databaseUrl });
  await db.connect();
  const vpsIds: string[] = [];
  for (const [i, user] of users.entries()) {
    // Setup only: link each customer to one simulator instance directly (the admin API does the same, one by one).
    const { rows } = await db.query(
      `insert into vps_instances (user_id, contabo_instance_id, status, ip_address, region, period_months, assigned_at, expires_at)
       select id, $2, 'running', '203.0.113.1', 'EU', 1, now(), now() + interval '30 days' from users where lower(email) = lower($1)
       returning id`,
      [user.email, instanceIds[i]],
    );
    vpsIds.push(rows[0].id as string);
  }
  await db.end();
  const auth = (i: number) => ({
    ...ORIGIN_HEADERS(platform.url),
    authorization: `Bearer ${users[i]!.token}`,
  });

  const list = await closedLoop(
    customers,
    seconds,
    async (i) => (await fetch(`${platform.url}/api/vps`, { headers: auth(i) })).ok,
  );

  sim.control.resetCounters();
  const actionStart = performance.now();
  const roundTrips: number[] = [];
  let failures = 0;
  await Promise.all(
    users.map(async (_, i) => {
      const t0 = performance.now();
      const res = await fetch(`${platform.url}/api/vps/${vpsIds[i]}/stop`, {
        method: 'POST',
        headers: auth(i),
      });
      if (res.status !== 202) {
        if (!failures) console.log(`first failed action: ${res.status} ${await res.text()}`);
        failures++;
        return;
      }
      for (let tries = 0; tries < 600; tries++) {
        await new Promise((r) => setTimeout(r, 500));
        const vps = (await (
          await fetch(`${platform.url}/api/vps/${vpsIds[i]}`, { headers: auth(i) })
        ).json()) as {
          status: string;
          actionInFlight: unknown;
        };
        if (vps.status === 'stopped' && !vps.actionInFlight) {
          roundTrips.push(performance.now() - t0);
          return;
        }
      }
      failures++;
    }),
  );
  const minutes = (performance.now() - actionStart) / 60_000;
  const calls = sim.control.counters().apiRequests;

  console.log(
    `\nbench:panel — ${customers} concurrent customers, PostgreSQL, Contabo simulator, ${new Date().toISOString()}`,
  );
  console.log(
    `GET /api/vps: ${list.latencies.length} requests in ${list.elapsed.toFixed(1)} s (${(list.latencies.length / list.elapsed).toFixed(0)} req/s), ` +
      `p50 ${percentile(list.latencies, 50).toFixed(1)} ms, p99 ${percentile(list.latencies, 99).toFixed(1)} ms, errors ${list.errors}`,
  );
  console.log(
    `action round trip (POST stop → panel shows stopped; Contabo takes 1 s): ${roundTrips.length} done, ${failures} failed, ` +
      `p50 ${(percentile(roundTrips, 50) / 1000).toFixed(2)} s, p99 ${(percentile(roundTrips, 99) / 1000).toFixed(2)} s`,
  );
  console.log(
    `Contabo calls during the action phase: ${calls} in ${minutes.toFixed(2)} min = ${(calls / minutes).toFixed(0)}/min ` +
      `(client limit ${ratePerSecond}/s = ${ratePerSecond * 60}/min: ${calls / minutes <= ratePerSecond * 60 ? 'under' : 'OVER'})`,
  );
  console.log(`by operation: ${JSON.stringify(sim.control.counters().byOperation)}`);
} finally {
  await platform.stop();
  await sim.close();
}
