/**
 * `npm run bench:catalog`: GET /api/products under 100 connections for 10 s on PGlite and on PostgreSQL, next to a
 * bare Fastify route returning constant JSON on the same machine in the same run. Target: p99 < 50 ms on PostgreSQL.
 */
import { load, printTable, startBareFastify, startPlatform, type LoadResult } from './lib.ts';

const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 100);
const rows: LoadResult[] = [];

const bare = await startBareFastify();
rows.push(await load('bare fastify constant JSON', `${bare.url}/constant`, { duration, connections }));
await bare.stop();

for (const engine of ['pglite', 'postgres'] as const) {
  const platform = await startPlatform(engine, { RATE_LIMIT_DISABLED: 'true' });
  try {
    await fetch(`${platform.url}/api/products`); // warm-up
    rows.push(
      await load(`GET /api/products (${engine})`, `${platform.url}/api/products`, { duration, connections }),
    );
  } finally {
    await platform.stop();
  }
}

console.log(`\nbench:catalog — ${connections} connections, ${duration} s each, ${new Date().toISOString()}`);
printTable(rows);
const base = rows[0]!;
for (const row of rows.slice(1)) {
  console.log(
    `${row.label}: ${(row.requestsPerSec / base.requestsPerSec).toFixed(3)} × bare throughput, ` +
      `p99 ${row.p99} ms vs ${base.p99} ms bare`,
  );
}
const pgRow = rows.find((r) => r.label.includes('postgres'))!;
console.log(`Target p99 < 50 ms on PostgreSQL: ${pgRow.p99 < 50 ? 'met' : 'NOT met'} (${pgRow.p99} ms)`);
