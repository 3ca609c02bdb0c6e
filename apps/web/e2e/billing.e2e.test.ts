// Billing end to end against the real server in demo mode (in-process Contabo simulator, sandbox payments): a
// customer with a paid order and an assigned server opens Facturas and downloads the invoice PDF; on the server page
// they schedule a cancellation and undo it, then press "Renovar ahora", which issues the renewal invoice; the panel
// banner shows it unpaid, they pay it with the sandbox and the server's expiry moves forward by its period. The
// administrator then issues a credit note, runs the billing cycle and sees the billing overview; finally the service
// is suspended and the customer is told which invoice to pay.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { adminToken, apiCall, assignServer, paidOrder, registerVerified, type Customer } from './api.ts';
import { signIn } from './flows.ts';
import { E2E_ADMIN, newPage, screenshot, setupE2e, shootBoth } from './harness.ts';

const e2e = setupE2e();

let cachedAdminToken: Promise<string> | null = null;
/** One admin login for the whole file (sign-ins are rate limited per account). */
const adminApiToken = () => (cachedAdminToken ??= adminToken(e2e.baseUrl));

const call = <T>(path: string, init?: Parameters<typeof apiCall>[2]) => apiCall<T>(e2e.baseUrl, path, init);

/** Screenshot at both widths, named `billing-…`. */
const shoot = (page: Page, name: string, ready: () => Promise<unknown>) =>
  shootBoth(page, `billing-${name}`, ready);

/** The same calendar date `months` later in UTC, clamped to the month's last day (the server's addMonths). */
function addMonths(iso: string, months: number): string {
  const date = new Date(iso);
  const day = date.getUTCDate();
  const target = new Date(date);
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, last));
  return target.toISOString();
}

const panelNav = (page: Page) => page.getByRole('navigation', { name: 'Panel' }).first();

describe('billing: invoices, renewal and the billing cycle', () => {
  it('downloads the invoice, renews the server by hand and pays the renewal with the sandbox', async () => {
    const customer: Customer = {
      firstName: 'Valentina',
      lastName: 'Ríos',
      email: `valentina.${Date.now()}@cloudvertice.test`,
      password: 'Vértice-facturas-58',
    };
    const token = await registerVerified(e2e.baseUrl, customer, await adminApiToken());
    const order = await paidOrder(e2e.baseUrl, token, 'VPS 10 NVMe', 'EU');
    await assignServer(e2e.baseUrl, await adminApiToken(), order.id, 'VPS 10 NVMe', 'EU');
    const invoices = await call<{
      items: Array<{ id: string; invoiceNumber: string; orderId: string | null }>;
    }>('/api/invoices', { token });
    const first = invoices.items.find((item) => item.orderId === order.id);
    if (!first) throw new Error('The paid order has no invoice');

    const user = await newPage(e2e.browser, { width: 1280, height: 900 });
    const admin = await newPage(e2e.browser, { width: 1280, height: 900 });
    const { page } = user;
    try {
      // Facturas: the order's invoice, paid.
      await signIn(page, e2e.baseUrl, customer, /\/panel$/);
      await panelNav(page).getByRole('link', { name: 'Facturas' }).click();
      await page.getByRole('heading', { name: 'Facturas', level: 1 }).waitFor();
      const row = page.getByTestId('invoice-row').filter({ hasText: first.invoiceNumber });
      await row.getByText('Pagada').waitFor();
      await row.getByText('Compra de servidor').waitFor();
      await shoot(page, 'invoices', () =>
        page
          .locator('[data-testid="invoice-row"]:visible, [data-testid="invoice-card"]:visible')
          .first()
          .waitFor(),
      );

      // The PDF, straight from the list: a real PDF named after the invoice number.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        row.getByRole('button', { name: `Descargar la factura ${first.invoiceNumber} en PDF` }).click(),
      ]);
      expect(download.suggestedFilename()).toContain(first.invoiceNumber);
      const file = await download.path();
      const bytes = await readFile(file);
      expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');

      // The invoice page: lines, totals, parties and the payment.
      await row.getByRole('link', { name: first.invoiceNumber, exact: true }).click();
      await page.getByRole('heading', { name: `Factura ${first.invoiceNumber}`, level: 1 }).waitFor();
      await page.getByTestId('invoice-lines').getByText('VPS 10 NVMe').first().waitFor();
      await page.getByTestId('invoice-transactions').getByText('Pago de prueba').waitFor();
      await page.getByRole('heading', { name: 'Facturado a' }).waitFor();
      await page.getByTestId('invoice-bill-to').getByText(customer.email).waitFor();
      await shoot(page, 'invoice-paid', () => page.getByTestId('invoice-totals').waitFor());

      // The order links to its invoice.
      await page.goto(`${e2e.baseUrl}/panel/orders/${order.id}`);
      await page.getByTestId('order-invoice').getByText(`Factura ${first.invoiceNumber}`).waitFor();

      // The server page: the renewal card; cancel at the end of the period, then undo it.
      await panelNav(page).getByRole('link', { name: 'Mis servidores' }).click();
      await page.getByTestId('server-row').first().getByRole('link').first().click();
      await page.waitForURL(/\/panel\/servers\/[0-9a-f-]+$/);
      const serverUrl = page.url();
      const renewal = page.getByTestId('renewal-card');
      await renewal.getByRole('heading', { name: 'Renovación' }).waitFor();
      const expiresBefore = await renewal.getByTestId('renewal-expires').getAttribute('data-expires');
      expect(expiresBefore).toBeTruthy();
      await renewal.getByRole('button', { name: 'Cancelar al final del periodo' }).click();
      const cancel = page.getByRole('dialog', { name: /^¿Cancelar .+ al final del periodo\?$/ });
      await cancel.getByText('se borrarán sus datos').waitFor();
      await cancel.getByRole('button', { name: 'Sí, cancelar al final del periodo' }).click();
      await renewal.getByTestId('renewal-cancelled').waitFor();
      expect(await renewal.getByRole('switch', { name: 'Renovación automática' }).isDisabled()).toBe(true);
      await shoot(page, 'server-cancelled', () => renewal.getByTestId('renewal-cancelled').waitFor());
      await renewal.getByRole('button', { name: 'Deshacer la cancelación' }).click();
      await renewal.getByTestId('renewal-cancelled').waitFor({ state: 'detached' });
      expect(
        await renewal.getByRole('switch', { name: 'Renovación automática' }).getAttribute('aria-checked'),
      ).toBe('true');

      // "Renovar ahora" issues the renewal invoice and opens it.
      await renewal.getByRole('button', { name: 'Renovar ahora' }).click();
      await page.waitForURL(/\/panel\/invoices\/[0-9a-f-]+$/);
      await page.getByTestId('invoice-status').getByText('Pendiente').waitFor();
      await page.getByTestId('invoice-pay-card').waitFor();
      const renewalNumber =
        (await page.getByRole('heading', { level: 1 }).textContent())?.replace('Factura ', '') ?? '';
      expect(renewalNumber).toMatch(/\S+-\d{4}-\d+/);
      await page.getByText('Renovación de servidor').first().waitFor();
      await shoot(page, 'invoice-unpaid', () => page.getByTestId('invoice-pay-card').waitFor());

      // The panel says there is an unpaid invoice, and its pay button opens the payment.
      await panelNav(page).getByRole('link', { name: 'Inicio' }).click();
      const banner = page.getByTestId('unpaid-banner');
      await banner.getByText(/^Tienes 1 factura pendiente por /).waitFor();
      await shoot(page, 'panel-home-unpaid', () => banner.waitFor());
      await page.goto(serverUrl);
      await page.getByTestId('renewal-invoice').getByText(`Factura de renovación ${renewalNumber}`).waitFor();
      await page.getByTestId('unpaid-banner').waitFor();
      await shoot(page, 'server-renewal', () => page.getByTestId('renewal-invoice').waitFor());
      await page.getByTestId('unpaid-banner').getByRole('link', { name: 'Pagar' }).click();
      const pay = page.getByRole('dialog', { name: `Pagar la factura ${renewalNumber}` });
      await pay.getByText('Pago de prueba').click();
      await shoot(page, 'invoice-pay-dialog', () => pay.waitFor());
      await pay.getByTestId('pay-button').click();

      // The sandbox shows the invoice it pays; approving lands back on the invoice, paid.
      await page.waitForURL(/\/pay\/sandbox\//);
      await page.getByText(`Factura ${renewalNumber}`).waitFor();
      await shoot(page, 'sandbox-invoice', () => page.getByTestId('sandbox-amount').waitFor());
      await page.getByRole('button', { name: 'Aprobar pago' }).click();
      await page.waitForURL(/\/panel\/invoices\/[0-9a-f-]+$/);
      await page.getByTestId('payment-notice').getByText('Pago aprobado').waitFor();
      await page.getByTestId('invoice-status').getByText('Pagada').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('invoice-pay-card').count()).toBe(0);

      // The server now runs one more period, and nothing is left to pay.
      await page.goto(serverUrl);
      await expect
        .poll(() => page.getByTestId('renewal-expires').getAttribute('data-expires'), { timeout: 10_000 })
        .toBe(addMonths(expiresBefore!, 1));
      expect(await page.getByTestId('renewal-invoice').count()).toBe(0);
      expect(await page.getByTestId('unpaid-banner').count()).toBe(0);

      // The administrator: the invoice list, a credit note for the renewal, the cycle and its settings.
      await signIn(admin.page, e2e.baseUrl, E2E_ADMIN, /\/admin$/);
      await admin.page.goto(`${e2e.baseUrl}/admin/invoices`);
      await admin.page.getByRole('heading', { name: 'Facturas', level: 1 }).waitFor();
      await admin.page.getByLabel('Buscar').fill(renewalNumber);
      await expect.poll(() => admin.page.getByTestId('admin-invoice-row').count()).toBe(1);
      const adminRow = admin.page.getByTestId('admin-invoice-row').first();
      await adminRow.getByText(customer.email).waitFor();
      await admin.page.getByLabel('Buscar').fill('');
      await expect.poll(() => admin.page.getByTestId('admin-invoice-row').count()).toBeGreaterThanOrEqual(2);
      await shoot(admin.page, 'admin-invoices', () =>
        admin.page
          .locator('[data-testid="admin-invoice-row"]:visible, [data-testid="admin-invoice-card"]:visible')
          .first()
          .waitFor(),
      );
      await admin.page
        .getByTestId('admin-invoice-row')
        .filter({ hasText: renewalNumber })
        .getByRole('button', { name: `Emitir una nota de crédito para la factura ${renewalNumber}` })
        .click();
      const credit = admin.page.getByRole('dialog', {
        name: `Nota de crédito para la factura ${renewalNumber}`,
      });
      await credit.getByRole('button', { name: 'Emitir nota de crédito' }).click();
      await credit.getByText('Completa este dato.').waitFor();
      await credit.getByLabel('Motivo').fill('Renovación cobrada dos veces');
      await credit.getByLabel(/Monto a acreditar/).fill('1,00');
      await credit.getByLabel('Registrar un reembolso hecho por otro medio').check();
      await credit.getByLabel('Referencia del reembolso').fill('REEMBOLSO-001');
      await screenshot(admin.page, 'billing-admin-credit-note-dialog-1280');
      await credit.getByRole('button', { name: 'Emitir nota de crédito' }).click();
      await admin.page.getByTestId('toast').filter({ hasText: 'Emitimos la nota de crédito' }).waitFor();
      await admin.page
        .getByTestId('admin-invoice-row')
        .filter({ hasText: 'Nota de crédito de' })
        .first()
        .waitFor();

      await admin.page
        .getByRole('navigation', { name: 'Administración' })
        .first()
        .getByRole('link', { name: 'Ciclo de facturación' })
        .click();
      await admin.page.getByRole('heading', { name: 'Ciclo de facturación', level: 1 }).waitFor();
      await admin.page.getByRole('button', { name: 'Ejecutar ciclo ahora' }).click();
      await admin.page.getByTestId('run-result').waitFor({ timeout: 20_000 });
      await admin.page.getByTestId('job-runs').waitFor();
      await admin.page.getByTestId('billing-settings').getByLabel('Prefijo de las facturas').waitFor();
      await shoot(admin.page, 'admin-billing', () => admin.page.getByTestId('billing-settings').waitFor());

      // The customer sees the credit note under the invoice it corrects.
      await page.goto(`${e2e.baseUrl}/panel/invoices`);
      const noteRow = page.getByTestId('invoice-row').filter({ hasText: 'Nota de crédito' }).first();
      await noteRow.getByText('Emitida').waitFor();
      await noteRow.getByRole('link', { name: /^Ver la nota de crédito / }).click();
      await page.getByRole('heading', { name: /^Nota de crédito /, level: 1 }).waitFor();
      await page
        .getByText('Esta nota de crédito corrige la')
        .getByRole('link', { name: renewalNumber })
        .waitFor();
      await page.getByTestId('invoice-transactions').getByText('REEMBOLSO-001').waitFor();
      await shoot(page, 'credit-note', () => page.getByTestId('invoice-totals').waitFor());

      // Suspended for an unpaid renewal: the server page says which invoice to pay, and actions are blocked.
      const next = await call<{ id: string; invoiceNumber: string }>(
        `/api/vps/${serverUrl.split('/').pop()}/renew`,
        { method: 'POST', token },
      );
      const adminApi = await adminApiToken();
      await call(`/api/admin/vps/${serverUrl.split('/').pop()}`, {
        method: 'PUT',
        token: adminApi,
        body: { serviceStatus: 'suspended' },
      });
      await page.goto(serverUrl);
      const suspended = page.getByTestId('service-banner');
      await suspended.getByText('Tu servidor está suspendido').waitFor();
      await suspended.getByRole('link', { name: /^Pagar / }).waitFor();
      expect(await page.getByRole('button', { name: 'Reiniciar' }).isDisabled()).toBe(true);
      await shoot(page, 'server-suspended', () => suspended.waitFor());

      // They choose a bank transfer: the instructions name the invoice; the administrator records it as paid.
      await suspended.getByRole('link', { name: /^Pagar / }).click();
      const transfer = page.getByRole('dialog', { name: `Pagar la factura ${next.invoiceNumber}` });
      await transfer.getByText('Transferencia bancaria').click();
      await transfer.getByTestId('pay-button').click();
      await page.waitForURL(/\/payments\/[0-9a-f-]+$/);
      await page.getByTestId('bank-instructions').waitFor();
      await page.getByRole('link', { name: `Factura ${next.invoiceNumber}` }).waitFor();
      await shoot(page, 'bank-transfer', () => page.getByTestId('bank-instructions').waitFor());

      await admin.page.goto(`${e2e.baseUrl}/admin/invoices?status=unpaid`);
      const unpaidRow = admin.page.getByTestId('admin-invoice-row').filter({ hasText: next.invoiceNumber });
      await unpaidRow.getByText('Pendiente').waitFor();
      await unpaidRow
        .getByRole('button', { name: `Marcar como pagada la factura ${next.invoiceNumber}` })
        .click();
      const markPaid = admin.page.getByRole('dialog', {
        name: `Marcar como pagada la factura ${next.invoiceNumber}`,
      });
      await markPaid.getByLabel('Referencia del pago').fill('TRANSF-2026-0042');
      await markPaid.getByRole('button', { name: 'Registrar pago' }).click();
      await admin.page.getByTestId('toast').filter({ hasText: 'Registramos el pago' }).waitFor();
      await unpaidRow.waitFor({ state: 'detached' });

      // Paid: the service is active again, nothing is owed.
      await page.goto(serverUrl);
      await page.getByTestId('renewal-card').waitFor();
      expect(await page.getByTestId('service-banner').count()).toBe(0);
      expect(await page.getByTestId('unpaid-banner').count()).toBe(0);
    } catch (error) {
      await screenshot(page, 'failure-billing-customer').catch(() => undefined);
      await screenshot(admin.page, 'failure-billing-admin').catch(() => undefined);
      throw error;
    } finally {
      await user.context.close();
      await admin.context.close();
    }
  }, 240_000);
});
