// The console's smaller pieces (issues #18 and #16): the dashboard is live over SSE, the admin edits a customer's
// profile with inline validation (audited), the outbox shows a mail as rendered HTML in a sandbox with clickable links
// and its text part on demand, and /api/docs renders without violating the Content-Security-Policy.
import { describe, expect, it } from 'vitest';
import { adminToken, registerVerified, type Customer } from './api.ts';
import { signIn } from './flows.ts';
import { E2E_ADMIN, newPage, setupE2e, shootBoth } from './harness.ts';

const e2e = setupE2e();

describe('console extras', () => {
  it('/api/docs renders with no CSP violation in the console', async () => {
    const { context, page } = await newPage(e2e.browser);
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) =>
        console.error(`CSP violation: ${event.violatedDirective} ${event.sourceFile}:${event.lineNumber}`),
      );
    });
    try {
      await page.goto(`${e2e.baseUrl}/api/docs`);
      await page.locator('.swagger-ui .info .title').waitFor();
      await page.locator('.opblock').first().waitFor();
      expect(problems.filter((text) => /content security policy|csp/i.test(text))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the admin edits a profile with inline errors, sees it audited, reads the mail as HTML, and the Panel is live', async () => {
    const customer: Customer = {
      firstName: 'Lucía',
      lastName: 'Perfil',
      email: `lucia.${Date.now()}@cloudvertice.test`,
      password: 'Vértice-perfil-2026',
    };
    await registerVerified(e2e.baseUrl, customer, await adminToken(e2e.baseUrl));
    const { context, page } = await newPage(e2e.browser, { width: 1280, height: 900 });
    try {
      await signIn(page, e2e.baseUrl, E2E_ADMIN, /\/admin$/);

      // The Panel connects to its live stream (the poll stays as the fallback).
      await page.getByTestId('dashboard-updated').waitFor();
      await expect.poll(() => page.getByTestId('dashboard-updated').getAttribute('data-live')).toBe('true');

      await page.goto(`${e2e.baseUrl}/admin/customers?search=${encodeURIComponent(customer.email)}`);
      await page
        .getByRole('link', { name: /Lucía Perfil/ })
        .first()
        .click();
      await page.getByTestId('customer-detail').waitFor();
      await page.getByRole('button', { name: 'Editar perfil' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Nombre', { exact: true }).fill('');
      await dialog.getByLabel('Teléfono').fill('llámame');
      await dialog.getByRole('button', { name: 'Guardar cambios' }).click();
      await dialog.getByText('Escribe un teléfono válido', { exact: false }).waitFor();
      expect(await dialog.getByLabel('Teléfono').getAttribute('aria-invalid')).toBe('true');
      expect(await dialog.locator('p[id$="-error"]').count()).toBe(2);
      await shootBoth(page, 'admin-customer-edit', () => dialog.waitFor());

      await dialog.getByLabel('Nombre', { exact: true }).fill('Lucía María');
      await dialog.getByLabel('Teléfono').fill('+57 300 123 4567');
      await dialog.getByRole('button', { name: 'Guardar cambios' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('heading', { name: 'Lucía María Perfil' }).waitFor();
      await page.getByText('+57 300 123 4567').waitFor();
      await page.getByText('customer.profile.update', { exact: false }).first().waitFor();

      // The verification mail, as the customer saw it: HTML in a sandbox (no scripts), links open in a new tab.
      await page.goto(`${e2e.baseUrl}/admin/outbox?to=${encodeURIComponent(customer.email)}`);
      await page
        .getByRole('button', { name: /Ver el correo/ })
        .first()
        .click();
      const frame = page.getByTestId('outbox-html');
      await frame.waitFor();
      expect(await frame.getAttribute('sandbox')).not.toContain('allow-scripts');
      const link = page
        .frameLocator('[data-testid="outbox-html"]')
        .locator('a[href*="verify-email"]')
        .first();
      await link.waitFor();
      const [popup] = await Promise.all([context.waitForEvent('page'), link.click()]);
      expect(popup.url()).toContain('verify-email');
      await popup.close();
      await shootBoth(page, 'admin-outbox-html', () => frame.waitFor());
      await page.getByRole('button', { name: 'Ver texto' }).click();
      expect(await page.getByTestId('outbox-text').innerText()).toContain('verify-email');
    } finally {
      await context.close();
    }
  });
});
