/**
 * `npm run bench:dashboard`: the console's dashboard and a 12-month sales report on PostgreSQL with 20,000 customers,
 * 30,000 services and 200,000 invoices (scale with BENCH_SCALE, e.g. 0.1). Data is generated set-based with
 * generate_series on a fresh database; the services are called in-process (no HTTP), after one warm-up, RUNS times
 * each. Prints p50/p95/p99 (BENCH_KEEP=1 keeps the database to profile it). Targets from the issue: dashboard p99 < 150 ms, 12-month report p99 < 500 ms.
 */
import { sql } from 'drizzle-orm';
import { runMigrations } from '../apps/server/src/db/migrate.ts';
import { ManualClock } from '../apps/server/src/lib/clock.ts';
import { seedCatalog } from '../apps/server/src/modules/catalog/catalog.seed.ts';
import { printPercentiles, startInProcessPlatform } from './in-process.ts';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const CUSTOMERS = Math.round(20_000 * SCALE);
const SERVICES = Math.round(30_000 * SCALE);
const INVOICES = Math.round(200_000 * SCALE);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const NOW = new Date('2026-06-15T12:00:00Z');

const platform = await startInProcessPlatform('dashboard', new ManualClock(NOW));
const { database, container } = platform;

const ms = (from: number) => performance.now() - from;
const fmt = (v: number) => `${v.toFixed(1).padStart(8)} ms`;

try {
  await runMigrations(database);
  await seedCatalog(database.db);
  const db = database.db;
  const t0 = performance.now();
  // A bulk load, as an import would do it: in one transaction with row triggers off, then what triggers keep one
  // row at a time (the sales and service ledgers, unpaid invoices per due day, customers per sign-up month) rebuilt
  // in one set-based pass each.
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    // Customers over the last two years.
    await tx.execute(sql`
      insert into users (name, email, first_name, last_name, role, email_verified, country, created_at)
      select 'Cliente ' || g, 'c' || g || '@bench.test', 'Cliente', g::text, 'customer', true,
        (array['CO','MX','ES','AR','CL'])[1 + g % 5], ${NOW}::timestamptz - (g % 730) * interval '1 day'
      from generate_series(1, ${CUSTOMERS}) g`);
    // One order and one service per slot; 80 % active, 10 % suspended, 10 % ended.
    await tx.execute(sql`
      with u as (select id, row_number() over (order by email) rn from users where role = 'customer'),
        p as (select id, row_number() over (order by sort_order, id) - 1 as slot from products),
        r as (select array_agg(code order by code) codes from regions)
      insert into orders (order_number, user_id, product_id, status, currency, period_months, subtotal_minor,
        total_minor, cost_minor, region, payment_method, payment_status, created_at, paid_at, completed_at)
      select 'B-' || g, u.id, p.id, 'completed', 'USD', 1, 800 + (g % 5) * 400, 800 + (g % 5) * 400,
        500 + (g % 5) * 250, r.codes[1 + g % array_length(r.codes, 1)], 'stripe', 'paid',
        ${NOW}::timestamptz - (g % 700) * interval '1 day', ${NOW}::timestamptz - (g % 700) * interval '1 day',
        ${NOW}::timestamptz - (g % 700) * interval '1 day'
      from generate_series(1, ${SERVICES}) g
      join u on u.rn = 1 + (g % ${CUSTOMERS})
      join p on p.slot = g % (select count(*) from products)
      cross join r`);
    await tx.execute(sql`
      insert into vps_instances (user_id, order_id, contabo_instance_id, product_id, status, service_status,
        region, period_months, assigned_at, expires_at, suspended_at, terminated_at, ip_address)
      select o.user_id, o.id, 500000000 + row_number() over (order by o.id), o.product_id,
        (array['running','running','stopped','provisioning'])[1 + (row_number() over (order by o.id))::int % 4],
        case when (row_number() over (order by o.id)) % 10 = 0 then 'suspended'
             when (row_number() over (order by o.id)) % 10 = 1 then 'terminated' else 'active' end,
        o.region, 1, o.paid_at, ${NOW}::timestamptz + ((row_number() over (order by o.id)) % 30) * interval '1 day',
        case when (row_number() over (order by o.id)) % 10 = 0 then ${NOW}::timestamptz - interval '3 days' end,
        case when (row_number() over (order by o.id)) % 10 = 1 then ${NOW}::timestamptz - interval '5 days' end,
        '10.' || ((row_number() over (order by o.id)) / 65536 % 256) || '.' ||
          ((row_number() over (order by o.id)) / 256 % 256) || '.' || ((row_number() over (order by o.id)) % 256)
      from orders o where o.order_number like 'B-%'`);
    // Invoices over two years: 85 % paid (a third of them renewals), 10 % unpaid, 5 % void; 1 in 20 credited in part.
    await tx.execute(sql`
      with v as (select id, user_id, order_id, row_number() over (order by id) - 1 as slot from vps_instances)
      insert into invoices (invoice_number, type, user_id, vps_instance_id, order_id, status, currency,
        subtotal_minor, tax_minor, total_minor, bill_to, issued_at, due_at, paid_at)
      select 'BI-' || g, 'invoice', v.user_id, v.id, case when g % 3 = 0 then null else v.order_id end,
        case when g % 20 < 17 then 'paid' when g % 20 < 19 then 'issued' else 'void' end, 'USD',
        1000 + (g % 7) * 300, 190 + (g % 7) * 57, 1190 + (g % 7) * 357,
        jsonb_build_object('country', (array['CO','MX','ES','AR','CL'])[1 + g % 5]),
        ${NOW}::timestamptz - (g % 730) * interval '1 day', ${NOW}::timestamptz - (g % 730) * interval '1 day',
        case when g % 20 < 17 then ${NOW}::timestamptz - (g % 730) * interval '1 day' end
      -- The slot is a plain equality on each side so the planner hashes it (a condition on both sides would be a
      -- nested loop of invoices × services).
      from generate_series(1, ${INVOICES}) g join v on v.slot = g % ${SERVICES}`);
    await tx.execute(sql`
      insert into transactions (invoice_id, user_id, kind, provider, provider_tx_id, amount_minor, currency,
        provider_amount_minor, provider_currency, exchange_rate, status, created_at)
      select i.id, i.user_id, 'payment', (array['stripe','paypal','mercadopago','bank_transfer'])[1 + (hashtext(i.id::text) & 3)],
        'b_' || i.id, i.total_minor, 'USD', i.total_minor, 'USD', 1, 'succeeded', i.paid_at
      from invoices i where i.status = 'paid'`);
    await tx.execute(sql`
      insert into invoices (invoice_number, type, reference_invoice_id, user_id, vps_instance_id, order_id, status,
        currency, subtotal_minor, tax_minor, total_minor, bill_to, issued_at)
      select 'BN-' || i.invoice_number, 'credit_note', i.id, i.user_id, i.vps_instance_id, i.order_id, 'issued',
        'USD', 500, 95, 595, i.bill_to, i.paid_at + interval '2 days'
      from invoices i where i.status = 'paid' and i.invoice_number like 'BI-%' and hashtext(i.id::text) % 20 = 0`);
  });
  await db.execute(sql`select sales_ledger_rebuild()`);
  await db.execute(sql`select service_ledger_rebuild()`);
  await db.execute(sql`select unpaid_invoice_days_rebuild()`);
  await db.execute(sql`select customer_signup_months_rebuild()`);
  await db.execute(sql`analyze`);
  const counts = await db.execute(sql`select
      (select count(*) from users where role = 'customer') as customers,
      (select count(*) from vps_instances) as services,
      (select count(*) from invoices) as invoices`);
  console.log(
    `data: ${JSON.stringify((counts as unknown as { rows: unknown[] }).rows[0])} in ${fmt(ms(t0))}`,
  );
  const time = (label: string, run: () => Promise<unknown>) => printPercentiles(label, RUNS, run);

  await time('GET /api/admin/dashboard', () => container.dashboard.get());
  await time('sales report, 12 months by month', () =>
    container.reports.sales({
      from: '2025-06-01',
      to: '2026-05-31',
      group: 'month',
      dimension: 'none',
      format: 'json',
    }),
  );
  await time('sales report, 12 months by plan', () =>
    container.reports.sales({
      from: '2025-06-01',
      to: '2026-05-31',
      group: 'month',
      dimension: 'plan',
      format: 'json',
    }),
  );
  await time('customers list, sorted by spend', () =>
    container.customers.list({ page: 1, pageSize: 20, sort: 'spend', order: 'desc', format: 'json' }),
  );
  console.log(`scale ${SCALE}: ${CUSTOMERS} customers, ${SERVICES} services, ${INVOICES} invoices`);
} finally {
  await platform.close(process.env.BENCH_KEEP === '1');
}
