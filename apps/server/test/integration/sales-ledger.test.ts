import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DbOrTx } from '../../src/db/client.ts';
import { runMigrations } from '../../src/db/migrate.ts';
import { MINOR_DIGITS } from '../../src/lib/money.ts';
import * as schema from '../../src/db/schema/index.ts';
import { createReportsRepo } from '../../src/modules/reports/reports.repo.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { copyFirstMigrations, createEmptyDatabase, migrationTags, TEST_ENGINE } from '../db.ts';
import {
  createInvoice,
  createOrder,
  createProduct,
  createRegion,
  createTransaction,
  createUser,
  createVpsInstance,
} from '../factories.ts';

/**
 * The sales ledger (db/schema/sales-ledger.ts) is written by the database in the same transaction as the document:
 * when billing issues a paid invoice, when an invoice is paid, when a credit note is issued; a migration backfilled
 * what existed before it. Amounts at the payment's frozen rate and the Contabo cost are fixed then.
 */
let t: TestApp;

const ledgerOf = async (db: DbOrTx, id: string) =>
  (await db.select().from(schema.salesLedger).where(eq(schema.salesLedger.documentId, id)))[0];

/** The monthly sums recomputed from the ledger rows, to compare with the ones the triggers kept. */
async function monthsFromLedger(db: DbOrTx) {
  return queryRows<Record<string, unknown>>(
    db,
    sql`select to_char(date_trunc('month', at at time zone 'UTC'), 'YYYY-MM-DD') as month,
        coalesce(product_id::text, '') as product_key, type, currency, coalesce(pay_currency, '') as pay_currency,
        count(*)::int as documents, sum(total_minor)::float8 as total, sum(tax_minor)::float8 as tax,
        sum(cost_minor)::float8 as cost, coalesce(sum(pay_total_minor), 0)::float8 as pay_total,
        coalesce(sum(pay_tax_minor), 0)::float8 as pay_tax, coalesce(sum(pay_cost_minor), 0)::float8 as pay_cost
      from sales_ledger group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5`,
  );
}
async function monthsKept(db: DbOrTx) {
  return queryRows<Record<string, unknown>>(
    db,
    sql`select to_char(month, 'YYYY-MM-DD') as month, product_key, type, currency, pay_currency, documents,
        total_minor::float8 as total, tax_minor::float8 as tax, cost_minor::float8 as cost,
        pay_total_minor::float8 as pay_total, pay_tax_minor::float8 as pay_tax, pay_cost_minor::float8 as pay_cost
      from sales_ledger_months order by 1, 2, 3, 4, 5`,
  );
}

beforeAll(async () => {
  t = await createTestApp({ env: { RATE_LIMIT_DISABLED: 'true' } });
  t.clock.set('2026-04-10T12:00:00Z');
});
afterAll(async () => {
  await t?.close();
});

describe(`sales ledger (${TEST_ENGINE})`, () => {
  it('is written when an order is invoiced paid, when a renewal is paid and when a credit note is issued', async () => {
    const db = t.database.db;
    await createRegion(db, { code: 'EU-L', name: 'Europa L' });
    const plan = await createProduct(db, {
      name: 'Plan L',
      costMinor: 450,
      currency: 'EUR',
      regions: ['EU-L'],
    });
    const user = await createUser(db, { country: 'ES' });

    // A new order in EUR, paid by Stripe in USD at a rate frozen on the payment.
    const order = await createOrder(db, {
      userId: user.id,
      productId: plan.id,
      status: 'paid',
      currency: 'EUR',
      subtotalMinor: 1500,
      totalMinor: 1500,
      costMinor: 450,
      region: 'EU-L',
      paidAt: t.clock.now(),
    });
    await createTransaction(db, {
      userId: user.id,
      orderIds: [order.id],
      provider: 'stripe',
      status: 'succeeded',
      amountMinor: 1500,
      currency: 'EUR',
      providerCurrency: 'USD',
      providerAmountMinor: 1620,
      exchangeRate: 1.08,
    });
    const invoice = (await t.container.billing.issueInvoiceForOrders([order.id]))!;
    expect(await ledgerOf(db, invoice.id)).toEqual({
      documentId: invoice.id,
      type: 'invoice',
      userId: user.id,
      at: invoice.paidAt,
      currency: 'EUR',
      totalMinor: invoice.totalMinor,
      taxMinor: invoice.taxMinor,
      costMinor: 450,
      payCurrency: 'USD',
      payTotalMinor: Math.round(invoice.totalMinor * 1.08),
      payTaxMinor: Math.round(invoice.taxMinor * 1.08),
      payCostMinor: Math.round(450 * 1.08),
      method: 'stripe',
      kind: 'new',
      productId: plan.id,
      region: 'EU-L',
      country: 'ES',
    });

    // A renewal invoice counts only once paid; its cost is the plan's at that moment.
    const vps = await createVpsInstance(db, {
      userId: user.id,
      productId: plan.id,
      periodMonths: 1,
      region: 'EU-L',
      serviceStatus: 'active',
      expiresAt: new Date('2026-04-20T00:00:00Z'),
    });
    const renewal = await createInvoice(db, {
      userId: user.id,
      vpsInstanceId: vps.id,
      status: 'issued',
      currency: 'USD',
      subtotalMinor: 900,
      totalMinor: 900,
      billTo: { country: 'ES' },
      issuedAt: t.clock.now(),
      dueAt: new Date('2026-04-20T00:00:00Z'),
      periodStart: new Date('2026-04-20T00:00:00Z'),
      periodEnd: new Date('2026-05-20T00:00:00Z'),
    });
    expect(await ledgerOf(db, renewal.id)).toBeUndefined();
    const [rule] = await db
      .select()
      .from(schema.priceRules)
      .where(sql`${schema.priceRules.productId} = ${plan.id} and ${schema.priceRules.periodMonths} = 1`);
    const renewalCost = rule?.costMinor ?? 450;
    t.clock.set('2026-04-12T09:00:00Z');
    await t.container.billingLifecycle.payInvoice(renewal.id, {
      provider: 'bank_transfer',
      reference: 'TRF-L1',
    });
    const paid = (await ledgerOf(db, renewal.id))!;
    expect(paid).toMatchObject({
      type: 'invoice',
      at: new Date('2026-04-12T09:00:00Z'),
      currency: 'USD',
      totalMinor: 900,
      costMinor: renewalCost,
      payCurrency: null,
      method: 'bank_transfer',
      kind: 'renewal',
      productId: plan.id,
      region: 'EU-L',
    });
    // Fixed when paid: a later change of the plan's cost does not rewrite what the renewal cost.
    await db.update(schema.products).set({ costMinor: 9999 }).where(eq(schema.products.id, plan.id));
    await db
      .update(schema.priceRules)
      .set({ costMinor: 9999 })
      .where(eq(schema.priceRules.productId, plan.id));
    expect(await ledgerOf(db, renewal.id)).toEqual(paid);

    // A partial credit note on the EUR invoice: on its issue date, at the invoice's frozen rate, no cost.
    t.clock.set('2026-04-15T10:00:00Z');
    const note = await t.container.billing.creditNote(invoice.id, { reason: 'Parcial', amountMinor: 500 });
    expect(await ledgerOf(db, note.id)).toMatchObject({
      type: 'credit_note',
      at: new Date('2026-04-15T10:00:00Z'),
      currency: 'EUR',
      totalMinor: 500,
      costMinor: 0,
      payCurrency: 'USD',
      payTotalMinor: 540,
      payCostMinor: 0,
      method: 'stripe',
      kind: 'new',
      productId: plan.id,
    });

    // The monthly sums the triggers kept are the sums of the ledger rows.
    expect(await monthsKept(db)).toEqual(await monthsFromLedger(db));
  });

  it('answers whole months from the monthly sums exactly as from the documents, in any base currency', async () => {
    const reports = createReportsRepo(t.database.db);
    for (const base of ['USD', 'EUR']) {
      for (const dimension of ['none', 'plan'] as const) {
        const q = {
          from: new Date('2026-03-01T00:00:00Z'),
          to: new Date('2026-05-01T00:00:00Z'),
          grain: 'month' as const,
          dimension,
          base,
          rates: { EUR: 1.1, USD: 0.9 },
        };
        const fromDocuments = await reports.byDocument(q);
        expect(fromDocuments.length).toBeGreaterThan(0);
        expect(await reports.byMonth(q)).toEqual(fromDocuments);
      }
    }
  });

  it('converts minor digits in SQL as lib/money.ts does', async () => {
    for (const [code, digits] of Object.entries({ ...MINOR_DIGITS, XYZ: 2 })) {
      const [row] = await queryRows<{ d: number }>(
        t.database.db,
        sql`select currency_minor_digits(${code}) as d`,
      );
      expect([code, Number(row!.d)]).toEqual([code, digits]);
    }
  });
});

describe(`sales ledger migration (${TEST_ENGINE})`, () => {
  it('backfills the documents that existed before it', async () => {
    // The migrations before the ledger's, in a folder of their own.
    const at = migrationTags().findIndex((tag) => tag.endsWith('_a18_ledger'));
    expect(at).toBeGreaterThan(0);
    const folder = copyFirstMigrations(mkdtempSync(join(tmpdir(), 'cv-ledger-migrations-')), at);

    const database = await createEmptyDatabase('cv_test_ledger');
    try {
      await runMigrations(database, folder);
      const db = database.db;
      const user = await createUser(db, { country: 'MX' });
      const product = await createProduct(db, { costMinor: 700 });
      const order = await createOrder(db, { userId: user.id, productId: product.id, costMinor: 700 });
      const paid = await createInvoice(db, {
        userId: user.id,
        orderId: order.id,
        status: 'paid',
        currency: 'MXN',
        totalMinor: 20000,
        taxMinor: 2000,
        billTo: { country: 'MX' },
        paidAt: new Date('2026-01-05T10:00:00Z'),
      });
      await createTransaction(db, {
        userId: user.id,
        invoiceId: paid.id,
        provider: 'mercadopago',
        status: 'succeeded',
        amountMinor: 20000,
        currency: 'MXN',
        providerCurrency: 'USD',
        exchangeRate: 0.05,
      });
      const note = await createInvoice(db, {
        type: 'credit_note',
        referenceInvoiceId: paid.id,
        userId: user.id,
        orderId: order.id,
        status: 'issued',
        currency: 'MXN',
        totalMinor: 5000,
        taxMinor: 500,
        issuedAt: new Date('2026-01-20T10:00:00Z'),
      });
      const unpaid = await createInvoice(db, { userId: user.id, status: 'issued', totalMinor: 300 });

      await runMigrations(database);
      expect(await ledgerOf(db, paid.id)).toMatchObject({
        type: 'invoice',
        at: new Date('2026-01-05T10:00:00Z'),
        totalMinor: 20000,
        costMinor: 700,
        payCurrency: 'USD',
        payTotalMinor: 1000,
        payTaxMinor: 100,
        payCostMinor: 35,
        method: 'mercadopago',
        country: 'MX',
      });
      expect(await ledgerOf(db, note.id)).toMatchObject({
        type: 'credit_note',
        at: new Date('2026-01-20T10:00:00Z'),
        totalMinor: 5000,
        payTotalMinor: 250,
        method: 'mercadopago',
      });
      expect(await ledgerOf(db, unpaid.id)).toBeUndefined();
      expect(await monthsKept(db)).toEqual(await monthsFromLedger(db));
      expect((await monthsKept(db)).map((m) => [m.type, m.documents])).toEqual([
        ['credit_note', 1],
        ['invoice', 1],
      ]);
    } finally {
      await database.destroy();
    }
    // Every migration from an empty database (no template): tens of seconds on a busy machine.
  }, 180_000);
});
