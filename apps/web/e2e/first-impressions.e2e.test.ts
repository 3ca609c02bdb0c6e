// Issue #16, what a newcomer trips over in the first hour. The server runs as a fresh `npm start` would: no APP_URL,
// browsed at http://127.0.0.1:<port> (the harness's address), so registering and buying must work there.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { adminToken, apiCall, legalAccepted, paidOrder, registerVerified, waitForEmail } from './api.ts';
import { registerAndVerify, signIn, submitSignIn } from './flows.ts';
import { E2E_ADMIN, REPO_ROOT, newPage, setupE2e, shootBoth } from './harness.ts';

// A shared, busy machine can take a while to boot the server, which creates its embedded database itself here.
const e2e = setupE2e({ env: { APP_URL: undefined }, timeoutMs: 180_000, freshDatabase: true });
// One API login for the whole file: with the three sign-ins in the browser, the admin stays within the login limit
// (5 a minute per address and e-mail) whatever the clock minute the tests fall in.
let adminAccessToken: string | undefined;
const cachedAdminToken = async () => (adminAccessToken ??= await adminToken(e2e.baseUrl));

type Catalogue = { [key: string]: string | Catalogue };
const catalogue = (lang: string): Catalogue =>
  JSON.parse(readFileSync(path.join(REPO_ROOT, `apps/web/src/i18n/${lang}.json`), 'utf8')) as Catalogue;
function flatten(tree: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(`${prefix}${key}`, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}
const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)/g)].map((m) => m[1]).sort();

/** Visible text of the page that still holds an i18next placeholder (`{{id}}`): a string rendered without its value. */
const rawPlaceholders = (page: Page) =>
  page.evaluate(() => (document.body.innerText.match(/{{[^}]*}}/g) ?? []).join(' '));

describe('first impressions', () => {
  it('has every key in both languages with the same placeholders', () => {
    const [es, en] = [flatten(catalogue('es')), flatten(catalogue('en'))];
    expect(
      [...es.keys()].filter((k) => !en.has(k)),
      'missing in en.json',
    ).toEqual([]);
    expect(
      [...en.keys()].filter((k) => !es.has(k)),
      'missing in es.json',
    ).toEqual([]);
    const differing = [...es].filter(
      ([k, v]) => placeholders(v).join() !== placeholders(en.get(k) ?? '').join(),
    );
    expect(
      differing.map(([k]) => k),
      'placeholders differ',
    ).toEqual([]);
  });

  it('serves compressed, cacheable assets and answers HEAD /', async () => {
    const head = await fetch(`${e2e.baseUrl}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('cache-control')).toBe('no-cache');
    const html = await (await fetch(`${e2e.baseUrl}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    // fetch() decodes what it accepts; ask for brotli explicitly and read the headers.
    const asset = await fetch(`${e2e.baseUrl}${script}`, { headers: { 'accept-encoding': 'br' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-encoding')).toBe('br');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('shows anonymous pages without console errors or raw placeholders, and "Comparar planes" compares', async () => {
    const { context, page } = await newPage(e2e.browser);
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    try {
      for (const url of ['/', '/pricing', '/compare', '/login', '/register']) {
        await page.goto(`${e2e.baseUrl}${url}`);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle');
        expect(await rawPlaceholders(page), url).toBe('');
      }
      expect(problems).toEqual([]);
      await page.goto(`${e2e.baseUrl}/`);
      await page.getByRole('link', { name: 'Comparar planes' }).click();
      await page.waitForURL(/\/compare$/);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('brings the administrator to /admin after signing in', async () => {
    const { context, page } = await newPage(e2e.browser);
    try {
      await signIn(page, e2e.baseUrl, E2E_ADMIN, /\/admin$/);
      expect(new URL(page.url()).pathname).toBe('/admin');
      // No admin page shows a string rendered without its values (the inventory filter once read
      // "Asignamos la instancia {{id}} a {{email}}" instead of "Asignadas").
      for (const url of ['/admin', '/admin/orders', '/admin/servers', '/admin/contabo', '/admin/products']) {
        await page.goto(`${e2e.baseUrl}${url}`);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle');
        expect(await rawPlaceholders(page), url).toBe('');
      }
      await page.goto(`${e2e.baseUrl}/admin/contabo`);
      await page.getByLabel('Mostrar').selectOption({ label: 'Asignadas' });
    } finally {
      await context.close();
    }
  }, 60_000);

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
        await expect.poll(() => rows.count(), { message: label, timeout: 15_000 }).toBe(count);
        await expect
          .poll(() => page.getByText(`${count} plan`).first().isVisible(), { timeout: 15_000 })
          .toBe(true);
      }
      expect(new URL(page.url()).searchParams.get('ramMin')).toBe('48');
      await page.getByLabel('RAM mínima').selectOption({ label: '16 GB o más' });
      await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(4);
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
      await page.getByTestId('legal-accept').check();
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

  it('presents a Windows server with Remote Desktop and the Administrator password, not SSH and root', async () => {
    const admin = await cachedAdminToken();
    const user = {
      firstName: 'Jorge',
      lastName: 'Ríos',
      email: `jorge.${Date.now()}@cloudvertice.test`,
      password: 'Vértice-windows-desk-42',
    };
    const token = await registerVerified(e2e.baseUrl, user, admin);
    const call = <T>(url: string, init?: Parameters<typeof apiCall>[2]) => apiCall<T>(e2e.baseUrl, url, init);
    const products = await call<{ items: Array<{ id: string; name: string }> }>('/api/products?pageSize=50');
    const plan = products.items.find((p) => p.name === 'VPS 20 NVMe')!;
    const detail = await call<{ images: Array<{ id: string; osType: string }> }>(`/api/products/${plan.id}`);
    const windows = detail.images.find((image) => image.osType === 'Windows');
    expect(windows).toBeDefined();
    const { items } = await call<{ items: Array<{ id: string }> }>('/api/orders', {
      method: 'POST',
      token,
      body: {
        items: [{ productId: plan.id, periodMonths: 1, region: 'EU', imageId: windows!.id }],
        legalAccepted: await legalAccepted(e2e.baseUrl, 'checkout'),
      },
    });
    const payment = await call<{ id: string }>(`/api/orders/${items[0]!.id}/pay`, {
      method: 'POST',
      token,
      body: { provider: 'sandbox', scope: 'order' },
    });
    await call(`/api/payments/sandbox/${payment.id}/approve`, { method: 'POST', token });
    // Created through Contabo's API (the simulator) with the ordered Windows image.
    await call(`/api/admin/orders/${items[0]!.id}/provision`, {
      method: 'POST',
      token: admin,
      body: { mode: 'api' },
    });
    await expect
      .poll(
        async () =>
          (await call<{ status: string }>(`/api/admin/orders/${items[0]!.id}`, { token: admin })).status,
        { timeout: 60_000, interval: 1000 },
      )
      .toBe('completed');
    const servers = await call<{ items: Array<{ id: string; status: string | null }> }>('/api/vps', {
      token,
    });
    const server = servers.items[0]!;

    const { context, page } = await newPage(e2e.browser, { width: 1280, height: 900 });
    try {
      await signIn(page, e2e.baseUrl, user, /\/panel$/);
      await page.goto(`${e2e.baseUrl}/panel/servers/${server.id}`);
      await page.getByText('Escritorio remoto (RDP)').waitFor({ timeout: 30_000 });
      await page.getByText('Contraseña de Administrator').waitFor();
      expect(await page.getByText('Comando SSH').count()).toBe(0);
      expect(await page.getByText('Contraseña de root').count()).toBe(0);
      expect(await rawPlaceholders(page)).toBe('');
      // On a running server the disabled "Encender" is not the prominent (primary) button.
      const start = page.getByTestId('server-actions').getByRole('button', { name: 'Encender' });
      await expect.poll(() => start.isDisabled(), { timeout: 60_000 }).toBe(true);
      expect(await start.getAttribute('class')).not.toContain('bg-primary');
      await shootBoth(page, 'windows-server', () => page.getByText('Escritorio remoto (RDP)').waitFor());
    } finally {
      await context.close();
    }
  }, 180_000);

  it('publishes versioned legal documents, links them in the footer and requires them to register and buy', async () => {
    const admin = await newPage(e2e.browser);
    const visitor = await newPage(e2e.browser);
    const english = await newPage(e2e.browser, { locale: 'en-US' });
    try {
      // The visitor finds the terms in the footer (version 1, the default text).
      const { page } = visitor;
      await page.goto(`${e2e.baseUrl}/`);
      await page.getByRole('contentinfo').getByRole('link', { name: 'Términos del servicio' }).click();
      await page.waitForURL(/\/legal\/terms$/);
      await page.getByRole('heading', { level: 1, name: 'Términos del servicio' }).waitFor();
      await page.getByText(/^Versión 1, publicada el/).waitFor();
      await shootBoth(page, 'legal-terms', () => page.getByTestId('legal-page').waitFor());
      await english.page.goto(`${e2e.baseUrl}/legal/refunds`);
      await english.page.getByRole('heading', { level: 1, name: 'Refund policy' }).waitFor();

      // Registration is refused in the page until the terms and privacy policy are accepted.
      await page.goto(`${e2e.baseUrl}/register`);
      await page.getByLabel('Nombre', { exact: true }).fill('Rosa');
      await page.getByLabel('Apellido').fill('Quispe');
      await page.getByLabel('Correo electrónico').fill(`rosa.${Date.now()}@cloudvertice.test`);
      await page.getByLabel('Contraseña', { exact: true }).fill('Vértice-legal-first-77');
      await page.getByRole('button', { name: 'Crear cuenta' }).click();
      await page.getByText('Acepta los documentos legales para continuar.').waitFor();
      await page
        .getByText(/Acepto los Términos del servicio \(versión 1\) y la Política de privacidad \(versión 1\)/)
        .waitFor();

      // The admin publishes version 2 under Ajustes; HTML in it must stay text.
      await signIn(admin.page, e2e.baseUrl, E2E_ADMIN, /\/admin$/);
      await admin.page.goto(`${e2e.baseUrl}/admin/settings`);
      await admin.page.getByRole('link', { name: 'Editar documentos' }).click();
      await admin.page.waitForURL(/\/admin\/settings\/legal$/);
      await admin.page.getByTestId('legal-current-version').getByText('Versión vigente: 1').waitFor();
      await shootBoth(admin.page, 'admin-legal', () => admin.page.getByLabel('Texto en español').waitFor());
      await admin.page
        .getByLabel('Texto en español')
        .fill(
          '# Términos del servicio\n\nNueva versión <img src=x onerror="document.title=1"> [clic](javascript:alert(1)).',
        );
      await admin.page.getByLabel('Texto en inglés').fill('# Terms of service\n\nNew version.');
      await admin.page.getByRole('button', { name: 'Publicar nueva versión' }).click();
      await admin.page.getByText('Versión 2 publicada').waitFor();
      await admin.page.getByTestId('legal-current-version').getByText('Versión vigente: 2').waitFor();
      expect(await admin.page.getByTestId('legal-versions').locator('li').count()).toBe(2);

      await page.goto(`${e2e.baseUrl}/legal/terms`);
      await page.getByText(/^Versión 2, publicada el/).waitFor();
      const article = page.getByTestId('legal-page');
      await article.getByText('<img src=x onerror="document.title=1">', { exact: false }).waitFor();
      expect(await article.locator('img').count()).toBe(0);
      expect(await article.locator('a[href^="javascript"]').count()).toBe(0);

      // Checkout names the versions it accepts and refuses to go on without the checkbox.
      const buyer = {
        firstName: 'Tomás',
        lastName: 'Huamán',
        email: `tomas.${Date.now()}@cloudvertice.test`,
        password: 'Vértice-legal-buy-55',
      };
      await registerVerified(e2e.baseUrl, buyer, await cachedAdminToken());
      await signIn(page, e2e.baseUrl, buyer, /\/panel$/);
      await page.goto(`${e2e.baseUrl}/pricing`);
      await page.getByRole('link', { name: 'VPS 10 NVMe', exact: true }).click();
      await page.getByRole('button', { name: 'Agregar al carrito' }).click();
      await page.waitForURL(/\/cart$/);
      await page.getByRole('button', { name: 'Continuar al pago' }).click();
      await page.waitForURL(/\/checkout$/);
      await page
        .getByText(/Acepto los Términos del servicio \(versión 2\) y la Política de reembolsos \(versión 1\)/)
        .waitFor();
      await page.getByRole('button', { name: 'Confirmar pedido' }).click();
      await page.getByText('Acepta los documentos legales para continuar.').waitFor();
      await shootBoth(page, 'checkout-terms', () => page.getByTestId('legal-accept').waitFor());
      await page.getByTestId('legal-accept').check();
      await page.getByRole('button', { name: 'Confirmar pedido' }).click();
      await page.getByRole('heading', { name: /Creamos tu pedido P-/ }).waitFor();
    } finally {
      await Promise.all([admin.context.close(), visitor.context.close(), english.context.close()]);
    }
  }, 180_000);

  it('asks the admin to confirm an instance of another plan and region, and tells the customer in Spanish', async () => {
    const admin = await cachedAdminToken();
    const buyer = {
      firstName: 'Elena',
      lastName: 'Vargas',
      email: `elena.${Date.now()}@cloudvertice.test`,
      password: 'Vértice-mismatch-31',
    };
    const token = await registerVerified(e2e.baseUrl, buyer, admin);
    const order = await paidOrder(e2e.baseUrl, token, 'VPS 10 NVMe', 'EU');
    const staff = await newPage(e2e.browser);
    const customerPage = await newPage(e2e.browser);
    try {
      const { page } = staff;
      await signIn(page, e2e.baseUrl, E2E_ADMIN, /\/admin$/);
      await page.goto(`${e2e.baseUrl}/admin/orders/${order.id}`);
      const assign = page.getByTestId('assign-card');
      // The simulator's VPS 20 NVMe in US-east: another plan and another region.
      await assign
        .getByTestId('unassigned-instances')
        .locator('label')
        .filter({ hasText: 'US-east' })
        .first()
        .click();
      await assign.getByRole('button', { name: 'Asignar instancia' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(/no coincide con el pedido/).waitFor();
      const differences = dialog.getByTestId('mismatch-differences');
      await differences.getByText('Plan: pidió VPS 10 NVMe, recibirá VPS 20 NVMe.').waitFor();
      await differences.getByText(/^Región: pidió .+, recibirá .+\.$/).waitFor();
      await shootBoth(page, 'admin-assign-mismatch', () => dialog.waitFor());
      await dialog.getByRole('button', { name: 'Asignar de todos modos' }).click();
      await page.getByTestId('admin-order-status').getByText('Completado').waitFor({ timeout: 20_000 });
      await page
        .getByTestId('admin-order-history')
        .getByText(/^Se asignó la instancia \d+, distinta a la pedida/)
        .waitFor();
      expect(await rawPlaceholders(page)).toBe('');

      await signIn(customerPage.page, e2e.baseUrl, buyer, /\/panel$/);
      await customerPage.page.goto(`${e2e.baseUrl}/panel/orders/${order.id}`);
      // The order's history shows every note (payment, assignment); the mismatch note is the one that names the plan.
      const note = customerPage.page.getByTestId('order-note').filter({ hasText: /VPS 20 NVMe/ });
      await note.waitFor();
      expect(await note.textContent()).toMatch(/plan VPS 20 NVMe \(pedido: VPS 10 NVMe\)/);
      expect(await rawPlaceholders(customerPage.page)).toBe('');
      const mail = await waitForEmail(e2e.baseUrl, admin, buyer.email, 'order-delivered-differently');
      expect(mail.text).toContain('recibes VPS 20 NVMe');
    } finally {
      await Promise.all([staff.context.close(), customerPage.context.close()]);
    }
  }, 180_000);
});
