import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, invoices, transactions } from '../../src/db/schema/index.ts';
import { admin, api, customer } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { createInvoice, createInvoiceItem } from '../factories.ts';
import { pdfText } from '../pdf-text.ts';
import { useBillingApp, t, checkoutAndPay } from './billing.setup.ts';

useBillingApp();

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
