// The operator's console end to end (demo mode: sandbox payments, Contabo simulator): the admin lands on the Panel,
// a customer buys a server with the sandbox in another browser context, and the admin's figures and chart move
// without a reload; the admin opens the customer from the alert, bans them (the customer's session stops working at
// once) and unbans them, and downloads the sales CSV from Informes. Screenshots of the three pages at 390/1280 px.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { adminToken, registerVerified, type Customer } from './api.ts';
import { signIn } from './flows.ts';
import { E2E_ADMIN, newPage, setupE2e, shootBoth } from './harness.ts';

const e2e = setupE2e();

const figure = (page: Page, id: string) => page.getByTestId(`figure-${id}-value`).innerText();

/** Orders a plan and pays it with the sandbox from the page's own session (as the shop's checkout would). */
async function buyWithSandbox(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const json = async (path: string, body?: unknown) => {
      const res = await fetch(path, {
        method: body === undefined ? 'GET' : 'POST',
        credentials: 'include',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${path} → ${res.status} ${await res.text()}`);
      return res.json();
    };
    const products = await json('/api/products?pageSize=50');
    const product = products.items.find((p: { name: string }) => p.name === 'VPS 10 NVMe');
    const detail = await json(`/api/products/${product.id}`);
    const legal = await json('/api/legal');
    const { items } = await json('/api/orders', {
      items: [{ productId: product.id, periodMonths: 1, region: 'EU', imageId: detail.images[0].id }],
      legalAccepted: { terms: legal.terms, refunds: legal.refunds },
    });
    const payment = await json(`/api/orders/${items[0].id}/pay`, { provider: 'sandbox', scope: 'order' });
    await json(`/api/payments/sandbox/${payment.id}/approve`, {});
    return items[0].orderNumber as string;
  });
}

describe('operator console', () => {
  it('shows figures that move after a purchase, bans and unbans from the alert, downloads the sales CSV', async () => {
    const customer: Customer = {
      firstName: 'Mateo',
      lastName: 'Consola',
      email: `mateo.${Date.now()}@cloudvertice.test`,
      password: 'Vértice-consola-2026',
    };
    await registerVerified(e2e.baseUrl, customer, await adminToken(e2e.baseUrl));

    const adminSide = await newPage(e2e.browser, { width: 1280, height: 900 });
    const customerSide = await newPage(e2e.browser, { width: 1280, height: 900 });
    const admin = adminSide.page;
    const buyer = customerSide.page;
    try {
      await signIn(admin, e2e.baseUrl, E2E_ADMIN, /\/admin$/);
      await admin.goto(`${e2e.baseUrl}/admin`);
      await admin.getByRole('heading', { name: 'Panel', level: 1 }).waitFor();
      await admin.getByTestId('chart-monthly-sales').waitFor();
      const waitingBefore = await figure(admin, 'awaiting-fulfilment');
      const revenueBefore = await figure(admin, 'revenue');
      await shootBoth(admin, 'console-dashboard', () => admin.getByTestId('chart-monthly-sales').waitFor());

      // Another browser context: the customer buys with the sandbox.
      await signIn(buyer, e2e.baseUrl, customer, /\/panel$/);
      const orderNumber = await buyWithSandbox(buyer);

      // The admin's page refreshes by itself (no reload): the figures move and the alert names the customer.
      await expect
        .poll(() => figure(admin, 'awaiting-fulfilment'), { timeout: 30_000, interval: 1000 })
        .not.toBe(waitingBefore);
      await expect.poll(() => figure(admin, 'revenue'), { timeout: 5_000 }).not.toBe(revenueBefore);
      // The chart's data table shows this month's revenue as the new figure.
      const chart = admin.getByTestId('chart-monthly-sales');
      await chart.getByRole('button', { name: 'Ver datos' }).click();
      const lastRow = chart.locator('tbody tr').last();
      expect(await lastRow.innerText()).toContain(await figure(admin, 'revenue'));
      await chart.getByRole('button', { name: 'Ver gráfico' }).click();

      const alert = admin.getByTestId('alert-new_paid_orders');
      await alert.getByText(orderNumber).waitFor();
      await alert.getByRole('link', { name: customer.email }).first().click();
      await admin.getByRole('heading', { name: `${customer.firstName} ${customer.lastName}` }).waitFor();
      await admin.getByTestId('customer-detail').getByRole('link', { name: orderNumber }).waitFor();

      // Ban: the customer's session stops working at once; their order stays.
      await admin.getByRole('button', { name: 'Bloquear' }).click();
      const dialog = admin.getByRole('dialog');
      await dialog.getByLabel('Motivo (solo lo ve el equipo)').fill('Prueba de bloqueo');
      await dialog.getByRole('button', { name: 'Bloquear' }).click();
      await admin.getByTestId('customer-badges').getByText('Bloqueado').waitFor();
      const meStatus = () =>
        buyer.evaluate(async () => (await fetch('/api/auth/me', { credentials: 'include' })).status);
      expect(await meStatus()).toBeGreaterThanOrEqual(401);
      expect(await meStatus()).toBeLessThanOrEqual(403);

      // Unban: the badge goes, and the customer can sign in again.
      await admin.getByRole('button', { name: 'Desbloquear' }).click();
      await admin.getByRole('dialog').getByRole('button', { name: 'Confirmar' }).click();
      await admin.getByTestId('customer-badges').getByText('Bloqueado').waitFor({ state: 'detached' });
      await signIn(buyer, e2e.baseUrl, customer, /\/panel$/);
      expect(await meStatus()).toBe(200);

      // Clientes: the list finds the customer by order number.
      await admin.goto(`${e2e.baseUrl}/admin/customers?search=${encodeURIComponent(orderNumber)}`);
      await admin.getByRole('heading', { name: 'Clientes', level: 1 }).waitFor();
      await shootBoth(admin, 'console-customers', () =>
        admin
          .locator(`[data-testid="customer-row"]:visible, [data-testid="customer-card"]:visible`)
          .first()
          .waitFor(),
      );
      await admin.goto(`${e2e.baseUrl}/admin/customers`);
      await admin.getByTestId('customer-row').first().waitFor();

      // Informes: the sales report and its CSV, with the same total.
      await admin.goto(`${e2e.baseUrl}/admin/reports`);
      await admin.getByRole('heading', { name: 'Informe de ventas', level: 1 }).waitFor();
      await admin.getByTestId('sales-total').waitFor();
      await shootBoth(admin, 'console-reports', () => admin.getByTestId('sales-total').waitFor());
      const [download] = await Promise.all([
        admin.waitForEvent('download'),
        admin.getByRole('button', { name: 'Descargar CSV', exact: true }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^sales-.*\.csv$/);
      const csv = await readFile((await download.path())!, 'utf8');
      expect(csv.split('\r\n')[0]).toContain('revenue,refunds,net,tax,contabo_cost,margin');
      expect(csv).toMatch(/\r\ntotal,/);
    } finally {
      await adminSide.context.close();
      await customerSide.context.close();
    }
  }, 240_000);
});
