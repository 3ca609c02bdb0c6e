// Issue #16, what a newcomer trips over in the first hour. The server runs as a fresh `npm start` would: no APP_URL,
// browsed at http://127.0.0.1:<port> (the harness's address), so registering and buying must work there.
import { describe, expect, it } from 'vitest';
import { registerAndVerify, submitSignIn } from './flows.ts';
import { newPage, setupE2e, shootBoth } from './harness.ts';

// A shared, busy machine can take a while to boot the server.
const e2e = setupE2e({ env: { APP_URL: undefined }, timeoutMs: 180_000 });

describe('first impressions', () => {
  it('filters plans by each RAM value (GB, the API unit) and shows the plans that have it', async () => {
    const { context, page } = await newPage(e2e.browser);
    try {
      await page.goto(`${e2e.baseUrl}/pricing`);
      const rows = page.getByTestId('plan-row');
      await rows.first().waitFor();
      // The seeded plans have 4, 4, 8, 8, 16, 16, 24 and 48 GB.
      const expected: Array<[string, number]> = [
        ['4 GB o más', 8],
        ['8 GB o más', 6],
        ['16 GB o más', 4],
        ['24 GB o más', 2],
        ['48 GB o más', 1],
      ];
      for (const [label, count] of expected) {
        await page.getByLabel('RAM mínima').selectOption({ label });
        await expect.poll(() => rows.count(), { message: label }).toBe(count);
        await expect.poll(() => page.getByText(`${count} plan`).first().isVisible()).toBe(true);
      }
      expect(new URL(page.url()).searchParams.get('ramMin')).toBe('48');
      await page.getByLabel('RAM mínima').selectOption({ label: '16 GB o más' });
      await expect.poll(() => rows.count()).toBe(4);
      await shootBoth(page, 'pricing-filters', () =>
        page.locator('[data-testid="plan-row"]:visible, [data-testid="plan-card"]:visible').first().waitFor(),
      );
    } finally {
      await context.close();
    }
  }, 90_000);

  it('lets a visitor on http://127.0.0.1 (no APP_URL configured) register, sign in and buy', async () => {
    const { context, page } = await newPage(e2e.browser, { width: 1280, height: 900 });
    const user = {
      firstName: 'Lucía',
      lastName: 'Mamani',
      email: `lucia.${Date.now()}@cloudvertice.test`,
      password: 'Vértice-first-visit-88',
    };
    try {
      expect(e2e.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await registerAndVerify(page, e2e.baseUrl, user);
      await page.goto(`${e2e.baseUrl}/pricing`);
      await page.getByRole('link', { name: 'VPS 10 NVMe', exact: true }).click();
      await page.getByRole('button', { name: 'Agregar al carrito' }).click();
      await page.waitForURL(/\/cart$/);
      await page.getByRole('button', { name: 'Continuar al pago' }).click();
      await page.waitForURL(/\/login\?next=%2Fcheckout$/);
      await submitSignIn(page, user);
      await page.waitForURL(/\/checkout$/);
      await page.getByRole('button', { name: 'Confirmar pedido' }).click();
      await page.getByRole('radio', { name: /Pago de prueba/ }).check();
      await page.getByTestId('pay-button').click();
      // The sandbox page stays on the address the visitor browses (not APP_URL's default localhost).
      await page.waitForURL(new RegExp(`^${e2e.baseUrl.replace(/\./g, '\\.')}/pay/sandbox/`));
      await page.getByRole('button', { name: 'Aprobar pago' }).click();
      await page.waitForURL(/\/panel\/orders$/);
      await page.getByTestId('payment-notice').getByText('Pago aprobado').waitFor();
    } finally {
      await context.close();
    }
  }, 120_000);
});
