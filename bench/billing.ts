/**
 * `npm run bench:billing`: the daily billing lifecycle job for 10,000 services on PostgreSQL. Builds the platform
 * in-process on a fresh database with a manual clock and the Contabo simulator, spreads the services' expiry dates
 * over 30 days, then walks 20 days (far enough for suspensions, termination warnings and terminations): each day
 * runs the job (timed), runs it again (timed: the idempotent re-run), pays 90 % of the renewals issued that day and
 * drains the queued e-mails and Contabo calls (timed apart: workers do that in production). Prints per-day timings
 * and counts, and the backlog day versus the steady state.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { runMigrations } from '../apps/server/src/db/migrate.ts';
import { invoices, products, users, vpsInstances } from '../apps/server/src/db/schema/index.ts';
import { ManualClock } from '../apps/server/src/lib/clock.ts';
import { seedCatalog } from '../apps/server/src/modules/catalog/catalog.seed.ts';
import { startInProcessPlatform } from './in-process.ts';
import { percentile } from './lib.ts';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 10_000);
const CUSTOMERS = Math.max(1, Math.round(SERVICES / 5));
const DAYS = Number(process.env.BENCH_DAYS ?? 20);
const PAY_SHARE = 0.9;
const DAY = 86_400_000;
const START = new Date('2026-03-01T02:00:00Z');

const clock = new ManualClock(START);
const platform = await startInProcessPlatform('billing', clock);
const { database, contabo, container } = platform;

const ms = (from: number) => performance.now() - from;
const fmt = (value: number) => `${value.toFixed(0).padStart(6)} ms`;

try {
  await runMigrations(database);
  await seedCatalog(database.db);
  await container.jobs.start({ work: false });
  const db = database.db;

  console.log(`seeding ${CUSTOMERS} customers and ${SERVICES} services on PostgreSQL…`);
  const plans = await db.select({ id: products.id }).from(products);
  const customerIds: string[] = [];
  for (let i = 0; i < CUSTOMERS; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, CUSTOMERS - i) }, (_, j) => ({
      id: randomUUID(),
      name: `Cliente ${i + j}`,
      firstName: 'Cliente',
      lastName: String(i + j),
      email: `bench${i + j}@example.test`,
      emailVerified: true,
      language: (i + j) % 4 === 0 ? 'en' : 'es',
    }));
    await db.insert(users).values(batch);
    customerIds.push(...batch.map((u) => u.id));
  }
  const instanceIds = contabo.simulator!.control.seedInstances(SERVICES);
  for (let i = 0; i < SERVICES; i += 1000) {
    const batch = instanceIds.slice(i, i + 1000).map((contaboInstanceId, j) => ({
      userId: customerIds[(i + j) % customerIds.length]!,
      contaboInstanceId,
      productId: plans[(i + j) % plans.length]!.id,
      displayName: `vps-${i + j}`,
      status: 'running',
      region: 'EU',
      periodMonths: (i + j) % 10 === 0 ? 12 : 1,
      // Expiry dates spread evenly over the next 30 days.
      expiresAt: new Date(START.getTime() + (((i + j) * 30 * DAY) / SERVICES + 3_600_000)),
    }));
    await db.insert(vpsInstances).values(batch);
  }

  const lifecycle = container.billingLifecycle;
  const rows: Array<{ day: number; first: number; rerun: number; drain: number; counts: string }> = [];
  for (let day = 0; day < DAYS; day++) {
    clock.set(new Date(START.getTime() + day * DAY));
    let t0 = performance.now();
    const counts = await lifecycle.run();
    const first = ms(t0);
    t0 = performance.now();
    const again = await lifecycle.run();
    const rerun = ms(t0);
    if (Object.values(again).some(Boolean))
      throw new Error(`the re-run did more work: ${JSON.stringify(again)}`);
    // 90 % of today's renewals get paid (not timed: that is the customers' side).
    const issuedToday = await db
      .select({ id: invoices.id })
      .from(invoices)
      .where(and(eq(invoices.status, 'issued'), eq(invoices.issuedAt, clock.now())));
    const toPay = issuedToday.filter((_, i) => i % 10 < PAY_SHARE * 10);
    for (const invoice of toPay) {
      await lifecycle.payInvoice(invoice.id, { provider: 'bank_transfer', reference: `bench-${invoice.id}` });
    }
    t0 = performance.now();
    await container.jobs.drain();
    const drain = ms(t0);
    rows.push({
      day,
      first,
      rerun,
      drain,
      counts: Object.entries(counts)
        .filter(([, n]) => n)
        .map(([k, n]) => `${k} ${n}`)
        .join(', '),
    });
    console.log(
      `day ${String(day).padStart(2)}: job ${fmt(first)}, re-run ${fmt(rerun)}, queued side effects ${fmt(drain)} — ${rows.at(-1)!.counts || 'nothing to do'}`,
    );
  }

  const steady = rows.slice(1).map((r) => r.first);
  const reruns = rows.map((r) => r.rerun);
  const sim = contabo.simulator!.control.counters();
  console.log(
    `\nbench:billing — ${SERVICES} services, ${CUSTOMERS} customers, ${DAYS} days, PostgreSQL, ${new Date().toISOString()}`,
  );
  console.log(`day 0 (backlog: every service expiring within 7 days): ${rows[0]!.first.toFixed(0)} ms`);
  console.log(
    `daily job, days 1–${DAYS - 1}: p50 ${percentile(steady, 50).toFixed(0)} ms, max ${percentile(steady, 100).toFixed(0)} ms`,
  );
  console.log(
    `idempotent re-run of the same day: p50 ${percentile(reruns, 50).toFixed(0)} ms, max ${percentile(reruns, 100).toFixed(0)} ms`,
  );
  console.log(`Contabo simulator counters: ${JSON.stringify(sim)}`);
} finally {
  await platform.close();
}
