// Issue #16 item 4: order and invoice numbers are separate series (P-… and CV-…), and the migration renames the
// order numbers of the old CV-… form without touching invoices.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { invoices, orders } from '../../src/db/schema/index.ts';
import { MIGRATIONS_FOLDER } from '../../src/db/migrate.ts';
import { ZBillingSettings } from '../../src/modules/billing/billing.schemas.ts';
import { useTestApp } from '../app.ts';
import { api, customer, CHECKOUT_TERMS } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import * as f from '../factories.ts';

const t = useTestApp();

describe(`order and invoice numbers (${TEST_ENGINE})`, () => {
  it('numbers an order P-YYYY-NNNNNN and its invoice CV-YYYY-NNNNNN, so the two never read alike', async () => {
    const c = await customer(t);
    const call = api(t.app, c.accessToken);
    const product = (await t.app.inject('/api/products')).json().items[0] as { id: string };
    const image = (await t.app.inject('/api/images')).json().items[0] as { id: string };
    const created = await call({
      method: 'POST',
      url: '/api/orders',
      payload: {
        legalAccepted: CHECKOUT_TERMS,
        items: [{ productId: product.id, periodMonths: 1, region: 'EU', imageId: image.id }],
      },
    });
    expect(created.statusCode).toBe(201);
    const order = created.json().items[0] as { id: string; orderNumber: string };
    expect(order.orderNumber).toMatch(/^P-\d{4}-\d{6}$/);

    // The bank-transfer reference is the order's own number.
    const transfer = await call({
      method: 'POST',
      url: `/api/orders/${order.id}/pay`,
      payload: { provider: 'bank_transfer' },
    });
    expect(transfer.json().instructions.reference).toBe(order.orderNumber);
    const payment = await call({
      method: 'POST',
      url: `/api/orders/${order.id}/pay`,
      payload: { provider: 'sandbox', scope: 'order' },
    });
    expect(payment.statusCode).toBe(200);
    expect(
      (await call({ method: 'POST', url: `/api/payments/sandbox/${payment.json().id}/approve` })).statusCode,
    ).toBe(200);
    const [invoice] = await t.database.db.select().from(invoices).where(eq(invoices.orderId, order.id));
    expect(invoice!.invoiceNumber).toMatch(/^CV-\d{4}-\d{6}$/);
  });

  it('refuses the reserved order prefix as the invoice prefix', async () => {
    expect(ZBillingSettings.shape.invoicePrefix.safeParse('P').success).toBe(false);
    expect(ZBillingSettings.shape.invoicePrefix.safeParse('p').success).toBe(false);
    expect(ZBillingSettings.shape.invoicePrefix.safeParse('FV').success).toBe(true);
  });

  it('the data migration renames old CV-… order numbers to P-…, leaves invoices alone and can run twice', async () => {
    const file = (await readFile(path.join(MIGRATIONS_FOLDER, '0002_operator_half.sql'), 'utf8'))
      .split('-- hand-written')[1]!
      .trim();
    const db = t.database.db;
    const legacy = await f.createOrder(db, { orderNumber: 'CV-2025-000007' });
    const custom = await f.createOrder(db, { orderNumber: 'CV-EXTRA-1' });
    const invoice = await f.createInvoice(db, { invoiceNumber: 'CV-2025-000007' });
    for (let run = 0; run < 2; run++) await db.execute(sql.raw(file));
    const numberOf = async (id: string) =>
      (await db.select({ n: orders.orderNumber }).from(orders).where(eq(orders.id, id)))[0]!.n;
    expect(await numberOf(legacy.id)).toBe('P-2025-000007');
    expect(await numberOf(custom.id)).toBe('CV-EXTRA-1');
    const [kept] = await db.select().from(invoices).where(eq(invoices.id, invoice.id));
    expect(kept!.invoiceNumber).toBe('CV-2025-000007');
  });
});
