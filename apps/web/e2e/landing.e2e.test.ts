import { describe, expect, it } from 'vitest';
import { hasHorizontalScroll, newPage, screenshot, setupE2e } from './harness.ts';

const e2e = setupE2e();

describe('public pages', () => {
  it('shows the landing page in Spanish by default and switches to English', async () => {
    const { context, page } = await newPage(e2e.browser, { locale: 'es-CO' });
    try {
      await page.goto(`${e2e.baseUrl}/`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('es');
      await expect.poll(() => page.getByRole('link', { name: 'Iniciar sesión' }).isVisible()).toBe(true);
      await page.getByRole('heading', { name: 'Cómo funciona' }).waitFor();
      await page.getByTestId('plan-card').first().waitFor();
      expect(await page.getByTestId('plan-card').count()).toBe(8);

      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'How it works' }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.getByRole('link', { name: 'Sign in' }).isVisible()).toBe(true);

      // The choice survives a reload.
      await page.reload();
      await page.getByRole('heading', { name: 'How it works' }).waitFor();
    } finally {
      await context.close();
    }
  }, 60_000);

  it('lists the 8 plans on the pricing page and filters them', async () => {
    const { context, page } = await newPage(e2e.browser);
    try {
      await page.goto(`${e2e.baseUrl}/pricing`);
      const rows = page.getByTestId('plan-row');
      await rows.first().waitFor();
      expect(await rows.count()).toBe(8);
      await expect.poll(() => page.getByText('8 planes').isVisible()).toBe(true);

      await page.getByLabel('Tipo de disco').selectOption('SSD');
      await expect.poll(() => rows.count()).toBe(3);
      await page.getByRole('button', { name: 'Quitar filtros' }).first().click();
      await expect.poll(() => rows.count()).toBe(8);

      // 12-month period shows the period total and the per-month equivalent.
      await page.getByText('12 meses', { exact: true }).click();
      await expect
        .poll(() => page.getByRole('columnheader', { name: 'Total 12 meses' }).isVisible())
        .toBe(true);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('has no horizontal scroll at 360 and 768 px', async () => {
    for (const width of [360, 768]) {
      const { context, page } = await newPage(e2e.browser, { width, height: 800 });
      try {
        await page.goto(`${e2e.baseUrl}/`);
        await page.getByTestId('plan-card').first().waitFor();
        expect(await hasHorizontalScroll(page), `landing at ${width} px`).toBe(false);
        await page.goto(`${e2e.baseUrl}/pricing`);
        await page.getByTestId('plan-card').first().waitFor();
        expect(await hasHorizontalScroll(page), `pricing at ${width} px`).toBe(false);
      } finally {
        await context.close();
      }
    }
  }, 60_000);

  for (const width of [390, 1280]) {
    it(`renders without horizontal scroll at ${width} px (screenshots)`, async () => {
      const { context, page } = await newPage(e2e.browser, { width, height: 844 });
      try {
        await page.goto(`${e2e.baseUrl}/`);
        await page.getByTestId('plan-card').first().waitFor();
        await page.getByText('Todos los precios están en').first().waitFor();
        expect(await hasHorizontalScroll(page)).toBe(false);
        await screenshot(page, `landing-${width}`);

        await page.goto(`${e2e.baseUrl}/pricing`);
        await page
          .locator(width >= 1024 ? '[data-testid="plan-row"]' : '[data-testid="plan-card"]')
          .first()
          .waitFor();
        expect(await hasHorizontalScroll(page)).toBe(false);
        await screenshot(page, `pricing-${width}`);

        if (width < 768) {
          await page.getByRole('button', { name: 'Abrir menú' }).click();
          await page.getByRole('dialog').waitFor();
          await screenshot(page, `menu-${width}`);
        }
      } finally {
        await context.close();
      }
    }, 60_000);
  }
});
