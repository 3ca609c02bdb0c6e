import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { invoices, transactions, users } from '../../src/db/schema/index.ts';
import { admin, api, customer } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { createInvoice, createOrder, createProduct, createUser } from '../factories.ts';
import { pdfText } from '../pdf-text.ts';
import { useBillingApp, t, checkoutAndPay, NUMBER } from './billing.setup.ts';

useBillingApp();

describe(`invoices issued when orders are paid (${TEST_ENGINE})`, () => {
  it('issues one paid invoice per payment, numbered, linked and frozen, exactly once', async () => {
    const { c, as, orders, payment } = await checkoutAndPay(2, {
      firstName: 'José',
      lastName: 'Muñoz',
      companyName: 'Compañía Ñandú S.A.S.',
      taxId: '901.555.111-2',
      addressLine1: 'Calle 5 # 10-20',
      city: 'Medellín',
      country: 'CO',
    });
    await as({ method: 'POST', url: `/api/payments/sandbox/${payment.id}/approve` });
    await t.container.billing.issueInvoiceForOrders(orders.map((o) => o.id));

    const list = await as({ method: 'GET', url: '/api/invoices' });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(1);
    const summary = list.json().items[0];
    expect(summary.invoiceNumber).toMatch(NUMBER);
    expect(summary.status).toBe('paid');
    expect(summary.paidAt).toBeTruthy();
    expect(summary.totalMinor).toBe(payment.amountMinor);

    const detail = (await as({ method: 'GET', url: `/api/invoices/${summary.id}` })).json();
    expect(detail.items.length).toBeGreaterThanOrEqual(2);
    expect(detail.items[0].description).toContain(orders[0]!.orderNumber);
    expect(detail.items[0].description).toMatch(
      /Servidor VPS .+ — 1 mes — Región: Unión Europea — 2026-01-15 → 2026-02-15/,
    );
    expect(detail.items.reduce((s: number, i: { totalMinor: number }) => s + i.totalMinor, 0)).toBe(
      detail.totalMinor,
    );
    expect(detail.taxName).toBe('IVA');
    expect(detail.taxMode).toBe('exclusive');
    expect(detail.billTo).toMatchObject({
      name: 'José Muñoz',
      companyName: 'Compañía Ñandú S.A.S.',
      taxId: '901.555.111-2',
      country: 'CO',
      email: c.email,
    });
    expect(detail.billTo.address).toContain('Medellín');
    expect(detail.seller).toMatchObject({ name: 'Cloud Vértice S.A.S.', taxId: '900.123.456-7' });

    const [tx] = await t.database.db.select().from(transactions).where(eq(transactions.id, payment.id));
    expect(tx!.invoiceId).toBe(summary.id);

    // The profile changes later; the issued invoice keeps what it said.
    await t.database.db.update(users).set({ companyName: 'Otra' }).where(eq(users.id, c.userId));
    const again = (await as({ method: 'GET', url: `/api/invoices/${summary.id}` })).json();
    expect(again.billTo.companyName).toBe('Compañía Ñandú S.A.S.');
  });

  it('applies the tax settings and the prefix at issue time', async () => {
    await t.container.settings.set('billing.taxRate', 19);
    await t.container.settings.set('billing.invoicePrefix', 'FV');
    try {
      const { as } = await checkoutAndPay(1);
      const invoice = (await as({ method: 'GET', url: '/api/invoices' })).json().items[0];
      expect(invoice.invoiceNumber).toMatch(/^FV-2026-\d{6}$/);
      expect(invoice.taxRate).toBe(19);
      expect(invoice.taxMinor).toBe(Math.round((invoice.subtotalMinor * 19) / 100));
      expect(invoice.totalMinor).toBe(invoice.subtotalMinor + invoice.taxMinor);
      await t.container.settings.set('billing.taxMode', 'inclusive');
      const inclusive = await checkoutAndPay(1);
      const inc = (await inclusive.as({ method: 'GET', url: '/api/invoices' })).json().items[0];
      expect(inc.totalMinor).toBe(inclusive.payment.amountMinor);
      expect(inc.taxMinor).toBe(inc.totalMinor - Math.round((inc.totalMinor * 100) / 119));
    } finally {
      await t.container.settings.set('billing.taxRate', 0);
      await t.container.settings.set('billing.taxMode', 'exclusive');
      await t.container.settings.set('billing.invoicePrefix', 'CV');
    }
  });

  it("lists the customer's own invoices newest first, without drafts, page by page, with a credit note's reference", async () => {
    const c = await customer(t);
    const as = api(t.app, c.accessToken);
    const db = t.database.db;
    const n = `L${Date.now()}`;
    const older = await createInvoice(db, {
      userId: c.userId,
      status: 'paid',
      invoiceNumber: `${n}-1`,
      issuedAt: new Date('2026-01-01T00:00:00Z'),
    });
    await createInvoice(db, { userId: c.userId, status: 'draft' });
    await createInvoice(db, {
      userId: c.userId,
      type: 'credit_note',
      status: 'issued',
      invoiceNumber: `${n}-2`,
      referenceInvoiceId: older.id,
      issuedAt: new Date('2026-02-01T00:00:00Z'),
    });
    await createInvoice(db, { status: 'paid', invoiceNumber: `${n}-other` }); // another customer's

    const all = (await as({ method: 'GET', url: '/api/invoices' })).json();
    expect(all.total).toBe(2);
    expect(all.items.map((i: { invoiceNumber: string }) => i.invoiceNumber)).toEqual([`${n}-2`, `${n}-1`]);
    expect(all.items[0].referenceInvoiceNumber).toBe(`${n}-1`);
    const second = (await as({ method: 'GET', url: '/api/invoices?page=2&pageSize=1' })).json();
    expect(second.total).toBe(2);
    expect(second.items.map((i: { invoiceNumber: string }) => i.invoiceNumber)).toEqual([`${n}-1`]);
    const paid = (await as({ method: 'GET', url: '/api/invoices?status=paid' })).json();
    expect(paid.total).toBe(1);
    expect(paid.items.map((i: { invoiceNumber: string }) => i.invoiceNumber)).toEqual([`${n}-1`]);
    // A page past the end still tells the total (no row there to carry it), filtered or not.
    expect((await as({ method: 'GET', url: '/api/invoices?page=3&pageSize=1' })).json()).toEqual({
      items: [],
      total: 2,
    });
    expect((await as({ method: 'GET', url: '/api/invoices?status=paid&page=2' })).json()).toEqual({
      items: [],
      total: 1,
    });
  });

  it('keeps invoices private: another customer gets 404, anonymous 401, an admin may read the PDF', async () => {
    const { as } = await checkoutAndPay(1);
    const id = (await as({ method: 'GET', url: '/api/invoices' })).json().items[0].id as string;
    const other = api(t.app, (await customer(t)).accessToken);
    expect((await other({ method: 'GET', url: `/api/invoices/${id}` })).statusCode).toBe(404);
    expect((await other({ method: 'GET', url: `/api/invoices/${id}/pdf` })).statusCode).toBe(404);
    expect((await other({ method: 'GET', url: '/api/invoices' })).json().total).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: `/api/invoices/${id}` })).statusCode).toBe(401);
    const asAdmin = api(t.app, (await admin(t)).accessToken);
    const pdf = await asAdmin({ method: 'GET', url: `/api/invoices/${id}/pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
  });

  it('renders a deterministic Spanish PDF with accents, ñ and money formatted as in the app', async () => {
    const db = t.database.db;
    const user = await createUser(db, { firstName: 'María', lastName: 'Ñúñez', language: 'es' });
    const order = await createOrder(db, {
      userId: user.id,
      status: 'paid',
      currency: 'EUR',
      subtotalMinor: 1250,
      setupFeeMinor: 500,
      totalMinor: 1750,
      paidAt: t.clock.now(),
    });
    const invoice = await t.container.billing.issueInvoiceForOrders([order.id]);
    const viewer = { id: user.id, role: 'customer' };
    const { filename, body } = await t.container.billing.pdf(viewer, invoice!.id);
    expect(filename).toBe(`${invoice!.invoiceNumber}.pdf`);
    const text = await pdfText(body);
    expect(text).toContain(invoice!.invoiceNumber);
    expect(text).toContain('Descripción');
    expect(text).toContain('María Ñúñez');
    expect(text).toContain('Cloud Vértice S.A.S.');
    expect(text).toContain('Servidor VPS');
    expect(text).toContain('Cargo de instalación');
    // One money format per language, the web app's (`USD 74.04` / `EUR 12.50` in Spanish).
    expect(text).toMatch(/EUR\s?12\.50/);
    expect(text).toMatch(/EUR\s?17\.50/);
    expect(text).toContain('IVA 0 %');
    const again = await t.container.billing.pdf(viewer, invoice!.id);
    expect(again.body.equals(body)).toBe(true);

    // The company's PNG logo from settings is embedded; without a usable one the built-in mark is drawn instead.
    const raw = (await t.container.billing.pdf(viewer, invoice!.id, { compress: false })).body.toString(
      'latin1',
    );
    expect(raw).toContain('/Subtype /Image');
    await t.container.settings.set('company.logoUrl', 'https://cdn.example.test/logo.svg');
    try {
      const drawn = (await t.container.billing.pdf(viewer, invoice!.id, { compress: false })).body;
      expect(drawn.toString('latin1')).not.toContain('/Subtype /Image');
      expect(await pdfText(drawn)).toContain(invoice!.invoiceNumber);
    } finally {
      await t.container.settings.set('company.logoUrl', '/logo.png');
    }
  });

  it('renders in English for English-speaking customers', async () => {
    const { as } = await checkoutAndPay(1, { language: 'en' });
    const invoice = (await as({ method: 'GET', url: '/api/invoices' })).json().items[0];
    const text = await pdfText(
      (await as({ method: 'GET', url: `/api/invoices/${invoice.id}/pdf` })).rawPayload,
    );
    expect(text).toContain('Description');
    expect(text).toContain('Server VPS 10 NVMe — 1 month');
    expect(text).toContain(invoice.invoiceNumber);
  });

  it('numbers 50 invoices issued in parallel with 50 consecutive numbers', async () => {
    const db = t.database.db;
    const user = await createUser(db);
    const product = await createProduct(db);
    const orders = [];
    for (let i = 0; i < 50; i++) {
      orders.push(await createOrder(db, { userId: user.id, productId: product.id, status: 'paid' }));
    }
    const issued = await Promise.all(orders.map((o) => t.container.billing.issueInvoiceForOrders([o.id])));
    const values = issued.map((i) => Number(i!.invoiceNumber!.slice(-6))).sort((a, b) => a - b);
    expect(new Set(values).size).toBe(50);
    expect(values.at(-1)! - values[0]!).toBe(49);
    // A rerun (and a racing duplicate) issues nothing new.
    const rerun = await Promise.all(orders.map((o) => t.container.billing.issueInvoiceForOrders([o.id])));
    expect(rerun.map((i) => i!.id).sort()).toEqual(issued.map((i) => i!.id).sort());
    const rows = await db.select().from(invoices).where(eq(invoices.userId, user.id));
    expect(rows).toHaveLength(50);
  });
});
