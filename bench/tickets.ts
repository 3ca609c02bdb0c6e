/**
 * `npm run bench:tickets`: the staff ticket queue and ticket creation on PostgreSQL. Builds the platform in-process on
 * a fresh database, seeds BENCH_TICKETS tickets (default 50,000) with BENCH_MESSAGES_PER_TICKET messages each
 * (default 10 → 500,000) across statuses, priorities, departments and assignees, then:
 *   - times the admin queue (`GET /api/admin/tickets`'s service call) for its default order and common filters and
 *     prints p50/p95/p99 (target: p99 under 100 ms for the default queue);
 *   - opens BENCH_CREATE tickets (default 500) through the service, one at a time and 10 at a time, and prints
 *     tickets per second (each with its message, number and staff e-mails in one transaction).
 *
 *   BENCH_TICKETS=50000 BENCH_MESSAGES_PER_TICKET=10 BENCH_QUERIES=200 BENCH_CREATE=500
 */
import { eq, sql } from 'drizzle-orm';
import { runMigrations } from '../apps/server/src/db/migrate.ts';
import { users } from '../apps/server/src/db/schema/index.ts';
import type { TAdminTicketQuery } from '../apps/server/src/modules/tickets/tickets.schemas.ts';
import { printPercentiles, startInProcessPlatform } from './in-process.ts';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 50_000);
const PER_TICKET = Number(process.env.BENCH_MESSAGES_PER_TICKET ?? 10);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const CREATE = Number(process.env.BENCH_CREATE ?? 500);
const CUSTOMERS = Math.max(1, Math.round(TICKETS / 10));
const STAFF = 5;

const platform = await startInProcessPlatform('tickets');
const { database, container } = platform;

const timeQueries = (label: string, query: TAdminTicketQuery) =>
  printPercentiles(label, QUERIES, () => container.ticketsStaff.list(query), 44);

try {
  await runMigrations(database);
  await container.jobs.start({ work: false });
  const db = database.db;
  const seedStarted = performance.now();
  console.log(
    `seeding ${CUSTOMERS} customers, ${TICKETS} tickets, ${TICKETS * PER_TICKET} messages on PostgreSQL…`,
  );
  await db.execute(sql`insert into users (name, first_name, last_name, email, email_verified, role)
    select 'Staff ' || i, 'Staff', i::text, 'staff' || i || '@example.test', true, 'admin' from generate_series(1, ${STAFF}) i`);
  await db.execute(sql`insert into users (name, first_name, last_name, email, email_verified)
    select 'Cliente ' || i, 'Cliente', i::text, 'bench' || i || '@example.test', true from generate_series(1, ${CUSTOMERS}) i`);
  // Customers and staff are numbered once and joined by number (a correlated lookup per row would be quadratic).
  await db.execute(sql`
    with c as (select id, (row_number() over (order by id)) - 1 as n from users where role = 'customer'),
         s as (select id, (row_number() over (order by id)) - 1 as n from users where role = 'admin')
    insert into support_tickets (number, user_id, subject, department, status, priority, assignee_id,
                                 status_changed_at, last_message_at, created_at, staff_unread)
    select 'CV-T-' || lpad(i::text, 6, '0'),
           c.id,
           'Ticket de prueba ' || i,
           (array['technical','billing','sales'])[1 + i % 3],
           (array['closed','closed','closed','closed','answered','answered','open','customer_reply','on_hold','closed'])[1 + i % 10],
           (array['low','normal','normal','high','urgent'])[1 + i % 5],
           case when i % 3 = 0 then null else s.id end,
           now() - (i % 20000) * interval '1 minute',
           now() - (i % 20000) * interval '1 minute',
           now() - (i % 20000) * interval '1 minute' - interval '1 day',
           i % 4 = 0
    from generate_series(1, ${TICKETS}) i
    join c on c.n = i % ${CUSTOMERS}
    join s on s.n = i % ${STAFF}`);
  // Bulk load: the trigram index is rebuilt once after the insert instead of updated 500,000 times.
  await db.execute(sql`drop index ticket_messages_message_trgm_idx`);
  await db.execute(sql`
    insert into ticket_messages (ticket_id, user_id, message, is_admin, created_at)
    select t.id, case when m % 2 = 0 then null else t.user_id end,
           'Mensaje ' || m || ' del ticket ' || t.number || ': el servidor no responde desde ayer, adjunto registros.',
           m % 2 = 0, t.created_at + m * interval '1 minute'
    from support_tickets t, generate_series(1, ${PER_TICKET}) m`);
  await db.execute(
    sql`create index ticket_messages_message_trgm_idx on ticket_messages using gin (message gin_trgm_ops)`,
  );
  await db.execute(
    sql`insert into number_sequences (scope, year, last_value) values ('ticket', 0, ${TICKETS})`,
  );
  // Steady state, as autovacuum leaves a live table: statistics, and the visibility map that lets the queue's total
  // (count over the whole table) be an index-only scan instead of a heap scan.
  await db.execute(sql`vacuum analyze`);
  console.log(`seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s\n`);

  const page = { page: 1, pageSize: 25 };
  console.log(`admin queue, ${QUERIES} calls each (page of 25, with the total):`);
  await timeQueries('default order (waiting on staff first)', page);
  await timeQueries('status = waiting on staff', { ...page, status: 'waiting_staff' });
  await timeQueries('priority = urgent', { ...page, priority: 'urgent' });
  await timeQueries('unassigned', { ...page, assignee: 'none' });
  await timeQueries('page 200 of the default order', { ...page, page: 200 });
  // Substring search over subjects and messages, served by the pg_trgm indexes: a subject, and a ticket number that
  // appears only inside message bodies.
  await timeQueries('text search: subject words', { ...page, q: 'Ticket de prueba 4242' });
  await timeQueries('text search: text inside messages', { ...page, q: 'del ticket CV-T-031337' });
  await timeQueries('text search + status filter', { ...page, q: 'CV-T-0313', status: 'open' });
  // Worst case: a phrase that every seeded message contains (the seed repeats one sentence), so the index narrows
  // nothing; timed apart, as a mean of a few calls.
  const worst = Math.min(5, QUERIES);
  const started = performance.now();
  for (let i = 0; i < worst; i++) await container.ticketsStaff.list({ ...page, q: 'servidor no responde' });
  const mean = (performance.now() - started) / worst;
  console.log(`${'text search: phrase in every message'.padEnd(44)} mean ${mean.toFixed(1).padStart(7)} ms`);

  const customerIds = (
    await db.select({ id: users.id }).from(users).where(eq(users.role, 'customer')).limit(100)
  ).map((r) => r.id);
  const input = (i: number) => ({
    subject: `Nuevo ticket ${i}`,
    message: 'Hola,\nmi servidor no arranca desde el reinicio.',
    priority: 'normal' as const,
  });
  let t0 = performance.now();
  for (let i = 0; i < CREATE; i++)
    await container.tickets.create(customerIds[i % customerIds.length]!, input(i), []);
  const serial = CREATE / ((performance.now() - t0) / 1000);
  t0 = performance.now();
  for (let i = 0; i < CREATE; i += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, CREATE - i) }, (_, j) =>
        container.tickets.create(customerIds[(i + j) % customerIds.length]!, input(i + j), []),
      ),
    );
  }
  const parallel = CREATE / ((performance.now() - t0) / 1000);
  console.log(
    `\nticket creation (message + number + staff e-mails to ${STAFF} admins, one transaction each):`,
  );
  console.log(`  one at a time   ${serial.toFixed(0).padStart(6)} tickets/s`);
  console.log(`  10 at a time    ${parallel.toFixed(0).padStart(6)} tickets/s`);
} finally {
  await platform.close(process.env.BENCH_KEEP_DB === '1');
}
