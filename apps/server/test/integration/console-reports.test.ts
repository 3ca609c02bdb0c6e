import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../app.ts';
import { admin, api, customer } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
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
 * A month of varied activity (March 2026, base currency USD), checked to the cent against values computed by hand:
 *
 *  A  new order, USD, Colombia, plan P1 (EU), paid by Stripe in USD           total 1190, tax 190, cost 500
 *  B  new order, EUR, Spain, plan P2 (US), paid by Stripe in USD at 1.08      total 1210 → 1307, tax 210 → 227,
 *                                                                              cost 400 → 432
 *  C  new order, MXN, Mexico, plan P3 (EU), paid by MercadoPago in MXN         fallback rate 0.05: 20000 → 1000,
 *                                                                              cost 10000 → 500
 *  R  renewal, USD, Colombia, plan P1 service (EU), sandbox                   total 800, cost 500 (P1's 1-month cost)
 *  NC partial credit note on B (EUR), 605 incl. 105 tax                       → 653, tax → 113
 *  J  an invoice in JPY paid in JPY (no rate known)                           left out, counted as unconverted
 *  V  a voided invoice, an unpaid invoice and a February invoice              never counted in March
 *
 *  March totals: revenue 1190+1307+1000+800 = 4297; refunds 653; net 3644; tax 190+227-113 = 304;
 *  cost 500+432+500+500 = 1932; margin 3644-304-1932 = 1408.
 */
let t: TestApp;
let adminToken: string;
let p1: { id: string };
let p2: { id: string };
let p3: { id: string };

beforeAll(async () => {
  t = await createTestApp({ env: { RATE_LIMIT_DISABLED: 'true' } });
  const db = t.database.db;
  adminToken = (await admin(t)).accessToken;
  await t.container.settings.set('store.currency', 'USD');
  await t.container.settings.set('reports.exchangeRates', { MXN: 0.05 });
  await createRegion(db, { code: 'EU', name: 'Europa' });
  await createRegion(db, { code: 'US-central', name: 'EE. UU. centro' });
  p1 = await createProduct(db, { name: 'Plan Uno', costMinor: 500, currency: 'USD', regions: ['EU'] });
  p2 = await createProduct(db, {
    name: 'Plan Dos',
    costMinor: 400,
    currency: 'EUR',
    regions: ['US-central'],
  });
  p3 = await createProduct(db, { name: 'Plan Tres', costMinor: 10000, currency: 'MXN', regions: ['EU'] });
  const co = await createUser(db, { country: 'CO' });
  const es = await createUser(db, { country: 'ES' });
  const mx = await createUser(db, { country: 'MX' });
  const day = (d: string) => new Date(`2026-03-${d}T10:00:00Z`);

  const oA = await createOrder(db, { userId: co.id, productId: p1.id, costMinor: 500, region: 'EU' });
  const A = await createInvoice(db, {
    userId: co.id,
    orderId: oA.id,
    status: 'paid',
    currency: 'USD',
    totalMinor: 1190,
    taxMinor: 190,
    billTo: { country: 'CO' },
    paidAt: day('02'),
    issuedAt: day('02'),
  });
  await createTransaction(db, {
    userId: co.id,
    invoiceId: A.id,
    provider: 'stripe',
    status: 'succeeded',
    amountMinor: 1190,
    currency: 'USD',
    providerCurrency: 'USD',
    providerAmountMinor: 1190,
    exchangeRate: 1,
  });

  const oB = await createOrder(db, {
    userId: es.id,
    productId: p2.id,
    currency: 'EUR',
    costMinor: 400,
    region: 'US-central',
  });
  const B = await createInvoice(db, {
    userId: es.id,
    orderId: oB.id,
    status: 'paid',
    currency: 'EUR',
    totalMinor: 1210,
    taxMinor: 210,
    billTo: { country: 'ES' },
    paidAt: day('05'),
    issuedAt: day('05'),
  });
  await createTransaction(db, {
    userId: es.id,
    invoiceId: B.id,
    provider: 'stripe',
    status: 'succeeded',
    amountMinor: 1210,
    currency: 'EUR',
    providerCurrency: 'USD',
    providerAmountMinor: 1307,
    exchangeRate: 1.08,
  });
  await createInvoice(db, {
    type: 'credit_note',
    referenceInvoiceId: B.id,
    userId: es.id,
    orderId: oB.id,
    status: 'issued',
    currency: 'EUR',
    totalMinor: 605,
    taxMinor: 105,
    billTo: { country: 'ES' },
    issuedAt: day('25'),
  });

  const oC = await createOrder(db, {
    userId: mx.id,
    productId: p3.id,
    currency: 'MXN',
    costMinor: 10000,
    region: 'EU',
  });
  const C = await createInvoice(db, {
    userId: mx.id,
    orderId: oC.id,
    status: 'paid',
    currency: 'MXN',
    totalMinor: 20000,
    taxMinor: 0,
    billTo: { country: 'MX' },
    paidAt: day('10'),
  });
  await createTransaction(db, {
    userId: mx.id,
    invoiceId: C.id,
    provider: 'mercadopago',
    status: 'succeeded',
    amountMinor: 20000,
    currency: 'MXN',
    providerCurrency: 'MXN',
    providerAmountMinor: 20000,
    exchangeRate: 1,
  });

  const vR = await createVpsInstance(db, { userId: co.id, productId: p1.id, periodMonths: 1, region: 'EU' });
  const R = await createInvoice(db, {
    userId: co.id,
    vpsInstanceId: vR.id,
    idempotencyKey: `renewal:${vR.id}:2026-03-20`,
    status: 'paid',
    currency: 'USD',
    totalMinor: 800,
    taxMinor: 0,
    billTo: { country: 'CO' },
    paidAt: day('20'),
  });
  await createTransaction(db, {
    userId: co.id,
    invoiceId: R.id,
    provider: 'sandbox',
    status: 'succeeded',
    amountMinor: 800,
    currency: 'USD',
  });

  const J = await createInvoice(db, {
    userId: co.id,
    status: 'paid',
    currency: 'JPY',
    totalMinor: 1000,
    billTo: { country: 'CO' },
    paidAt: day('12'),
  });
  await createTransaction(db, {
    userId: co.id,
    invoiceId: J.id,
    provider: 'stripe',
    status: 'succeeded',
    amountMinor: 1000,
    currency: 'JPY',
    providerCurrency: 'JPY',
    exchangeRate: 1,
  });
  // Never counted in March: a void, an unpaid invoice, February's sale and a failed payment on A.
  await createInvoice(db, { userId: co.id, status: 'void', totalMinor: 5000, paidAt: day('03') });
  await createInvoice(db, { userId: co.id, status: 'issued', totalMinor: 700, issuedAt: day('04') });
  await createInvoice(db, {
    userId: co.id,
    status: 'paid',
    totalMinor: 999,
    paidAt: new Date('2026-02-27T10:00:00Z'),
  });
  await createTransaction(db, {
    userId: co.id,
    invoiceId: A.id,
    provider: 'paypal',
    status: 'failed',
    amountMinor: 1190,
    currency: 'USD',
    providerCurrency: 'USD',
  });
});
afterAll(async () => {
  await t?.close();
});

const get = (url: string) => api(t.app, adminToken)({ method: 'GET', url });
const march = 'from=2026-03-01&to=2026-03-31';

type Row = {
  key: string | null;
  label: string | null;
  period: string | null;
  revenueMinor: number;
  refundsMinor: number;
  netMinor: number;
  taxMinor: number;
  costMinor: number;
  marginMinor: number;
  invoices: number;
  creditNotes: number;
};
const money = (r: Row) => ({
  revenue: r.revenueMinor,
  refunds: r.refundsMinor,
  net: r.netMinor,
  tax: r.taxMinor,
  cost: r.costMinor,
  margin: r.marginMinor,
});

describe(`sales report (${TEST_ENGINE})`, () => {
  it('totals a month of activity in three currencies to the cent', async () => {
    const res = await get(`/api/admin/reports/sales?${march}&group=month`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.currency).toBe('USD');
    expect(body.rows).toHaveLength(1);
    expect(body.rows[0].period).toBe('2026-03-01');
    const expected = { revenue: 4297, refunds: 653, net: 3644, tax: 304, cost: 1932, margin: 1408 };
    expect(money(body.rows[0])).toEqual(expected);
    expect(money(body.totals)).toEqual(expected);
    expect(body.totals.invoices).toBe(4);
    expect(body.totals.creditNotes).toBe(1);
    expect(body.unconverted).toEqual({ documents: 1, currencies: ['JPY'] });
  });

  it('splits by new vs renewal, payment method, region and plan', async () => {
    const by = async (dimension: string) => {
      const res = await get(`/api/admin/reports/sales?${march}&group=month&dimension=${dimension}`);
      expect(res.statusCode).toBe(200);
      return Object.fromEntries((res.json().rows as Row[]).map((r) => [r.key, money(r)]));
    };
    expect(await by('kind')).toEqual({
      new: { revenue: 3497, refunds: 653, net: 2844, tax: 304, cost: 1432, margin: 1108 },
      renewal: { revenue: 800, refunds: 0, net: 800, tax: 0, cost: 500, margin: 300 },
    });
    expect(await by('method')).toEqual({
      stripe: { revenue: 2497, refunds: 653, net: 1844, tax: 304, cost: 932, margin: 608 },
      mercadopago: { revenue: 1000, refunds: 0, net: 1000, tax: 0, cost: 500, margin: 500 },
      sandbox: { revenue: 800, refunds: 0, net: 800, tax: 0, cost: 500, margin: 300 },
    });
    expect(await by('region')).toEqual({
      EU: { revenue: 2990, refunds: 0, net: 2990, tax: 190, cost: 1500, margin: 1300 },
      'US-central': { revenue: 1307, refunds: 653, net: 654, tax: 114, cost: 432, margin: 108 },
    });
    const plans = await by('plan');
    expect(plans[p1.id]).toEqual({ revenue: 1990, refunds: 0, net: 1990, tax: 190, cost: 1000, margin: 800 });
    expect(plans[p2.id]).toEqual({ revenue: 1307, refunds: 653, net: 654, tax: 114, cost: 432, margin: 108 });
    expect(plans[p3.id]).toEqual({ revenue: 1000, refunds: 0, net: 1000, tax: 0, cost: 500, margin: 500 });
  });

  it('groups by day and by week (weeks start on Monday)', async () => {
    const days = (await get(`/api/admin/reports/sales?${march}&group=day`)).json().rows as Row[];
    expect(days.map((r) => r.period)).toEqual([
      '2026-03-02',
      '2026-03-05',
      '2026-03-10',
      '2026-03-20',
      '2026-03-25',
    ]);
    expect(money(days[4]!)).toEqual({
      revenue: 0,
      refunds: 653,
      net: -653,
      tax: -113,
      cost: 0,
      margin: -540,
    });
    const weeks = (await get(`/api/admin/reports/sales?${march}&group=week`)).json().rows as Row[];
    expect(weeks.map((r) => [r.period, r.netMinor])).toEqual([
      ['2026-03-02', 2497],
      ['2026-03-09', 1000],
      ['2026-03-16', 800],
      ['2026-03-23', -653],
    ]);
  });

  it('downloads the same numbers as CSV', async () => {
    const res = await get(`/api/admin/reports/sales?${march}&group=month&dimension=kind&format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('sales-2026-03-01-2026-03-31-month-kind.csv');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'period,kind,label,currency,revenue,refunds,net,tax,contabo_cost,margin,invoices,credit_notes',
    );
    expect(lines).toContain('2026-03-01,new,new,USD,34.97,6.53,28.44,3.04,14.32,11.08,3,1');
    expect(lines).toContain('2026-03-01,renewal,renewal,USD,8.00,0.00,8.00,0.00,5.00,3.00,1,0');
    expect(lines.at(-1)).toBe('total,,,USD,42.97,6.53,36.44,3.04,19.32,14.08,4,1');
  });

  it('reports tax by bill-to country, net of credit notes', async () => {
    const res = await get(`/api/admin/reports/tax?${march}`);
    expect(res.statusCode).toBe(200);
    const rows = Object.fromEntries(
      (res.json().rows as Array<{ country: string } & Record<string, number>>).map((r) => [
        r.country,
        [r.taxableMinor, r.taxMinor, r.totalMinor],
      ]),
    );
    expect(rows).toEqual({ CO: [1800, 190, 1990], ES: [540, 114, 654], MX: [1000, 0, 1000] });
    expect(res.json().totals).toMatchObject({ taxableMinor: 3340, taxMinor: 304, totalMinor: 3644 });
    const csv = await get(`/api/admin/reports/tax?${march}&format=csv`);
    expect(csv.body.trim().split('\r\n').at(-1)).toBe('total,USD,33.40,3.04,36.44,4,1');
  });

  it('counts February on its own', async () => {
    const res = await get('/api/admin/reports/sales?from=2026-02-01&to=2026-02-28');
    expect(money(res.json().totals)).toEqual({
      revenue: 999,
      refunds: 0,
      net: 999,
      tax: 0,
      cost: 0,
      margin: 999,
    });
  });

  it('refuses bad input with a 400, never a 500', async () => {
    for (const query of [
      'from=2026-03-31&to=2026-03-01',
      'from=2020-01-01&to=2026-03-01',
      'from=2025-01-01&to=2026-03-01&group=day',
      'from=2026-02-30&to=2026-03-01',
      'from=%00&to=2026-03-01',
      `from=${'9'.repeat(5000)}&to=2026-03-01`,
      'from=2026-03-01&to=2026-03-31&group=year',
      'from=2026-03-01&to=2026-03-31&dimension=customer',
      'from=2026-03-01&to=2026-03-31&extra=1',
      'to=2026-03-31',
    ]) {
      const res = await get(`/api/admin/reports/sales?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code, query).toMatch(/bad_request|validation_error/);
    }
  });

  it('is for administrators only', async () => {
    const c = await customer(t);
    for (const url of [`/api/admin/reports/sales?${march}`, `/api/admin/reports/tax?${march}`]) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
      expect((await api(t.app, c.accessToken)({ method: 'GET', url })).statusCode).toBe(403);
    }
  });
});
