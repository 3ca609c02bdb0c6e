// The catalog and the store settings from the administration, against the real server in demo mode: the admin
// changes a plan's selling price and a period discount (watching the margin live, and the warning when a price falls
// below Contabo's cost) and the shop shows the new prices; deactivates a plan and deletes a sold one (the API
// deactivates it instead, and the page says so) and the shop no longer lists them; creates a plan; synchronises the
// OS images and renames one. In "Ajustes" the admin saves the company's data (the API returns it) and the bank
// transfer details.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { adminToken, apiCall, paidOrder, registerVerified, type Customer } from './api.ts';
import { signIn } from './flows.ts';
import { E2E_ADMIN, newPage, screenshot, setupE2e, shootBoth } from './harness.ts';

const e2e = setupE2e();

let cachedAdminToken: Promise<string> | null = null;
/** One admin login for the whole file (sign-ins are rate limited per account). */
const adminApiToken = () => (cachedAdminToken ??= adminToken(e2e.baseUrl));

const call = <T>(path: string, init?: Parameters<typeof apiCall>[2]) => apiCall<T>(e2e.baseUrl, path, init);

/** Money as the Spanish pages print it (es-419), with ordinary spaces. */
const usd = (minor: number) =>
  new Intl.NumberFormat('es-419', { style: 'currency', currency: 'USD' })
    .format(minor / 100)
    .replace(/\s/g, ' ');
const number = (value: number) => new Intl.NumberFormat('es-419').format(value);
const text = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s/g, ' ');

type PublicProduct = {
  id: string;
  name: string;
  prices: Array<{ periodMonths: number; totalMinor: number; monthlyMinor: number; discountPercent: number }>;
};
const publicPlans = () => call<{ items: PublicProduct[]; total: number }>('/api/products?pageSize=50');

/** A plan of the admin list. */
const planRow = (page: Page, name: string) =>
  page.locator(`[data-testid="admin-product"][data-name="${name}"]`);

describe('admin: products and prices, settings', () => {
  it('changes prices and discounts, deactivates and deletes plans, and the shop follows', async () => {
    // A customer buys "VPS 30 SSD", so that plan cannot be deleted any more.
    const customer: Customer = {
      firstName: 'Martina',
      lastName: 'Gómez',
      email: `martina.${Date.now()}@cloudvertice.test`,
      password: 'Vértice-catálogo-73',
    };
    const token = await registerVerified(e2e.baseUrl, customer, await adminApiToken());
    await paidOrder(e2e.baseUrl, token, 'VPS 30 SSD', 'EU');

    const { context, page } = await newPage(e2e.browser, { width: 1280, height: 900 });
    const visitor = await newPage(e2e.browser, { width: 1280, height: 900 });
    try {
      await signIn(page, e2e.baseUrl, E2E_ADMIN, /\/admin$/);
      await page.goto(`${e2e.baseUrl}/admin`);
      await page.getByTestId('stat-plans').getByText('8').waitFor();
      await page.getByTestId('stat-gateways').getByText('0').waitFor();
      await shootBoth(page, 'admin-home', () => page.getByTestId('stat-plans').waitFor());
      await page
        .getByRole('navigation', { name: 'Administración' })
        .first()
        .getByRole('link', { name: 'Productos y precios' })
        .click();
      await page.getByRole('heading', { name: 'Productos y precios', level: 1 }).waitFor();
      await expect.poll(() => page.getByTestId('admin-product').count()).toBe(8);
      await page.getByText('8 planes · 8 a la venta').waitFor();
      // Cost, selling price and margin of the month as the seed has them: 5,45 → 7,99 = 2,54 (31,79 %).
      const seeded = planRow(page, 'VPS 10 NVMe');
      expect(await text(seeded)).toContain(usd(545));
      expect(await text(seeded)).toContain(`${usd(254)} (${number(31.79)} %)`);
      await seeded.getByText('EU', { exact: true }).waitFor();
      await shootBoth(page, 'admin-products', () => planRow(page, 'VPS 10 NVMe').waitFor());

      // Edit "VPS 10 NVMe": the margin follows the inputs, a price below cost is flagged.
      await seeded.getByRole('link', { name: 'Editar el plan VPS 10 NVMe' }).click();
      await page.getByRole('heading', { name: 'Editar VPS 10 NVMe', level: 1 }).waitFor();
      const form = page.getByTestId('product-form');
      const selling = form.getByLabel('Precio de venta');
      expect(await selling.inputValue()).toBe('7.99');
      await selling.fill('5');
      await form.getByTestId('below-cost-warning').waitFor();
      expect(await text(form.getByTestId('month-margin'))).toContain('bajo el costo');
      await screenshot(page, 'admin-product-below-cost-1280');
      await selling.fill('9,49');
      await form.getByTestId('below-cost-warning').waitFor({ state: 'detached' });
      await expect
        .poll(() => text(form.getByTestId('month-margin')))
        .toContain(`${usd(404)} (${number(42.57)} %)`);
      // 6 months at 15 %: 9,49 × 6 = 56,94 − 8,54 = 48,40 (8,07/mes); Contabo 32,70; margin 15,70.
      const six = form.locator('[data-testid="period-row"][data-period="6"]');
      await six.getByLabel('Descuento (%)').fill('15');
      await expect.poll(() => text(six.getByTestId('period-total'))).toBe(usd(4840));
      expect(await text(six.getByTestId('period-margin'))).toContain(usd(1570));
      await shootBoth(page, 'admin-product-edit', () => six.getByTestId('period-total').waitFor());
      await form.getByTestId('product-save').click();
      await page.getByTestId('toast').filter({ hasText: 'Guardamos los cambios de VPS 10 NVMe.' }).waitFor();
      await page.waitForURL(/\/admin\/products$/);
      await expect.poll(async () => text(planRow(page, 'VPS 10 NVMe'))).toContain(usd(949));

      // The shop: the plan page shows the new monthly price and the new 6-month discount and total.
      const plan = (await publicPlans()).items.find((item) => item.name === 'VPS 10 NVMe');
      expect(plan?.prices.find((p) => p.periodMonths === 6)).toMatchObject({
        totalMinor: 4840,
        discountPercent: 15,
      });
      await visitor.page.goto(`${e2e.baseUrl}/plans/${plan?.id}`);
      const prices = visitor.page.getByTestId('period-prices');
      const sixRow = prices.getByRole('row').filter({ hasText: '6 meses' });
      await sixRow.getByText('Ahorras 15 %').waitFor();
      expect(await text(sixRow)).toContain(usd(4840));
      expect(await text(prices.getByRole('row').filter({ hasText: '1 mes' }))).toContain(usd(949));
      await visitor.page.goto(`${e2e.baseUrl}/pricing`);
      const publicRow = visitor.page.getByTestId('plan-row').filter({ hasText: 'VPS 10 NVMe' });
      await expect.poll(() => text(publicRow)).toContain(usd(949));

      // Deactivate "VPS 20 SSD" from the list: it leaves the shop.
      await planRow(page, 'VPS 20 SSD')
        .getByRole('button', { name: 'Desactivar el plan VPS 20 SSD' })
        .click();
      await page.getByTestId('toast').filter({ hasText: 'Desactivamos VPS 20 SSD' }).waitFor();
      await planRow(page, 'VPS 20 SSD').getByText('Inactivo').waitFor();
      await page.getByText('8 planes · 7 a la venta').waitFor();

      // Delete "VPS 30 SSD", which was sold: the API deactivates it and the page says so.
      await planRow(page, 'VPS 30 SSD').getByRole('button', { name: 'Eliminar el plan VPS 30 SSD' }).click();
      const sold = page.getByRole('dialog', { name: '¿Eliminar el plan VPS 30 SSD?' });
      await sold.getByText('Este plan tiene 1 pedido').waitFor();
      await sold.getByRole('button', { name: 'Desactivar plan' }).click();
      await page
        .getByTestId('product-delete-result')
        .getByText('VPS 30 SSD ya tiene pedidos, así que lo desactivamos en lugar de eliminarlo')
        .waitFor();
      await planRow(page, 'VPS 30 SSD').getByText('Inactivo').waitFor();

      // Delete "VDS M", which nobody bought: it is gone.
      await planRow(page, 'VDS M').getByRole('button', { name: 'Eliminar el plan VDS M' }).click();
      const unsold = page.getByRole('dialog', { name: '¿Eliminar el plan VDS M?' });
      await unsold.getByText('Nadie ha comprado este plan').waitFor();
      await unsold.getByRole('button', { name: 'Eliminar plan' }).click();
      await page.getByTestId('product-delete-result').getByText('Eliminamos el plan VDS M.').waitFor();
      await expect.poll(() => page.getByTestId('admin-product').count()).toBe(7);
      await shootBoth(page, 'admin-products-changed', () => planRow(page, 'VPS 30 SSD').waitFor());

      const shop = await publicPlans();
      expect(shop.items.map((item) => item.name)).not.toContain('VPS 20 SSD');
      expect(shop.items.map((item) => item.name)).not.toContain('VPS 30 SSD');
      expect(shop.total).toBe(5);
      await visitor.page.reload();
      await expect.poll(() => visitor.page.getByTestId('plan-row').count()).toBe(5);
      expect(await visitor.page.getByTestId('plan-row').filter({ hasText: 'VPS 20 SSD' }).count()).toBe(0);

      // A new plan, with the regions' usual surcharges proposed.
      await page.getByRole('link', { name: 'Nuevo plan' }).first().click();
      await page.getByRole('heading', { name: 'Nuevo plan', level: 1 }).waitFor();
      await form.getByLabel('Nombre', { exact: true }).fill('VPS 40 NVMe');
      await form.getByLabel('Id de producto de Contabo').fill('V100');
      await form.getByLabel('Núcleos de CPU').fill('8');
      await form.getByLabel('RAM (GB)').fill('30');
      await form.getByLabel('Disco (GB)').fill('300');
      await form.getByLabel('Costo en Contabo').fill('24,99');
      await form.getByLabel('Precio de venta').fill('34,99');
      expect(await form.getByLabel('Recargo por mes en Singapur').inputValue()).toBe('3.00');
      await expect.poll(() => text(form.getByTestId('month-margin'))).toContain(usd(1000));
      await form.getByTestId('product-save').click();
      await page.getByTestId('toast').filter({ hasText: 'Creamos el plan VPS 40 NVMe.' }).waitFor();
      await planRow(page, 'VPS 40 NVMe').getByText('Activo').waitFor();
      const created = (await publicPlans()).items.find((item) => item.name === 'VPS 40 NVMe');
      expect(created?.prices.map((p) => p.periodMonths)).toEqual([1, 6, 12]);

      // OS images: synchronise from Contabo (the simulator) and give one a display name.
      const images = page.locator('#images');
      await images.getByRole('button', { name: 'Sincronizar imágenes desde Contabo' }).click();
      await images
        .getByText(/^Contabo ofrece \d+ imágenes/)
        .first()
        .waitFor({ timeout: 20_000 });
      const firstImage = images.getByTestId('admin-image-row').first();
      await firstImage.getByRole('button', { name: /^Editar la imagen / }).click();
      const dialog = page.getByRole('dialog', { name: /^Editar / });
      await dialog.getByLabel('Nombre visible').fill('Ubuntu para pruebas');
      await dialog.getByRole('button', { name: 'Guardar' }).click();
      await page
        .getByTestId('toast')
        .filter({ hasText: 'Guardamos la imagen Ubuntu para pruebas.' })
        .waitFor();
      await images.getByTestId('admin-image-row').getByText('Ubuntu para pruebas').waitFor();
    } finally {
      await visitor.context.close();
      await context.close();
    }
  }, 120_000);

  it('saves the company data and the bank transfer details', async () => {
    const { context, page } = await newPage(e2e.browser, { width: 1280, height: 900 });
    try {
      await signIn(page, e2e.baseUrl, E2E_ADMIN, /\/admin$/);
      await page.goto(`${e2e.baseUrl}/admin/settings`);
      await page.getByRole('heading', { name: 'Ajustes', level: 1 }).waitFor();

      // Company data: a logo that is neither a path nor https:// is refused under the field.
      const company = page.getByTestId('company-settings');
      await company.getByLabel('Nombre comercial').waitFor();
      const data = {
        name: 'Vértice Nube',
        legalName: 'Vértice Nube S.A.S.',
        address: 'Calle 93 # 11-26, Bogotá, Colombia',
        taxId: '901.555.321-4',
        email: 'hola@verticenube.test',
        phone: '+57 601 555 0101',
        logoUrl: '/logo.png',
      };
      await company.getByLabel('Nombre comercial').fill(data.name);
      await company.getByLabel('Razón social').fill(data.legalName);
      await company.getByLabel('Dirección').fill(data.address);
      await company.getByLabel('Identificación tributaria').fill(data.taxId);
      await company.getByLabel('Correo de contacto').fill(data.email);
      await company.getByLabel('Teléfono').fill(data.phone);
      await company.getByLabel('Logo').fill('logo.png');
      await company.getByRole('button', { name: 'Guardar datos de la empresa' }).click();
      await company.getByText('Escribe una ruta como /logo.png').waitFor();
      await company.getByLabel('Logo').fill(data.logoUrl);
      await company.getByRole('button', { name: 'Guardar datos de la empresa' }).click();
      await company.getByRole('status').filter({ hasText: 'Guardamos los datos de la empresa.' }).waitFor();
      expect(await call('/api/admin/settings/company', { token: await adminApiToken() })).toMatchObject(data);

      // Payment gateways: none is configured in demo mode, and no key is ever shown.
      await page.getByTestId('sandbox-note').waitFor();
      expect(await page.getByTestId('gateway-stripe').getByTestId('gateway-source').textContent()).toBe(
        'Sin configurar',
      );
      expect(await page.getByTestId('gateway-stripe').getByLabel('Clave secreta').inputValue()).toBe('');

      // Bank transfer details.
      const bank = page.getByTestId('bank-transfer-settings');
      const details = {
        bankName: 'Bancolombia',
        accountHolder: 'Vértice Nube S.A.S.',
        accountNumber: '123-456789-01',
        swift: 'COLOCOBM',
        note: 'Usa el número de pedido como referencia.',
      };
      await bank.getByLabel('Banco').fill(details.bankName);
      await bank.getByLabel('Titular de la cuenta').fill(details.accountHolder);
      await bank.getByLabel('Número de cuenta').fill(details.accountNumber);
      await bank.getByLabel('SWIFT / BIC').fill(details.swift);
      await bank.getByLabel('Instrucciones para el cliente').fill(details.note);
      await bank.getByRole('button', { name: 'Guardar datos bancarios' }).click();
      await bank
        .getByRole('status')
        .filter({ hasText: 'Guardamos los datos de la transferencia bancaria.' })
        .waitFor();
      const payments = await call<{ bankTransfer: { enabled: boolean; details: typeof details } }>(
        '/api/admin/settings/payments',
        { token: await adminApiToken() },
      );
      expect(payments.bankTransfer).toEqual({ enabled: true, details });

      await shootBoth(page, 'admin-settings', () => page.getByTestId('bank-transfer-settings').waitFor());
    } finally {
      await context.close();
    }
  }, 90_000);
});
