import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import * as schema from '../../src/db/schema/index.ts';
import { createDashboardRepo } from '../../src/modules/dashboard/dashboard.repo.ts';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../db.ts';
import { createInvoice, createUser } from '../factories.ts';

/**
 * Unpaid invoices per due day (db/schema/unpaid-invoices.ts) are kept by triggers on `invoices`; the dashboard's
 * "unpaid past due" alert adds them up to yesterday and counts today's invoices itself. Whatever happens to an
 * invoice, the alert's count must be the count of unpaid invoices past due, at any instant of the day.
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
        userId: (await createUser(tx)).id,
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
