import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, invoices, transactions, users } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { admin, api, customer, CHECKOUT_TERMS } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { createInvoice, createInvoiceItem, createOrder, createProduct, createUser } from '../factories.ts';
import { pdfText } from '../pdf-text.ts';

let t: TestApp;

beforeAll(async () => {
  // More sign-ups than the per-IP hourly limit happen in this file.
  t = await createTestApp({ env: { RATE_LIMIT_DISABLED: 'true' } });
});
afterAll(async () => {
  await t.close();
});

async function checkoutAndPay(count = 1, profile: Partial<typeof users.$inferInsert> = {}) {
  const product = (await t.app.inject('/api/products'))
    .json()
    .items.find((p: { contaboProductId: string }) => p.contaboProductId === 'V91');
  const image = (await t.app.inject('/api/images')).json().items[0];
  const c = await customer(t);
  if (Object.keys(profile).length)
    await t.database.db.update(users).set(profile).where(eq(users.id, c.userId));
  const as = api(t.app, c.accessToken);
  const items = Array.from({ length: count }, () => ({
    productId: product.id as string,
    imageId: image.id as string,
    periodMonths: 1,
    region: 'EU',
  }));
  const created = await as({
    method: 'POST',
    url: '/api/orders',
    payload: { legalAccepted: CHECKOUT_TERMS, items },
  });
  if (created.statusCode !== 201) throw new Error(`checkout failed: ${created.body}`);
  const orders = created.json().items as Array<{ id: string; totalMinor: number; orderNumber: string }>;
  const pay = await as({
    method: 'POST',
    url: `/api/orders/${orders[0]!.id}/pay`,
    payload: { provider: 'sandbox', scope: 'checkout' },
  });
  const payment = pay.json() as { id: string; amountMinor: number };
  const approved = await as({ method: 'POST', url: `/api/payments/sandbox/${payment.id}/approve` });
  expect(approved.json().status).toBe('succeeded');
  return { c, as, orders, payment };
}

const NUMBER = /^CV-2026-\d{6}$/;

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

describe(`admin invoices (${TEST_ENGINE})`, () => {
  it('lists with filters, voids unpaid invoices with an audit row, and guards the routes', async () => {
    const { c, as } = await checkoutAndPay(1);
    const paid = (await as({ method: 'GET', url: '/api/invoices' })).json().items[0];
    const a = await admin(t);
    const asAdmin = api(t.app, a.accessToken);

    const byEmail = (
      await asAdmin({ method: 'GET', url: `/api/admin/invoices?search=${encodeURIComponent(c.email)}` })
    ).json();
    expect(byEmail.total).toBe(1);
    expect(byEmail.items[0]).toMatchObject({ id: paid.id, customerEmail: c.email, userId: c.userId });
    const byNumber = (
      await asAdmin({ method: 'GET', url: `/api/admin/invoices?search=${paid.invoiceNumber}` })
    ).json();
    expect(byNumber.items.map((i: { id: string }) => i.id)).toEqual([paid.id]);
    const future = (
      await asAdmin({ method: 'GET', url: '/api/admin/invoices?from=2026-02-01&status=paid' })
    ).json();
    expect(future.total).toBe(0);
    const inRange = (
      await asAdmin({ method: 'GET', url: '/api/admin/invoices?from=2026-01-01&to=2026-02-01&status=paid' })
    ).json();
    expect(inRange.total).toBeGreaterThan(0);

    const open = await createInvoice(t.database.db, {
      userId: c.userId,
      status: 'issued',
      invoiceNumber: 'CV-2026-900001',
      issuedAt: t.clock.now(),
    });
    await createInvoiceItem(t.database.db, { invoiceId: open.id });
    const voided = await asAdmin({
      method: 'POST',
      url: `/api/admin/invoices/${open.id}/void`,
      payload: { reason: 'duplicada' },
    });
    expect(voided.statusCode).toBe(200);
    expect(voided.json()).toMatchObject({ status: 'void', invoiceNumber: 'CV-2026-900001' });
    expect(voided.json().voidedAt).toBeTruthy();
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'invoice.void'), eq(auditLog.entityId, open.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(a.userId);
    const second = await asAdmin({ method: 'POST', url: `/api/admin/invoices/${open.id}/void` });
    expect(second.statusCode, second.body).toBe(409);
    expect((await asAdmin({ method: 'POST', url: `/api/admin/invoices/${paid.id}/void` })).statusCode).toBe(
      409,
    );
    const voidList = (await asAdmin({ method: 'GET', url: '/api/admin/invoices?status=void' })).json();
    expect(voidList.items.map((i: { id: string }) => i.id)).toContain(open.id);

    for (const [method, url] of [
      ['GET', '/api/admin/invoices'],
      ['POST', `/api/admin/invoices/${open.id}/void`],
      ['GET', '/api/admin/invoices/export?from=2026-01-01&to=2026-02-01'],
    ] as const) {
      expect((await as({ method, url })).statusCode).toBe(403);
      expect((await t.app.inject({ method, url })).statusCode).toBe(401);
    }
  });

  it('exports invoices and transactions as escaped CSV', async () => {
    const { payment } = await checkoutAndPay(1, { companyName: 'ACME, "Nubes" Ltda.' });
    const asAdmin = api(t.app, (await admin(t)).accessToken);
    const res = await asAdmin({
      method: 'GET',
      url: '/api/admin/invoices/export?from=2026-01-01&to=2026-02-01',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('invoices-2026-01-01-2026-02-01.csv');
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'record,id,number,date,status,customer_email,customer_name,customer_tax_id,currency,subtotal_minor,' +
        'discount_minor,tax_minor,total_minor,provider,provider_tx_id,invoice_number,reference',
    );
    const [tx] = await t.database.db.select().from(transactions).where(eq(transactions.id, payment.id));
    const [invoice] = await t.database.db.select().from(invoices).where(eq(invoices.id, tx!.invoiceId!));
    const invoiceLine = lines.find((l) => l.startsWith(`invoice,${invoice!.id},`));
    expect(invoiceLine).toContain(',"ACME, ""Nubes"" Ltda.",');
    const txLine = lines.find((l) => l.startsWith(`transaction,${payment.id},`));
    expect(txLine).toContain(`,sandbox,`);
    expect(txLine).toContain(`,${invoice!.invoiceNumber},`);
    expect(
      (await asAdmin({ method: 'GET', url: '/api/admin/invoices/export?from=2026-02-01&to=2026-01-01' }))
        .statusCode,
    ).toBe(400);
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'invoice.export'));
    expect(audit.length).toBeGreaterThan(0);
  });
  it('credits a paid invoice in parts with numbered credit notes, records the refund and exports them negative', async () => {
    const { c, as } = await checkoutAndPay(1);
    const invoice = (await as({ method: 'GET', url: '/api/invoices' })).json().items[0];
    const asAdmin = api(t.app, (await admin(t)).accessToken);
    const credit = (payload: Record<string, unknown>, id = invoice.id) =>
      asAdmin({ method: 'POST', url: `/api/admin/invoices/${id}/credit-note`, payload });

    const tooMuch = await credit({ reason: 'Error', amountMinor: invoice.totalMinor + 1 });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().error.details[0].field).toBe('body.amountMinor');
    expect((await credit({})).statusCode).toBe(400);

    const partial = await credit({
      reason: 'Compensación por caída de red',
      amountMinor: 300,
      refund: { provider: 'sandbox', reference: 'RF-0001' },
    });
    expect(partial.statusCode, partial.body).toBe(201);
    const first = partial.json();
    expect(first).toMatchObject({
      type: 'credit_note',
      referenceInvoiceId: invoice.id,
      referenceInvoiceNumber: invoice.invoiceNumber,
      totalMinor: 300,
      payable: false,
      transactions: [{ kind: 'refund', amountMinor: 300, reference: 'RF-0001', provider: 'sandbox' }],
    });
    expect(first.invoiceNumber).toMatch(/^CV-NC-2026-\d{6}$/);
    expect(first.items[0].description).toContain('Compensación por caída de red');

    const rest = (await credit({ reason: 'Baja del servicio' })).json();
    expect(rest.totalMinor).toBe(invoice.totalMinor - 300);
    expect(Number(rest.invoiceNumber.slice(-6))).toBe(Number(first.invoiceNumber.slice(-6)) + 1);
    expect((await credit({ reason: 'Otra vez' })).statusCode).toBe(409);

    // The customer sees both against the invoice, and each credit note has its PDF.
    const detail = (await as({ method: 'GET', url: `/api/invoices/${invoice.id}` })).json();
    expect(detail.creditNotes.map((n: { id: string }) => n.id)).toEqual([first.id, rest.id]);
    const unpaidList = await asAdmin({
      method: 'GET',
      url: `/api/admin/invoices?status=unpaid&search=${encodeURIComponent(c.email)}`,
    });
    expect(unpaidList.json().items.filter((i: { type: string }) => i.type === 'credit_note')).toEqual([]);
    const mine = (await as({ method: 'GET', url: '/api/invoices' })).json().items;
    expect(mine.find((i: { id: string }) => i.id === first.id)).toMatchObject({
      type: 'credit_note',
      referenceInvoiceNumber: invoice.invoiceNumber,
    });
    expect(detail.status).toBe('paid');
    const pdf = await as({ method: 'GET', url: `/api/invoices/${first.id}/pdf` });
    expect(pdf.statusCode).toBe(200);
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain(`Nota de crédito ${first.invoiceNumber}`);
    expect(text).toContain(`Rectifica la factura: ${invoice.invoiceNumber}`);

    // Unpaid invoices are voided, not credited; credit notes cannot be credited or voided.
    const unpaid = await createInvoice(t.database.db, { userId: c.userId, status: 'issued' });
    expect((await credit({ reason: 'x' }, unpaid.id)).statusCode).toBe(409);
    expect((await credit({ reason: 'x' }, first.id)).statusCode).toBe(409);
    expect(
      (await asAdmin({ method: 'POST', url: `/api/admin/invoices/${first.id}/void`, payload: {} }))
        .statusCode,
    ).toBe(409);
    expect((await credit({ reason: 'x' }, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'invoice.credit_note'));
    expect(audit.length).toBe(2);

    const csv = await asAdmin({
      method: 'GET',
      url: '/api/admin/invoices/export?from=2026-01-01&to=2026-02-01',
    });
    const lines = csv.body.trimEnd().split('\r\n');
    const noteLine = lines.find((l) => l.startsWith(`credit_note,${first.id},`))!;
    expect(noteLine).toContain(`,-300,`);
    expect(noteLine).toContain(`,${invoice.invoiceNumber},`);
    const refundLine = lines.find((l) => l.includes(',RF-0001'))!;
    expect(refundLine).toContain(',-300,sandbox,');
    expect(refundLine).toContain(`,${first.invoiceNumber},`);
  });

  it('applies a per-country tax rate and lets the admin edit the billing settings', async () => {
    const asAdmin = api(t.app, (await admin(t)).accessToken);
    const before = (await asAdmin({ method: 'GET', url: '/api/admin/settings/billing' })).json();
    expect(before).toMatchObject({
      invoicePrefix: 'CV',
      renewalDaysBefore: 7,
      reminderDays: [7, 3, 1],
      suspendAfterDays: 3,
      terminateAfterDays: 14,
      cancelAtContabo: false,
      taxRatesByCountry: {},
    });
    const bad = await asAdmin({
      method: 'PUT',
      url: '/api/admin/settings/billing',
      payload: { taxRatesByCountry: { spain: 21 }, reminderDays: [0] },
    });
    expect(bad.statusCode).toBe(400);
    const put = await asAdmin({
      method: 'PUT',
      url: '/api/admin/settings/billing',
      payload: { taxRatesByCountry: { ES: 21 }, taxName: 'IVA' },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ taxRatesByCountry: { ES: 21 }, renewalDaysBefore: 7 });
    try {
      const spain = await checkoutAndPay(1, { country: 'ES' });
      const es = (await spain.as({ method: 'GET', url: '/api/invoices' })).json().items[0];
      expect(es.taxRate).toBe(21);
      expect(es.taxMinor).toBe(Math.round((es.subtotalMinor * 21) / 100));
      const colombia = await checkoutAndPay(1, { country: 'CO' });
      const co = (await colombia.as({ method: 'GET', url: '/api/invoices' })).json().items[0];
      expect(co.taxRate).toBe(0);
    } finally {
      await asAdmin({
        method: 'PUT',
        url: '/api/admin/settings/billing',
        payload: { taxRatesByCountry: {} },
      });
    }
    const customerApi = api(t.app, (await customer(t)).accessToken);
    expect((await customerApi({ method: 'GET', url: '/api/admin/settings/billing' })).statusCode).toBe(403);
  });
  it("prints the company's data as set by the admin on new invoices only", async () => {
    const before = await checkoutAndPay(1);
    const old = (await before.as({ method: 'GET', url: '/api/invoices' })).json().items[0];
    const asAdmin = api(t.app, (await admin(t)).accessToken);
    const current = (await asAdmin({ method: 'GET', url: '/api/admin/settings/company' })).json();
    expect(current).toMatchObject({ name: 'Cloud Vértice', logoUrl: '/logo.png' });
    const bad = await asAdmin({
      method: 'PUT',
      url: '/api/admin/settings/company',
      payload: { email: 'not-an-email', logoUrl: 'javascript:alert(1)' },
    });
    expect(bad.statusCode).toBe(400);
    const put = await asAdmin({
      method: 'PUT',
      url: '/api/admin/settings/company',
      payload: { legalName: 'Nube Andina S.A.S.', taxId: '900.999.888-1', address: 'Cra. 7 # 71-21, Bogotá' },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ legalName: 'Nube Andina S.A.S.', name: 'Cloud Vértice' });
    try {
      const after = await checkoutAndPay(1);
      const fresh = (await after.as({ method: 'GET', url: '/api/invoices' })).json().items[0];
      const detail = (await after.as({ method: 'GET', url: `/api/invoices/${fresh.id}` })).json();
      expect(detail.seller).toMatchObject({ name: 'Nube Andina S.A.S.', taxId: '900.999.888-1' });
      const kept = (await before.as({ method: 'GET', url: `/api/invoices/${old.id}` })).json();
      expect(kept.seller).toMatchObject({ name: 'Cloud Vértice S.A.S.', taxId: '900.123.456-7' });
    } finally {
      await asAdmin({
        method: 'PUT',
        url: '/api/admin/settings/company',
        payload: {
          legalName: 'Cloud Vértice S.A.S.',
          taxId: '900.123.456-7',
          address: 'Av. Principal 123, Bogotá, Colombia',
        },
      });
    }
    const customerApi = api(t.app, (await customer(t)).accessToken);
    expect((await customerApi({ method: 'GET', url: '/api/admin/settings/company' })).statusCode).toBe(403);
  });
});
