// Catalogue → cart → checkout → payment, end to end against the real server in demo mode (sandbox payments):
// compare plans, register, fill a cart with two differently configured servers, reload, check out, approve the
// sandbox payment and see both orders paid; then a bank transfer that the administrator records.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { adminToken, apiCall, recordBankTransfer, registerVerified, sshEd25519PublicKey } from './api.ts';
import { registerAndVerify, signIn, submitSignIn } from './flows.ts';
import { newPage, screenshot, setupE2e, shootBoth } from './harness.ts';

const e2e = setupE2e();

/** On a plan page: choose the period, region and image, then "Agregar al carrito" (lands on /cart). */
async function addToCart(page: Page, options: { period: string; region: string; image?: string }) {
  await page
    .getByRole('group', { name: 'Periodo de pago' })
    .getByText(options.period, { exact: true })
    .click();
  await page.getByLabel('Región').selectOption(options.region);
  if (options.image) await page.getByLabel('Sistema operativo').selectOption({ label: options.image });
  await page.getByRole('button', { name: 'Agregar al carrito' }).click();
  await page.waitForURL(/\/cart$/);
}

const cartCount = (page: Page) => page.getByTestId('header-cart').first().getAttribute('aria-label');

describe('catalogue, cart, checkout and payments', () => {
  it('compares plans, fills the cart, checks out and pays with the sandbox', async () => {
    const { context, page } = await newPage(e2e.browser, { width: 1280, height: 900 });
    const user = {
      firstName: 'Marta',
      lastName: 'Quispe',
      email: `marta.${Date.now()}@cloudvertice.test`,
      password: 'Vértice-checkout-andes-31',
    };
    try {
      // Pricing → tick three plans → compare them.
      await page.goto(`${e2e.baseUrl}/pricing`);
      await page.getByTestId('plan-row').first().waitFor();
      for (const name of ['VPS 10 NVMe', 'VPS 20 NVMe', 'VDS S'])
        await page.getByRole('checkbox', { name: `Comparar ${name}` }).check();
      await page.getByRole('link', { name: 'Comparar 3 planes' }).click();
      await page.waitForURL(/\/compare\?ids=/);
      await expect.poll(() => page.getByTestId('compare-column').count()).toBe(3);
      await page.getByRole('heading', { name: 'Comparar planes' }).waitFor();
      await shootBoth(page, 'compare', () => page.getByTestId('compare-table').waitFor());
      // The header's "Comparar" goes to the comparison page too.
      await page.getByRole('banner').getByRole('link', { name: 'Comparar' }).click();
      await page.waitForURL(/\/compare$/);
      await page.getByText('Elige planes para comparar').waitFor();
      await page.goBack();
      await page.getByTestId('compare-table').waitFor();

      await registerAndVerify(page, e2e.baseUrl, user);

      // First server: VPS 10 NVMe, 12 months, US east, with a pasted SSH key, a hostname and cloud-init.
      await page.goto(`${e2e.baseUrl}/pricing`);
      await page.getByRole('link', { name: 'VPS 10 NVMe', exact: true }).click();
      await page.getByRole('heading', { name: 'VPS 10 NVMe', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Agregar al carrito' }).waitFor();
      await shootBoth(page, 'product', () => page.getByTestId('period-prices').waitFor());
      await addToCart(page, { period: '12 meses', region: 'US-east' });
      await page.getByText('Agregamos VPS 10 NVMe a tu carrito.').waitFor();
      expect(await cartCount(page)).toBe('Carrito: 1 servidor');

      const first = page.getByTestId('cart-item').filter({ hasText: 'VPS 10 NVMe' });
      const key = sshEd25519PublicKey('marta@laptop');
      await first.getByRole('button', { name: 'Pegar una llave nueva' }).click();
      await first.getByLabel('Nombre de la llave').fill('Portátil de Marta');
      await first.getByLabel('Llave pública').fill(key.publicKey);
      await first.getByRole('button', { name: 'Agregar llave' }).click();
      await first.getByText('Portátil de Marta').waitFor();
      // An invalid hostname is explained under the field.
      await first.getByLabel(/Nombre del servidor/).fill('web_1!');
      await first.getByText('Usa solo letras, números y guiones').waitFor();
      await first.getByLabel(/Nombre del servidor/).fill('web-1');
      await first.getByText('Avanzado').click();
      await first.getByLabel(/Datos de usuario/).fill('#cloud-config\npackages:\n  - nginx\n');

      // Second server: VPS 20 NVMe, 1 month, United Kingdom, Debian.
      await page.goto(`${e2e.baseUrl}/pricing`);
      await page.getByRole('link', { name: 'VPS 20 NVMe', exact: true }).click();
      await page.getByRole('heading', { name: 'VPS 20 NVMe', level: 1 }).waitFor();
      await addToCart(page, { period: '1 mes', region: 'UK', image: 'Debian 12' });
      expect(await cartCount(page)).toBe('Carrito: 2 servidores');

      // The cart survives a reload, with everything that was configured.
      await page.reload();
      await expect.poll(() => page.getByTestId('cart-item').count()).toBe(2);
      await page.getByText('Portátil de Marta').waitFor();
      expect(await first.getByLabel(/Nombre del servidor/).inputValue()).toBe('web-1');
      expect(await cartCount(page)).toBe('Carrito: 2 servidores');
      await shootBoth(page, 'cart', () => page.getByTestId('cart-total').waitFor());

      // Checkout needs a session: sign in and come back.
      await page.getByRole('button', { name: 'Continuar al pago' }).click();
      await page.waitForURL(/\/login\?next=%2Fcheckout$/);
      await submitSignIn(page, user);
      await page.waitForURL(/\/checkout$/);
      await expect.poll(() => page.getByTestId('checkout-item').count()).toBe(2);
      await shootBoth(page, 'checkout', () => page.getByTestId('checkout-estimate').waitFor());
      const estimate = await page.getByTestId('checkout-estimate').textContent();

      await page.getByTestId('legal-accept').check();

      await page.getByRole('button', { name: 'Confirmar pedido' }).click();
      await page.getByRole('heading', { name: /Creamos tus pedidos P-/ }).waitFor();
      // The server's total matches the preview, and the cart is empty now.
      expect(await page.getByTestId('checkout-total').textContent()).toBe(estimate);
      expect(await cartCount(page)).toBe('Carrito vacío');
      await page.getByRole('radio', { name: /Pago de prueba/ }).check();
      await shootBoth(page, 'checkout-pay', () => page.getByTestId('pay-button').waitFor());
      await page.getByTestId('pay-button').click();

      // The sandbox stands in for the provider's page.
      await page.waitForURL(/\/pay\/sandbox\/[0-9a-f-]+$/);
      const paymentId = page.url().split('/').pop() ?? '';
      await page.getByText('Pago de prueba — no se cobra dinero real').waitFor();
      expect(await page.getByTestId('sandbox-amount').textContent()).toBe(estimate);
      await shootBoth(page, 'sandbox', () => page.getByRole('button', { name: 'Aprobar pago' }).waitFor());
      await page.getByRole('button', { name: 'Aprobar pago' }).click();

      // Back in the panel: both orders paid.
      await page.waitForURL(/\/panel\/orders$/);
      await page.getByTestId('payment-notice').getByText('Pago aprobado').waitFor();
      const rows = page.getByTestId('order-row');
      await expect.poll(() => rows.count()).toBe(2);
      await expect
        .poll(() => rows.filter({ hasText: 'Pagado — en preparación' }).count(), { timeout: 10_000 })
        .toBe(2);
      await shootBoth(page, 'orders', () =>
        page
          .locator('[data-testid="order-row"]:visible, [data-testid="order-card"]:visible')
          .first()
          .waitFor(),
      );

      // Coming back from a provider, the return page confirms with the server and shows the result.
      await page.goto(`${e2e.baseUrl}/payments/${paymentId}/return?session=demo`);
      await page.getByRole('heading', { name: '¡Recibimos tu pago!' }).waitFor();
      await shootBoth(page, 'payment-return', () => page.getByTestId('payment-result').waitFor());
      await page.getByRole('link', { name: 'Ver mis pedidos' }).click();
      await page.waitForURL(/\/panel\/orders$/);

      // The order's page shows the breakdown, the SSH key's fingerprint and the history.
      await rows
        .filter({ hasText: 'VPS 10 NVMe' })
        .getByRole('link', { name: /^Ver el pedido/ })
        .click();
      await page.getByRole('heading', { name: /^Pedido P-/ }).waitFor();
      await page.getByTestId('order-ssh-keys').getByText(key.fingerprint).waitFor();
      await page.getByText('web-1').waitFor();
      expect(await page.getByTestId('order-history').getByRole('listitem').count()).toBeGreaterThanOrEqual(1);
      await shootBoth(page, 'order-detail', () => page.getByTestId('order-history').waitFor());
    } catch (error) {
      await screenshot(page, 'failure-checkout').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  }, 180_000);

  it('pays by bank transfer, shows the instructions and the order turns paid once the admin records it', async () => {
    const { context, page } = await newPage(e2e.browser, { width: 1280, height: 900 });
    const user = {
      firstName: 'Jorge',
      lastName: 'Salas',
      email: `jorge.${Date.now()}@cloudvertice.test`,
      password: 'Vértice-transferencia-77',
    };
    try {
      await registerAndVerify(page, e2e.baseUrl, user);
      await signIn(page, e2e.baseUrl, user, /\/panel$/);

      await page.goto(`${e2e.baseUrl}/pricing`);
      await page.getByRole('link', { name: 'VPS 10 SSD', exact: true }).click();
      await page.getByRole('heading', { name: 'VPS 10 SSD', level: 1 }).waitFor();
      await addToCart(page, { period: '6 meses', region: 'EU' });
      // A key that looks right but is not a real key: the server's answer lands next to that server's SSH keys.
      const item = page.getByTestId('cart-item');
      await item.getByRole('button', { name: 'Pegar una llave nueva' }).click();
      await item.getByLabel('Nombre de la llave').fill('Clave rota');
      await item.getByLabel('Llave pública').fill('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBroken rota@equipo');
      await item.getByRole('button', { name: 'Agregar llave' }).click();
      await page.getByRole('button', { name: 'Continuar al pago' }).click();
      await page.waitForURL(/\/checkout$/);
      await page.getByTestId('legal-accept').check();
      await page.getByRole('button', { name: 'Confirmar pedido' }).click();
      const invalidKey = 'Una de las llaves pegadas no es una llave pública SSH válida.';
      await page.getByTestId('checkout-item').getByText(invalidKey).waitFor();
      await page.getByRole('link', { name: 'Editar en el carrito' }).click();
      await item.getByText(invalidKey).waitFor();
      expect(await page.getByRole('button', { name: 'Continuar al pago' }).isDisabled()).toBe(true);
      await item.getByRole('button', { name: 'Quitar la llave Clave rota' }).click();
      expect(await item.getByText(invalidKey).count()).toBe(0);
      await page.getByRole('button', { name: 'Continuar al pago' }).click();
      await page.waitForURL(/\/checkout$/);
      await page.getByTestId('legal-accept').check();
      await page.getByRole('button', { name: 'Confirmar pedido' }).click();
      await page.getByRole('heading', { name: /Creamos tu pedido P-/ }).waitFor();

      await page.getByRole('radio', { name: /Transferencia bancaria/ }).check();
      await page.getByTestId('pay-button').click();
      await page.waitForURL(/\/payments\/[0-9a-f-]+$/);
      await page.getByRole('heading', { name: 'Paga con transferencia bancaria' }).waitFor();
      const instructions = page.getByTestId('bank-instructions');
      for (const label of [
        'Banco',
        'Titular',
        'Número de cuenta',
        'SWIFT / BIC',
        'Referencia (número de pedido)',
        'Monto',
      ])
        await instructions.getByText(label, { exact: true }).waitFor();
      await instructions.getByText(/^P-/).waitFor();
      await shootBoth(page, 'bank-transfer', () => instructions.waitFor());

      // The order is pending until the administrator records the transfer.
      const orderLink = page.getByRole('link', { name: /^P-/ }).first();
      const orderId = (await orderLink.getAttribute('href'))?.split('/').pop() ?? '';
      await page.goto(`${e2e.baseUrl}/panel/orders`);
      const row = page.getByTestId('order-row').first();
      await row.getByText('Pendiente de pago').waitFor();
      // Inicio lists it with a pay button.
      await page.getByRole('navigation', { name: 'Panel' }).getByRole('link', { name: 'Inicio' }).click();
      await page.getByRole('heading', { name: 'Pedidos pendientes de pago' }).waitFor();
      await page
        .getByTestId('pending-orders')
        .getByRole('link', { name: /^Pagar el pedido P-/ })
        .waitFor();

      const admin = await adminToken(e2e.baseUrl);
      await recordBankTransfer(e2e.baseUrl, admin, orderId, 'TRF-2026-0042');

      await page.goto(`${e2e.baseUrl}/panel/orders`);
      await page.getByTestId('order-row').first().getByText('Pagado — en preparación').waitFor();
      await page.goto(`${e2e.baseUrl}/panel`);
      await page.getByRole('heading', { name: /^Hola, Jorge/ }).waitFor();
      expect(await page.getByRole('heading', { name: 'Pedidos pendientes de pago' }).count()).toBe(0);
    } catch (error) {
      await screenshot(page, 'failure-bank-transfer').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  }, 150_000);

  it('shows the Windows licence as its own line in the cart and at checkout, and charges it', async () => {
    const admin = await adminToken(e2e.baseUrl);
    const user = {
      firstName: 'Tomás',
      lastName: 'Huanca',
      email: `tomas.${Date.now()}@cloudvertice.test`,
      password: 'Vértice-windows-licence-27',
    };
    const token = await registerVerified(e2e.baseUrl, user, admin);
    const { context, page } = await newPage(e2e.browser, { width: 1280, height: 900 });
    try {
      await signIn(page, e2e.baseUrl, user, /\/panel$/);
      await page.goto(`${e2e.baseUrl}/pricing`);
      await page.getByRole('link', { name: 'VPS 10 NVMe', exact: true }).click();
      await page.getByRole('heading', { name: 'VPS 10 NVMe', level: 1 }).waitFor();
      const system = page.getByLabel('Sistema operativo');
      // The option shows the monthly licence, so the price difference is no surprise.
      const windows = system.locator('option', {
        hasText: /^Windows Server 2022 \(\+ .+\/mes\)$/,
      });
      await system.selectOption((await windows.getAttribute('value')) ?? '');
      await addToCart(page, { period: '6 meses', region: 'EU' });

      const item = page.getByTestId('cart-item').filter({ hasText: 'VPS 10 NVMe' });
      const license = item.getByTestId('breakdown-license');
      await license.getByText('Licencia de Windows Server 2022 (6 meses)').waitFor();
      const withLicense = await page.getByTestId('cart-total').textContent();
      await shootBoth(page, 'cart-windows', () => license.waitFor());
      // Another system drops the licence line and lowers the total.
      await item.getByLabel('Sistema operativo').selectOption({ label: 'Ubuntu 24.04 LTS' });
      await expect.poll(() => license.count()).toBe(0);
      expect(await page.getByTestId('cart-total').textContent()).not.toBe(withLicense);
      await item.getByLabel('Sistema operativo').selectOption((await windows.getAttribute('value')) ?? '');
      await license.waitFor();
      expect(await page.getByTestId('cart-total').textContent()).toBe(withLicense);

      await page.getByRole('button', { name: 'Continuar al pago' }).click();
      await page.waitForURL(/\/checkout$/);
      const review = page.getByTestId('checkout-license');
      await review.getByText('Licencia de Windows Server 2022 (6 meses)').waitFor();
      expect(await page.getByTestId('checkout-estimate').textContent()).toBe(withLicense);
      await shootBoth(page, 'checkout-windows', () => review.waitFor());
      await page.getByTestId('legal-accept').check();
      await page.getByRole('button', { name: 'Confirmar pedido' }).click();
      await page.getByRole('heading', { name: /Creamos tu pedido P-/ }).waitFor();
      // The server charged what the cart showed, licence included.
      expect(await page.getByTestId('checkout-total').textContent()).toBe(withLicense);
      const orders = await apiCall<{ items: Array<{ licenseFeeMinor: number; periodMonths: number }> }>(
        e2e.baseUrl,
        '/api/orders',
        { token },
      );
      expect(orders.items[0]!.periodMonths).toBe(6);
      expect(orders.items[0]!.licenseFeeMinor).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  }, 150_000);
});
