// Issue #16 item 6: Contabo bills the Windows licence to the reseller, so an image carries a monthly licence fee
// (admin-editable) that the customer pays on top of the plan: priced at checkout, its own invoice line, renewed.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { images, invoiceItems, invoices, users, vpsInstances } from '../../src/db/schema/index.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { computeLine } from '../../src/modules/billing/billing.compute.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { admin, api, CHECKOUT_TERMS, customer, emailsTo, support } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { pdfText } from '../pdf-text.ts';

let t: TestApp;
let asAdmin: ReturnType<typeof api>;
let windows: { id: string; licenseFeeMinor: number };
let linux: { id: string };
let plan: { id: string; prices: Array<{ periodMonths: number; totalMinor: number; setupFeeMinor: number }> };

const FEE = 1234; // a monthly fee that is not a multiple of the months, so rounding would show

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock('2026-03-01T12:00:00Z') });
  asAdmin = api(t.app, (await admin(t)).accessToken);
  const list = (await t.app.inject('/api/products')).json().items as Array<{
    id: string;
    contaboProductId: string;
  }>;
  plan = (await t.app.inject(`/api/products/${list.find((p) => p.contaboProductId === 'V91')!.id}`)).json();
  const detail = plan as unknown as {
    images: Array<{ id: string; osType: string; licenseFeeMinor: number }>;
  };
  windows = detail.images.find((i) => i.osType === 'Windows')!;
  linux = detail.images.find((i) => i.osType === 'Linux')!;
  const res = await asAdmin({
    method: 'PUT',
    url: `/api/admin/images/${windows.id}`,
    payload: { licenseFeeMinor: FEE },
  });
  expect(res.statusCode).toBe(200);
  await t.container.settings.set('billing.taxRate', 21);
});
afterAll(async () => {
  await t.close();
});

async function buy(as: ReturnType<typeof api>, imageId: string, periodMonths: number) {
  const res = await as({
    method: 'POST',
    url: '/api/orders',
    payload: {
      legalAccepted: CHECKOUT_TERMS,
      items: [{ productId: plan.id, periodMonths, region: 'EU', imageId }],
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json().items[0] as {
    id: string;
    orderNumber: string;
    subtotalMinor: number;
    licenseFeeMinor: number;
    totalMinor: number;
  };
}

async function pay(as: ReturnType<typeof api>, orderId: string) {
  const payment = await as({
    method: 'POST',
    url: `/api/orders/${orderId}/pay`,
    payload: { provider: 'sandbox', scope: 'order' },
  });
  expect(
    (await as({ method: 'POST', url: `/api/payments/sandbox/${payment.json().id}/approve` })).statusCode,
  ).toBe(200);
}

describe(`Windows licence surcharge (${TEST_ENGINE})`, () => {
  it('shows the monthly fee on the public image and adds fee × months at checkout, no period discount', async () => {
    const detail = (await t.app.inject(`/api/products/${plan.id}`)).json();
    expect(detail.images.find((i: { id: string }) => i.id === windows.id).licenseFeeMinor).toBe(FEE);
    expect(detail.images.find((i: { id: string }) => i.id === linux.id).licenseFeeMinor).toBe(0);

    const as = api(t.app, (await customer(t)).accessToken);
    for (const months of [1, 6, 12]) {
      const price = plan.prices.find((p) => p.periodMonths === months)!;
      const order = await buy(as, windows.id, months);
      expect(order.subtotalMinor).toBe(price.totalMinor);
      expect(order.licenseFeeMinor).toBe(FEE * months);
      expect(order.totalMinor).toBe(price.totalMinor + price.setupFeeMinor + FEE * months);
      const plain = await buy(as, linux.id, months);
      expect(plain.licenseFeeMinor).toBe(0);
      expect(order.totalMinor - plain.totalMinor).toBe(FEE * months);
    }
  });

  it('charges it at checkout and prints it as its own invoice line, taxed like every line, in the API and PDF', async () => {
    const c = await customer(t);
    const as = api(t.app, c.accessToken);
    const order = await buy(as, windows.id, 6);
    await pay(as, order.id);
    const [invoice] = await t.database.db.select().from(invoices).where(eq(invoices.orderId, order.id));
    const detail = (await as({ method: 'GET', url: `/api/invoices/${invoice!.id}` })).json();
    const line = detail.items.find((i: { description: string }) => i.description.startsWith('Licencia: '));
    expect(line).toMatchObject({
      description: `Licencia: Windows Server 2022 — 6 meses (Pedido ${order.orderNumber})`,
      unitPriceMinor: FEE * 6,
      quantity: 1,
    });
    const expected = computeLine({ description: '', quantity: 1, unitPriceMinor: FEE * 6 }, 21, 'exclusive');
    expect(line.taxMinor).toBe(expected.taxMinor);
    expect(line.totalMinor).toBe(expected.totalMinor);
    // The invoice's net is exactly what the order charged; the payment covered it.
    expect(detail.subtotalMinor).toBe(order.totalMinor);
    expect(detail.status).toBe('paid');
    const pdf = await as({ method: 'GET', url: `/api/invoices/${invoice!.id}/pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(await pdfText(pdf.rawPayload)).toContain('Licencia: Windows Server 2022');

    // The order-paid e-mail names the region in the customer's language (#16 item 5).
    const mail = (await emailsTo(t, c.email)).find((m) => m.template === 'orders-paid');
    expect(mail?.text).toContain('Unión Europea');
    expect(mail?.text).not.toContain('European Union');
  });

  it('charges it again on every renewal: the renewal invoice has the licence line', async () => {
    const c = await customer(t);
    // An English-speaking customer: the renewal's lines are in English.
    await t.database.db.update(users).set({ language: 'en' }).where(eq(users.id, c.userId));
    const as = api(t.app, c.accessToken);
    const order = await buy(as, windows.id, 1);
    await pay(as, order.id);
    const provision = await asAdmin({
      method: 'POST',
      url: `/api/admin/orders/${order.id}/provision`,
      payload: { contaboInstanceId: 100001 },
    });
    expect(provision.statusCode).toBe(200);
    const [vps] = await t.database.db.select().from(vpsInstances).where(eq(vpsInstances.orderId, order.id));
    expect(vps!.imageId).toBe(windows.id);

    const renewal = await as({ method: 'POST', url: `/api/vps/${vps!.id}/renew` });
    expect(renewal.statusCode).toBe(200);
    const invoiceId = renewal.json().id as string;
    const lines = await t.database.db
      .select()
      .from(invoiceItems)
      .where(eq(invoiceItems.invoiceId, invoiceId));
    const license = lines.find((l) => l.description.startsWith('Licence: '));
    expect(license).toMatchObject({
      description: 'Licence: Windows Server 2022 — 1 month',
      unitPriceMinor: FEE,
    });
    const [issued] = await t.database.db.select().from(invoices).where(eq(invoices.id, invoiceId));
    expect(issued!.subtotalMinor).toBe(order.subtotalMinor + FEE);
    expect(issued!.taxMinor).toBe(
      lines.reduce((sum, l) => sum + computeLine({ ...l, description: '' }, 21, 'exclusive').taxMinor, 0),
    );

    // A server reinstalled with Linux renews without the licence.
    const next = (await as({ method: 'POST', url: `/api/vps/${vps!.id}/renew` })).json();
    expect(next.id).toBe(invoiceId); // the same renewal, not a second one
    await t.database.db.update(vpsInstances).set({ imageId: linux.id }).where(eq(vpsInstances.id, vps!.id));
    await asAdmin({
      method: 'POST',
      url: `/api/admin/invoices/${invoiceId}/void`,
      payload: { reason: 'test' },
    });
    const again = (await as({ method: 'POST', url: `/api/vps/${vps!.id}/renew` })).json();
    expect(again.id).not.toBe(invoiceId);
    expect(again.items.map((i: { description: string }) => i.description).join()).not.toContain('Licence');
  });

  it('lets the admin set the fee: non-negative bounded integer minor units; others get 401/403', async () => {
    const put = (payload: unknown) =>
      asAdmin({ method: 'PUT', url: `/api/admin/images/${linux.id}`, payload: payload as object });
    for (const bad of [-1, 1.5, 1_000_001, '500', null]) {
      const res = await put({ licenseFeeMinor: bad });
      expect(res.statusCode, String(bad)).toBe(400);
      expect(res.json().error.code).toBe('validation_error');
    }
    const ok = await put({ licenseFeeMinor: 1_000_000 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().licenseFeeMinor).toBe(1_000_000);
    expect((await put({ licenseFeeMinor: 0 })).json().licenseFeeMinor).toBe(0);
    const [row] = await t.database.db.select().from(images).where(eq(images.id, linux.id));
    expect(row!.licenseFeeMinor).toBe(0);

    const anonymous = await t.app.inject({
      method: 'PUT',
      url: `/api/admin/images/${linux.id}`,
      payload: { licenseFeeMinor: 5 },
    });
    expect(anonymous.statusCode).toBe(401);
    for (const who of [await customer(t), await support(t)]) {
      const res = await api(
        t.app,
        who.accessToken,
      )({
        method: 'PUT',
        url: `/api/admin/images/${linux.id}`,
        payload: { licenseFeeMinor: 5 },
      });
      expect(res.statusCode).toBe(403);
    }
  });

  it('refuses a licensed image on a plan sold in another currency than the store’s', async () => {
    await t.container.settings.set('store.currency', 'EUR');
    try {
      const as = api(t.app, (await customer(t)).accessToken);
      const res = await as({
        method: 'POST',
        url: '/api/orders',
        payload: {
          legalAccepted: CHECKOUT_TERMS,
          items: [{ productId: plan.id, periodMonths: 1, region: 'EU', imageId: windows.id }],
        },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([
        { field: 'body.items.0.imageId', message: expect.stringContaining('priced in EUR') },
      ]);
      expect((await buy(as, linux.id, 1)).licenseFeeMinor).toBe(0);
    } finally {
      await t.container.settings.set('store.currency', 'USD');
    }
  });
});
