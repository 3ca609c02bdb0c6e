// Servers end to end against the real server in demo mode (in-process Contabo simulator, sandbox payments): a customer
// pays an order through the API, the administrator assigns one of the simulator's unassigned instances from "Pedidos
// por preparar", and the customer drives the server from the panel — force stop and start watched live (Server-Sent
// Events, no reload), a snapshot taken and restored. Then the administrator buys a server with "Crear en Contabo".
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { adminToken, apiCall, paidOrder, registerVerified, type Customer } from './api.ts';
import { signIn } from './flows.ts';
import { E2E_ADMIN, newPage, screenshot, setupE2e, shootBoth } from './harness.ts';

const e2e = setupE2e();

const serverState = (page: Page) => page.getByTestId('server-state').first().getAttribute('data-status');

describe('servers: fulfilment and the customer panel', () => {
  it('admin assigns an instance; the customer stops, starts, snapshots and restores it live', async () => {
    const customer: Customer = {
      firstName: 'Lucía',
      lastName: 'Mamani',
      email: `lucia.${Date.now()}@cloudvertice.test`,
      password: 'Vértice-servidores-31',
    };
    const token = await registerVerified(e2e.baseUrl, customer, await adminToken(e2e.baseUrl));
    const order = await paidOrder(e2e.baseUrl, token, 'VPS 10 NVMe', 'EU');

    const admin = await newPage(e2e.browser, { width: 1280, height: 900 });
    const user = await newPage(e2e.browser, { width: 1280, height: 900 });
    try {
      // The administrator finds the paid order first in "Pedidos por preparar".
      // Staff land on the admin panel after signing in.
      await signIn(admin.page, e2e.baseUrl, E2E_ADMIN, /\/admin$/);
      await admin.page.getByRole('heading', { name: 'Panel', level: 1 }).waitFor();
      const nav = admin.page.getByRole('navigation', { name: 'Administración' }).first();
      await nav.getByTestId('waiting-count').waitFor();
      expect(
        Number(await nav.getByTestId('waiting-count').locator('[aria-hidden="true"]').textContent()),
      ).toBeGreaterThanOrEqual(1);
      await nav.getByRole('link', { name: /Pedidos por preparar/ }).click();
      await admin.page.getByRole('heading', { name: 'Pedidos por preparar' }).waitFor();
      const row = admin.page.getByTestId('admin-order-row').filter({ hasText: order.orderNumber });
      await row.getByText('Pagado — en preparación').waitFor();
      await shootBoth(admin.page, 'admin-orders', () =>
        admin.page
          .locator('[data-testid="admin-order-row"]:visible, [data-testid="admin-order-card"]:visible')
          .first()
          .waitFor(),
      );
      // Search by order number narrows the list.
      await admin.page.getByLabel('Buscar').fill(order.orderNumber);
      await expect.poll(() => admin.page.getByTestId('admin-order-row').count()).toBe(1);
      await row.getByRole('link', { name: `Abrir el pedido ${order.orderNumber}` }).click();

      // Order detail: both ways to prepare it; assign the simulator's unassigned VPS 10 NVMe in EU.
      await admin.page.getByRole('heading', { name: `Pedido ${order.orderNumber}` }).waitFor();
      await admin.page.getByRole('heading', { name: 'Crear en Contabo' }).waitFor();
      const assign = admin.page.getByTestId('assign-card');
      const instances = assign.getByTestId('unassigned-instances');
      await instances.getByRole('radio').first().waitFor();
      await shootBoth(admin.page, 'admin-order-detail', () => instances.waitFor());
      // The simulator's VPS 10 NVMe in EU matches the order (any other would be flagged).
      const matching = instances
        .locator('label')
        .filter({ hasText: 'VPS 10 NVMe' })
        .filter({ hasText: 'EU' });
      const match = (await matching.count()) > 0 ? matching.first() : instances.locator('label').first();
      const instanceId = (await match.locator('.font-mono').first().textContent())?.trim() ?? '';
      await match.click();
      expect(await assign.getByLabel('Número de instancia').inputValue()).toBe(instanceId);
      await assign.getByRole('button', { name: 'Asignar instancia' }).click();
      await admin.page.getByTestId('provision-result').waitFor();
      await admin.page.getByTestId('admin-order-status').getByText('Completado').waitFor({ timeout: 15_000 });
      await admin.page.getByTestId('order-server').waitFor();

      // The inventory shows the instance assigned to the customer.
      await nav.getByRole('link', { name: 'Inventario Contabo' }).click();
      await admin.page.getByRole('heading', { name: 'Inventario Contabo' }).waitFor();
      const assignedRow = admin.page.getByTestId('contabo-row').filter({ hasText: instanceId });
      await assignedRow.getByText(customer.email).waitFor();
      await admin.page.getByTestId('contabo-row').getByText('Sin asignar').first().waitFor();
      await shootBoth(admin.page, 'admin-contabo', () =>
        admin.page.getByRole('heading', { name: 'Inventario Contabo' }).waitFor(),
      );

      // The customer sees the server in Inicio and in Mis servidores.
      await signIn(user.page, e2e.baseUrl, customer, /\/panel$/);
      await user.page.getByTestId('home-servers').getByText('En ejecución').waitFor();
      await user.page.getByTestId('next-expiry').waitFor();
      await shootBoth(user.page, 'panel-home-servers', () => user.page.getByTestId('home-servers').waitFor());
      await user.page
        .getByRole('navigation', { name: 'Panel' })
        .getByRole('link', { name: 'Mis servidores' })
        .click();
      await user.page.getByRole('heading', { name: 'Mis servidores', level: 1 }).waitFor();
      const serverRow = user.page.getByTestId('server-row').first();
      await serverRow.getByText('En ejecución').waitFor();
      await serverRow.getByText(/Vence en \d+ días?/).waitFor();
      await shootBoth(user.page, 'servers', () =>
        user.page
          .locator('[data-testid="server-row"]:visible, [data-testid="server-card"]:visible')
          .first()
          .waitFor(),
      );
      await serverRow.getByRole('link').first().click();
      await user.page.waitForURL(/\/panel\/servers\/[0-9a-f-]+$/);
      await user.page.getByRole('button', { name: 'Forzar apagado' }).waitFor();
      expect(await user.page.getByRole('button', { name: 'Encender' }).isDisabled()).toBe(true);
      await user.page.getByTestId('vnc-unavailable').waitFor();
      await shootBoth(user.page, 'server-detail', () => user.page.getByTestId('server-actions').waitFor());

      // Force stop: confirmed in a dialog naming the server, then the badge turns "Detenido" without a reload.
      const url = user.page.url();
      await user.page.getByRole('button', { name: 'Forzar apagado' }).click();
      const dialog = user.page.getByRole('dialog', { name: /^¿Forzar el apagado de / });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Forzar apagado' }).click();
      // While the action runs the badge says so; on a loaded machine it may first wait in the provider queue
      // ("En cola…"), and on a fast one it may already be over, so either line or the final state will do.
      await user.page
        .getByText(/Tu servidor se está deteniendo…|En cola/)
        .or(user.page.locator('[data-testid="server-state"][data-status="stopped"]'))
        .first()
        .waitFor();
      await expect.poll(() => serverState(user.page), { timeout: 20_000 }).toBe('stopped');
      await user.page.getByTestId('toast').filter({ hasText: 'Tu servidor está detenido' }).waitFor();
      expect(user.page.url()).toBe(url);

      // Start: no dialog, back to "En ejecución" live.
      await user.page.getByRole('button', { name: 'Encender' }).click();
      await expect.poll(() => serverState(user.page), { timeout: 20_000 }).toBe('running');
      await user.page.getByTestId('toast').filter({ hasText: 'Tu servidor está encendido' }).waitFor();

      // Snapshot, then restore it typing the server's name.
      await user.page.getByRole('link', { name: 'Instantáneas' }).click();
      await user.page.getByRole('heading', { name: 'Instantáneas', level: 2, exact: true }).waitFor();
      await user.page.getByRole('button', { name: 'Crear instantánea' }).click();
      const create = user.page.getByRole('dialog', { name: 'Crear una instantánea' });
      await create.getByLabel('Nombre').fill('antes de cambios!');
      await create.getByRole('button', { name: 'Crear instantánea' }).click();
      await create.getByText('Usa de 1 a 30 letras sin tilde').waitFor();
      await create.getByLabel('Nombre').fill('antes-de-cambios');
      await create.getByLabel(/Descripción/).fill('Copia antes de actualizar');
      await create.getByRole('button', { name: 'Crear instantánea' }).click();
      const item = user.page.getByTestId('snapshot-item').filter({ hasText: 'antes-de-cambios' });
      await item.waitFor({ timeout: 15_000 });
      await shootBoth(user.page, 'server-snapshots', () => item.waitFor());

      const name = (await user.page.getByRole('heading', { level: 1 }).textContent())?.trim() ?? '';
      await item.getByRole('button', { name: 'Restaurar la instantánea antes-de-cambios' }).click();
      const restore = user.page.getByRole('dialog', {
        name: '¿Restaurar la instantánea «antes-de-cambios»?',
      });
      await restore.getByText('se eliminan las instantáneas más nuevas').waitFor();
      const confirm = restore.getByRole('button', { name: 'Restaurar' });
      expect(await confirm.isDisabled()).toBe(true);
      await restore.getByLabel(/escribe el nombre del servidor/).fill(name);
      await confirm.click();
      await user.page.getByText('Estamos restaurando la instantánea…').waitFor();
      await user.page
        .getByTestId('toast')
        .filter({ hasText: 'Restauramos la instantánea' })
        .waitFor({ timeout: 30_000 });

      // Historial lists what happened.
      await user.page.getByRole('link', { name: 'Historial' }).click();
      await expect
        .poll(() => user.page.locator('[data-testid="action-row"]').count(), { timeout: 10_000 })
        .toBeGreaterThanOrEqual(3);
    } catch (error) {
      await screenshot(admin.page, 'failure-vps-admin').catch(() => undefined);
      await screenshot(user.page, 'failure-vps-customer').catch(() => undefined);
      throw error;
    } finally {
      await admin.context.close();
      await user.context.close();
    }
  }, 180_000);

  it('admin buys a server with "Crear en Contabo" and the order completes', async () => {
    const customer: Customer = {
      firstName: 'Andrés',
      lastName: 'Quiroga',
      email: `andres.${Date.now()}@cloudvertice.test`,
      password: 'Vértice-contabo-api-47',
    };
    const token = await registerVerified(e2e.baseUrl, customer, await adminToken(e2e.baseUrl));
    const order = await paidOrder(e2e.baseUrl, token, 'VPS 20 NVMe', 'UK');
    const { context, page } = await newPage(e2e.browser, { width: 1280, height: 900 });
    try {
      await signIn(page, e2e.baseUrl, E2E_ADMIN, /\/admin$/);
      await page.goto(`${e2e.baseUrl}/admin/orders?status=paid`);
      const row = page.getByTestId('admin-order-row').filter({ hasText: order.orderNumber });
      await row.getByRole('link', { name: `Abrir el pedido ${order.orderNumber}` }).click();
      await page.getByRole('heading', { name: `Pedido ${order.orderNumber}` }).waitFor();

      await page.getByTestId('create-card').getByRole('button', { name: 'Crear en Contabo' }).click();
      const dialog = page.getByRole('dialog', { name: `¿Comprar un servidor para ${order.orderNumber}?` });
      await dialog.getByText('Esto compra un servidor en Contabo').waitFor();
      const buy = dialog.getByRole('button', { name: 'Sí, comprar servidor' });
      // A double click sends one request: the button is disabled as soon as the first one starts.
      await buy.dblclick();
      await page.getByTestId('provision-result').waitFor({ timeout: 20_000 });
      await page.getByTestId('admin-order-status').getByText('Completado').waitFor({ timeout: 60_000 });
      await page.getByTestId('order-server').waitFor();
      const inventory = await apiCall<{ items: Array<{ displayName: string | null }> }>(
        e2e.baseUrl,
        '/api/admin/contabo/instances',
        { token: await adminToken(e2e.baseUrl) },
      );
      expect(inventory.items.filter((item) => item.displayName === order.orderNumber)).toHaveLength(1);

      // The customer's root password is behind their own password.
      const user = await newPage(e2e.browser, { width: 1280, height: 900 });
      try {
        await signIn(user.page, e2e.baseUrl, customer, /\/panel$/);
        await user.page.goto(`${e2e.baseUrl}/panel/servers`);
        await user.page.getByTestId('server-row').first().getByRole('link').first().click();
        await user.page.getByRole('button', { name: 'Mostrar contraseña' }).click();
        const stepUp = user.page.getByRole('dialog', { name: 'Confirma que eres tú' });
        await stepUp.getByLabel('Contraseña de tu cuenta').fill('not-my-password');
        await stepUp.getByRole('button', { name: 'Mostrar', exact: true }).click();
        await stepUp.getByText('La contraseña no es correcta.').waitFor();
        await stepUp.getByLabel('Contraseña de tu cuenta').fill(customer.password);
        await stepUp.getByRole('button', { name: 'Mostrar', exact: true }).click();
        expect(((await user.page.getByTestId('root-password').textContent()) ?? '').length).toBeGreaterThan(
          7,
        );

        // The administrator suspends the service: the customer is told why and how to pay; actions are blocked.
        await page
          .getByRole('navigation', { name: 'Administración' })
          .first()
          .getByRole('link', { name: 'Servidores' })
          .click();
        await page.getByRole('heading', { name: 'Servidores', level: 1 }).waitFor();
        await page.getByLabel('Buscar').fill(customer.email);
        await expect.poll(() => page.getByTestId('admin-server-row').count()).toBe(1);
        await shootBoth(page, 'admin-servers', () =>
          page.getByRole('heading', { name: 'Servidores', level: 1 }).waitFor(),
        );
        await page
          .getByTestId('admin-server-row')
          .getByRole('button', { name: /^Editar / })
          .click();
        const edit = page.getByRole('dialog', { name: /^Editar / });
        await edit.getByLabel('Servicio').selectOption('suspended');
        await edit.getByLabel(/Host VNC/).fill('vnc.cloudvertice.test');
        await edit.getByLabel(/Puerto VNC/).fill('5901');
        await edit.getByRole('button', { name: 'Guardar cambios' }).click();
        await page.getByTestId('admin-server-row').getByText('Suspendido').waitFor();

        await user.page.reload();
        await user.page.getByTestId('service-banner').getByText('Tu servidor está suspendido').waitFor();
        expect(await user.page.getByRole('button', { name: 'Reiniciar' }).isDisabled()).toBe(true);
        await user.page.getByText('vnc.cloudvertice.test').waitFor();
      } finally {
        await user.context.close();
      }
    } catch (error) {
      await screenshot(page, 'failure-vps-create').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  }, 150_000);
});
