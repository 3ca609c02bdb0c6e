// The server page end to end against the real server in demo mode: a customer's server gets a VNC endpoint (a real
// TigerVNC Xvnc started here), the customer opens the browser console and sees the remote desktop's pixels, sets the
// reverse DNS of the IPv4 address, applies a firewall preset and reinstalls the system (name + password confirmation).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startXvnc, type XvncServer } from '../../server/test/vnc-server.ts';
import { adminToken, apiCall, assignServer, paidOrder, registerVerified, type Customer } from './api.ts';
import { signIn } from './flows.ts';
import { newPage, setupE2e, shootBoth } from './harness.ts';

const e2e = setupE2e();
let vnc: XvncServer;
beforeAll(async () => {
  vnc = await startXvnc();
});
afterAll(async () => {
  await vnc?.close();
});

describe('server page: console, statistics, reverse DNS, firewall, reinstall', () => {
  it('opens the console on a real VNC server, the statistics, sets rDNS, a firewall preset and reinstalls', async () => {
    const customer: Customer = {
      firstName: 'Tomás',
      lastName: 'Quispe',
      email: `tomas.${Date.now()}@cloudvertice.test`,
      password: 'Vértice-consola-42',
    };
    const admin = await adminToken(e2e.baseUrl);
    const token = await registerVerified(e2e.baseUrl, customer, admin);
    const order = await paidOrder(e2e.baseUrl, token, 'VPS 10 NVMe', 'EU');
    await assignServer(e2e.baseUrl, admin, order.id, 'VPS 10 NVMe', 'EU');
    const { items } = await apiCall<{
      items: Array<{ id: string; displayName: string | null; name: string | null; ipv4: string }>;
    }>(e2e.baseUrl, '/api/vps', { token });
    const vps = items[0]!;
    const name = vps.displayName || vps.name || '';
    await apiCall(e2e.baseUrl, `/api/admin/vps/${vps.id}/vnc`, {
      method: 'POST',
      token: admin,
      body: { host: '127.0.0.1', port: vnc.port, password: vnc.password },
    });

    const { page, context } = await newPage(e2e.browser, { width: 1280, height: 900 });
    try {
      await signIn(page, e2e.baseUrl, customer, /\/panel$/);
      await page.goto(`${e2e.baseUrl}/panel/servers/${vps.id}/console`);
      await page.getByRole('heading', { name: 'Consola', level: 2, exact: true }).waitFor();
      await page.getByRole('button', { name: 'Abrir consola' }).click();
      await page.getByText('Conectado. Haz clic en la pantalla para escribir.').waitFor({ timeout: 20_000 });
      // The remote desktop (Xvnc's stippled root window) is drawn on noVNC's canvas: many non-black pixels.
      await expect
        .poll(
          () =>
            page.evaluate(() => {
              const canvas = document.querySelector<HTMLCanvasElement>(
                '[data-testid="console-screen"] canvas',
              );
              if (!canvas || !canvas.width) return 0;
              const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
              let lit = 0;
              for (let i = 0; i < data.length; i += 4)
                if (data[i]! + data[i + 1]! + data[i + 2]! > 300) lit++;
              return lit;
            }),
          { timeout: 15_000 },
        )
        .toBeGreaterThan(1000);
      await page.getByRole('button', { name: 'Ctrl-Alt-Supr' }).click();
      await shootBoth(page, 'server-console', () => page.getByTestId('console-screen').waitFor());
      await page.getByRole('button', { name: 'Cerrar consola' }).click();
      await page.getByText('La sesión de consola terminó.').waitFor();

      // Estadísticas: a snapshot taken through the API shows in the actions chart; the status timeline is drawn from the
      // recorded history; the probe opt-in is saved. The probe cannot reach the simulator's documentation addresses, so
      // its results are appended to the real response here to see the latency and availability charts drawn.
      await apiCall(e2e.baseUrl, `/api/vps/${vps.id}/snapshots`, {
        method: 'POST',
        token,
        body: { name: 'antes-de-cambios' },
      });
      const now = Date.now();
      await page.route(`**/api/vps/${vps.id}/stats?range=*`, async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as { probe: { enabled: boolean; points: unknown[] } };
        if (body.probe.enabled) {
          body.probe.points = Array.from({ length: 24 }, (_, i) => ({
            at: new Date(now - (24 - i) * 5 * 60_000).toISOString(),
            probes: 1,
            failures: i === 7 ? 1 : 0,
            latencyAvgMs: i === 7 ? null : 20 + (i % 5) * 3,
            latencyMaxMs: i === 7 ? null : 20 + (i % 5) * 3,
          }));
        }
        await route.fulfill({ response, json: body });
      });
      await page.getByRole('link', { name: 'Estadísticas' }).click();
      await page.getByRole('heading', { name: 'Estadísticas', level: 2, exact: true }).waitFor();
      await page
        .getByText('La API de Contabo no ofrece métricas de CPU, RAM ni tráfico', { exact: false })
        .waitFor();
      await page.getByTestId('chart-status-timeline').waitFor();
      expect(await page.getByTestId('uptime-figures').locator('dd').count()).toBe(3);
      await page.getByTestId('chart-latency').getByText('Activa la comprobación de conexión').waitFor();
      await page.getByTestId('chart-activity').locator('.recharts-bar-rectangle').first().waitFor();
      const probeToggle = page.getByLabel(/Comprobar cada 5 minutos que el puerto 22 \(SSH\) responde/);
      // A click, not `check()`: the switch turns on when the optimistic update renders, which on a loaded machine can
      // come after Playwright's immediate state check.
      await probeToggle.click();
      await expect.poll(() => probeToggle.isChecked(), { timeout: 15_000 }).toBe(true);
      await page.getByText('Comprobación de conexión activada').waitFor();
      expect(
        (await apiCall<{ enabled: boolean }>(e2e.baseUrl, `/api/vps/${vps.id}/probe`, { token })).enabled,
      ).toBe(true);
      await page.getByTestId('chart-latency').locator('.recharts-line-curve').first().waitFor();
      await page.getByTestId('chart-availability').locator('.recharts-bar-rectangle').first().waitFor();
      await shootBoth(page, 'server-stats', () =>
        page.getByTestId('chart-latency').locator('svg').first().waitFor(),
      );
      await page.getByRole('button', { name: '7 días' }).click();
      await page.getByTestId('chart-status-timeline').waitFor();
      // "Ver datos": the same numbers as a table.
      await page.getByTestId('chart-latency').getByRole('button', { name: 'Ver datos' }).click();
      await page.getByTestId('chart-latency').locator('table').waitFor();
      await page.unroute(`**/api/vps/${vps.id}/stats?range=*`);

      // Reverse DNS of the IPv4 address.
      await page.getByRole('link', { name: 'Red' }).click();
      await page.getByRole('heading', { name: 'DNS inverso (PTR)' }).waitFor();
      await page.getByRole('button', { name: `Cambiar el DNS inverso de ${vps.ipv4}` }).click();
      await page.getByLabel('Nombre (FQDN)').fill('mail.ejemplo.com');
      await page.getByRole('button', { name: 'Guardar' }).click();
      await page
        .getByTestId('rdns-item')
        .filter({ hasText: vps.ipv4 })
        .getByText('mail.ejemplo.com')
        .waitFor();
      await shootBoth(page, 'server-network', () => page.getByTestId('rdns-list').waitFor());

      // Firewall preset.
      await page.getByRole('link', { name: 'Firewall' }).click();
      await page.getByTestId('firewall-none').waitFor();
      await page.getByRole('button', { name: 'Solo SSH' }).click();
      await page.getByLabel('Firewall activo').waitFor();
      expect(await page.getByTestId('firewall-rules').locator('li').count()).toBe(1);
      await shootBoth(page, 'server-firewall', () => page.getByTestId('firewall-rules').waitFor());

      // Reinstall: the dialog asks for the server name and the account password; a new root password is shown once.
      await page.getByRole('link', { name: 'Reinstalar' }).click();
      await page.getByRole('heading', { name: 'Reinstalar el sistema' }).waitFor();
      await shootBoth(page, 'server-reinstall', () => page.getByLabel('Sistema operativo').waitFor());
      await page.getByRole('button', { name: 'Reinstalar…' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(`Para confirmar, escribe el nombre del servidor: ${name}`).fill(name);
      await dialog.getByLabel('Tu contraseña de la cuenta').fill(customer.password);
      await dialog.getByRole('button', { name: 'Reinstalar y borrar todo' }).click();
      await page.getByTestId('generated-password').waitFor({ timeout: 15_000 });
      expect((await page.getByTestId('generated-password').textContent())?.length).toBeGreaterThanOrEqual(12);
      const status = await apiCall<{ status: string; actionInFlight: { actionType: string } | null }>(
        e2e.baseUrl,
        `/api/vps/${vps.id}`,
        { token },
      );
      expect(status.status).toBe('installing');
      expect(status.actionInFlight?.actionType).toBe('reinstall');
    } finally {
      await context.close();
    }
  }, 180_000);
});
