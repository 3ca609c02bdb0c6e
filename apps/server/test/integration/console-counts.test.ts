import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import * as schema from '../../src/db/schema/index.ts';
import { createDashboardRepo } from '../../src/modules/dashboard/dashboard.repo.ts';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../db.ts';
import { createAdmin, createInvoice, createUser } from '../factories.ts';

/**
 * The console's counts kept by triggers (db/schema/console-counts.ts). Unpaid invoices per due day: the dashboard's
 * "unpaid past due" alert adds them up to yesterday and counts today's invoices itself; whatever happens to an
 * invoice, its count must be the count of unpaid invoices past due, at any instant of the day. Customers per sign-up
 * month: the "new customers" figure and chart must count customers (never staff) as the users table says.
 */
let database: TestDatabase;
const ids: Record<string, string> = {};
const at = (iso: string) => new Date(iso);
const INSTANTS = [
  '2026-03-09T12:00:00Z',
  '2026-03-10T00:00:00Z',
  '2026-03-10T09:30:00Z',
  '2026-03-12T23:59:59Z',
];

async function expectExact() {
  const db = database.db;
  const repo = createDashboardRepo(db);
  for (const iso of INSTANTS) {
    const now = at(iso);
    const [direct] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from invoices
        where type = 'invoice' and status in ('issued', 'overdue') and due_at < ${now}`,
    );
    expect((await repo.alerts(now, now, 5)).overdue.count, iso).toBe(direct!.n);
  }
  const kept = await queryRows(db, sql`select day::text, invoices from unpaid_invoice_days order by 1`);
  await db.execute(sql`select unpaid_invoice_days_rebuild()`);
  expect(kept).toEqual(
    await queryRows(db, sql`select day::text, invoices from unpaid_invoice_days order by 1`),
  );
}

const setInvoice = (id: string, patch: Partial<typeof schema.invoices.$inferInsert>) =>
  database.db.update(schema.invoices).set(patch).where(eq(schema.invoices.id, id));

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const user = await createUser(db);
  ids.user = user.id;
  const invoice = async (name: string, o: Parameters<typeof createInvoice>[1]) => {
    ids[name] = (await createInvoice(db, { userId: user.id, ...o })).id;
  };
  await invoice('early', { status: 'issued', dueAt: at('2026-03-01T10:00:00Z') });
  await invoice('overdue', { status: 'overdue', dueAt: at('2026-03-09T23:00:00Z') });
  // Two due on March 10, one at midnight and one in the morning: past due during that day, one after the other.
  await invoice('midnight', { status: 'issued', dueAt: at('2026-03-10T00:00:00Z') });
  await invoice('morning', { status: 'issued', dueAt: at('2026-03-10T08:00:00Z') });
  await invoice('later', { status: 'issued', dueAt: at('2026-03-11T08:00:00Z') });
  // Not unpaid invoices: a draft, a paid one, a void one, a credit note, one with no due date.
  await invoice('draft', { status: 'draft', dueAt: at('2026-03-01T00:00:00Z') });
  await invoice('paid', { status: 'paid', dueAt: at('2026-03-01T00:00:00Z'), paidAt: at('2026-03-01') });
  await invoice('void', { status: 'void', dueAt: at('2026-03-01T00:00:00Z') });
  await invoice('note', { type: 'credit_note', status: 'issued', dueAt: at('2026-03-01T00:00:00Z') });
  await invoice('undated', { status: 'issued' });
});
afterAll(async () => {
  await database?.destroy();
});

describe(`unpaid invoices per due day (${TEST_ENGINE})`, () => {
  it('counts unpaid invoices past due at any instant', async () => {
    const [day] = await queryRows(
      database.db,
      sql`select invoices from unpaid_invoice_days where day = '2026-03-10'`,
    );
    expect(day).toEqual({ invoices: 2 });
    await expectExact();
  });

  it('follows payment, voiding, a new due date, issuing and deletion', async () => {
    await setInvoice(ids.early!, { status: 'paid', paidAt: at('2026-03-11') });
    await expectExact();
    await setInvoice(ids.overdue!, { status: 'void' });
    await expectExact();
    await setInvoice(ids.later!, { dueAt: at('2026-03-09T08:00:00Z') });
    await expectExact();
    await setInvoice(ids.draft!, { status: 'issued' });
    await setInvoice(ids.undated!, { dueAt: at('2026-03-10T05:00:00Z') });
    await expectExact();
    await setInvoice(ids.morning!, { status: 'overdue' });
    await expectExact();
    await database.db.delete(schema.invoices).where(eq(schema.invoices.id, ids.midnight!));
    await expectExact();
  });

  it('is recounted after a bulk load that ran with triggers off', async () => {
    const db = database.db;
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await createInvoice(tx, {
        userId: ids.user,
        status: 'issued',
        dueAt: at('2026-02-01'),
      });
    });
    const repo = createDashboardRepo(db);
    const now = at('2026-03-12T00:00:00Z');
    const before = (await repo.alerts(now, now, 5)).overdue.count;
    await db.execute(sql`select unpaid_invoice_days_rebuild()`);
    expect((await repo.alerts(now, now, 5)).overdue.count).toBe(before + 1);
    await expectExact();
  });
});

describe(`customers per sign-up month (${TEST_ENGINE})`, () => {
  const RANGES: Array<[string, string]> = [
    ['2025-04-01', '2026-04-01'],
    ['2026-01-01', '2026-03-01'],
  ];
  const people: Record<string, string> = {};

  async function expectSignups() {
    const db = database.db;
    const repo = createDashboardRepo(db);
    for (const [from, to] of RANGES) {
      const counted = await queryRows<{ month: string; n: number }>(
        db,
        sql`select to_char(date_trunc('month', created_at at time zone 'UTC'), 'YYYY-MM-DD') as month,
            count(*)::int as n
          from users where role = 'customer' and created_at >= ${from}::date and created_at < ${to}::date
          group by 1 order by 1`,
      );
      const kept = await repo.newCustomersByMonth(at(`${from}T00:00:00Z`), at(`${to}T00:00:00Z`));
      expect([...kept], `${from}..${to}`).toEqual(counted.map((r) => [r.month, r.n]));
    }
    const kept = await queryRows(
      db,
      sql`select month::text, customers from customer_signup_months order by 1`,
    );
    await db.execute(sql`select customer_signup_months_rebuild()`);
    expect(kept).toEqual(
      await queryRows(db, sql`select month::text, customers from customer_signup_months order by 1`),
    );
  }

  it('counts customers, never staff, in their sign-up month', async () => {
    const db = database.db;
    for (const [name, iso] of [
      ['jan', '2026-01-31T23:59:59Z'],
      ['feb', '2026-02-01T00:00:00Z'],
      ['feb2', '2026-02-20T10:00:00Z'],
      ['mar', '2026-03-05T00:00:00Z'],
    ] as const) {
      people[name] = (await createUser(db, { createdAt: at(iso) })).id;
    }
    people.staff = (await createAdmin(db, { createdAt: at('2026-02-10T00:00:00Z') })).id;
    const feb = (await createDashboardRepo(db).newCustomersByMonth(at('2026-02-01'), at('2026-03-01'))).get(
      '2026-02-01',
    );
    expect(feb).toBe(3 - 1);
    await expectSignups();
  });

  it('follows a change of role or sign-up date and a deletion', async () => {
    const db = database.db;
    const setUser = (id: string, patch: Partial<typeof schema.users.$inferInsert>) =>
      db.update(schema.users).set(patch).where(eq(schema.users.id, id));
    await setUser(people.feb!, { role: 'admin' });
    await expectSignups();
    await setUser(people.staff!, { role: 'customer' });
    await expectSignups();
    await setUser(people.jan!, { createdAt: at('2026-03-01T00:00:00Z') });
    await expectSignups();
    // A user with nothing attached can go.
    await db.delete(schema.users).where(eq(schema.users.id, people.mar!));
    await expectSignups();
  });

  it('is recounted after a bulk load that ran with triggers off', async () => {
    const db = database.db;
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await createUser(tx, { createdAt: at('2026-01-10T00:00:00Z') });
    });
    const repo = createDashboardRepo(db);
    const jan = async () =>
      (await repo.newCustomersByMonth(at('2026-01-01'), at('2026-02-01'))).get('2026-01-01');
    const before = await jan();
    await db.execute(sql`select customer_signup_months_rebuild()`);
    expect(await jan()).toBe((before ?? 0) + 1);
    await expectSignups();
  });
});
