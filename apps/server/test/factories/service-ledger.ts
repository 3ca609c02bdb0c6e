/**
 * Test factories: the service ledger and its sums (db/schema/service-ledger.ts). The database writes them, so each
 * factory creates the service that makes the triggers write the row and returns that row.
 */
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../src/db/client.ts';
import * as t from '../../src/db/schema/index.ts';
import { createProduct } from './catalog.ts';
import { type Insert } from './shared.ts';
import { createVpsInstance } from './vps.ts';

/** An active service assigned last year, so it has a ledger row with previous months. */
export async function createServiceLedgerEntry(db: DbOrTx, o: Insert<typeof t.vpsInstances> = {}) {
  const productId = o.productId ?? (await createProduct(db)).id;
  const vps = await createVpsInstance(db, { productId, assignedAt: new Date('2025-03-10T00:00:00Z'), ...o });
  const [row] = await db.select().from(t.serviceLedger).where(eq(t.serviceLedger.vpsInstanceId, vps.id));
  return row!;
}

/** The sums now of a service's plan, region, currency and period. */
export async function createServiceLedgerNow(db: DbOrTx, o: Insert<typeof t.vpsInstances> = {}) {
  const entry = await createServiceLedgerEntry(db, o);
  const [row] = await db
    .select()
    .from(t.serviceLedgerNow)
    .where(
      and(
        eq(t.serviceLedgerNow.productKey, entry.productKey),
        eq(t.serviceLedgerNow.regionKey, entry.regionKey),
        eq(t.serviceLedgerNow.currency, entry.currency),
        eq(t.serviceLedgerNow.months, entry.months),
      ),
    );
  return row!;
}

/** The month start from which a service counts. */
export async function createServiceLedgerMonth(db: DbOrTx, o: Insert<typeof t.vpsInstances> = {}) {
  const entry = await createServiceLedgerEntry(db, o);
  const rows = await db
    .select()
    .from(t.serviceLedgerMonths)
    .where(eq(t.serviceLedgerMonths.month, entry.activeFrom!));
  return rows.find((r) => r.currency === entry.currency && r.months === entry.months)!;
}

/** The month start from which a new customer with an active service counts. */
export async function createCustomerLedgerMonth(db: DbOrTx, o: Insert<typeof t.vpsInstances> = {}) {
  const entry = await createServiceLedgerEntry(db, o);
  const [row] = await db
    .select()
    .from(t.customerLedgerMonths)
    .where(eq(t.customerLedgerMonths.month, entry.activeFrom!));
  return row!;
}

/** The count of customers with an active service now (one row, there from the migration on). */
export async function createCustomerLedgerNow(db: DbOrTx, o: Insert<typeof t.vpsInstances> = {}) {
  await createServiceLedgerEntry(db, o);
  const [row] = await db.select().from(t.customerLedgerNow);
  return row!;
}
