// Issue #19 in the browser, against the real server in demo mode: the admin enters Contabo credentials pointed at a
// simulator on another port and "Probar conexión" lists its instances, then saves them (the platform switches to it);
// edits the Spanish subject of the verification e-mail and the next registration uses it; invites a support member,
// who sets a password from the e-mailed link, can open orders and customers and answer a customer's ticket, but gets
// 403 on Ajustes.
import { startContaboSimulator, type ContaboSimulator } from '@cloud-vertice/contabo/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, apiCall, linkPath, registerUser, registerVerified, waitForEmail } from './api.ts';
import { signIn } from './flows.ts';
import { E2E_ADMIN, newPage, setupE2e, shootBoth } from './harness.ts';

const e2e = setupE2e();
let remote: ContaboSimulator;

beforeAll(async () => {
  remote = await startContaboSimulator({
    seed: false,
    credentials: {
      clientId: 'e2e-client-a1b2',
      clientSecret: 'e2e-secret-c3d4',
      username: 'ops@e2e.test',
      password: 'E2e-Api-Password-9',
    },
  });
  remote.control.seedInstances(3);
});
afterAll(async () => {
  await remote.close();
});

describe('admin: Contabo connection, e-mail templates, staff', () => {
  it('connects to Contabo, edits an e-mail, invites support', async () => {
    const admin = await adminToken(e2e.baseUrl);
    const { context, page } = await newPage(e2e.browser, { width: 1280, height: 900 });
    try {
      await signIn(page, e2e.baseUrl, E2E_ADMIN, /\/admin$/);
      await page.goto(`${e2e.baseUrl}/admin/settings`);
      const card = page.getByTestId('contabo-settings');
      await card.getByText('Modo demostración').waitFor();
      const banner = page.getByTestId('demo-banner');
      await banner.getByText('Modo demostración: Contabo simulado, pagos de prueba').waitFor();
      await card.getByLabel('Client ID').fill('e2e-client-a1b2');
      await card.getByLabel('Client secret').fill('e2e-secret-c3d4');
      await card.getByLabel('Usuario de la API').fill('ops@e2e.test');
      await card.getByLabel('Contraseña de la API').fill('E2e-Api-Password-9');
      await card.getByLabel('URL de autenticación').fill(remote.authUrl);
      await card.getByLabel('URL de la API').fill(remote.apiUrl);
      await card.getByRole('button', { name: 'Probar conexión' }).click();
      await card.getByTestId('contabo-test-result').getByText('Conexión correcta: 3 instancias.').waitFor();
      await card.getByRole('button', { name: 'Guardar ajustes de Contabo' }).click();
      await card.getByText('Conectado a la API de Contabo').waitFor();
      // The banner follows the switch at once, without a reload: only the payments are still a test.
      await banner.getByText('Modo demostración: pagos de prueba', { exact: true }).waitFor();
      await expect
        .poll(
          async () => (await apiCall<{ demo: { contaboSimulated: boolean } }>(e2e.baseUrl, '/api/site')).demo,
        )
        .toMatchObject({ contaboSimulated: false });
      await shootBoth(page, 'admin-settings-contabo', () => card.waitFor());

      await page.goto(`${e2e.baseUrl}/admin/emails`);
      await page.getByTestId('template-select').selectOption('verify-email');
      const subject = page.getByLabel('Asunto');
      await expect.poll(() => subject.inputValue()).toBe('Confirma tu correo en <%= it.company %>');
      await subject.fill('Bienvenido, <%= it.name %>: confirma tu correo');
      await page.getByRole('button', { name: 'Guardar', exact: true }).click();
      await page.getByText('Plantilla guardada.').last().waitFor();
      await page.getByRole('button', { name: 'Vista previa' }).click();
      await page.getByTestId('email-preview').getByText('Bienvenido, Ana: confirma tu correo').waitFor();
      await shootBoth(page, 'admin-emails', () => page.getByTestId('email-preview').waitFor());
      const newcomer = `nuevo.${Date.now()}@cloudvertice.test`;
      await registerUser(e2e.baseUrl, {
        email: newcomer,
        password: 'Vértice-correo-2026',
        firstName: 'Renata',
        lastName: 'Ruiz',
      });
      const verification = await waitForEmail(e2e.baseUrl, admin, newcomer, 'verify-email');
      expect(verification.subject).toBe('Bienvenido, Renata: confirma tu correo');

      await page.goto(`${e2e.baseUrl}/admin/staff`);
      const supportEmail = `soporte.${Date.now()}@cloudvertice.test`;
      const invite = page.getByTestId('staff-invite');
      await invite.getByLabel('Correo').fill(supportEmail);
      await invite.getByLabel('Nombre').fill('Sofía');
      await invite.getByRole('button', { name: 'Enviar invitación' }).click();
      await invite.getByText('Invitación enviada').last().waitFor();
      await page.getByTestId('staff-list').getByText(supportEmail).waitFor();
      // What support may and may not do, from the permission table.
      const roles = page.getByTestId('staff-roles');
      const cell = (permission: string, role: string) =>
        roles.locator(`tr[data-permission="${permission}"] td[data-role="${role}"]`);
      await expect.poll(() => cell('tickets.reply', 'support').textContent()).toBe('Sí');
      await expect.poll(() => cell('billing.manage', 'support').textContent()).toBe('No');
      await expect.poll(() => cell('billing.manage', 'admin').textContent()).toBe('Sí');
      await roles
        .getByText('Dinero: marcar pagado, pagos manuales, notas de crédito, reembolsos y anulaciones')
        .waitFor();
      await shootBoth(page, 'admin-staff', () => page.getByTestId('staff-list').waitFor());

      const invitation = await waitForEmail(e2e.baseUrl, admin, supportEmail, 'staff-invite');
      const token = decodeURIComponent(linkPath(invitation.text, 'reset-password').split('/').pop()!);
      await apiCall(e2e.baseUrl, '/api/auth/reset-password', {
        method: 'POST',
        body: { token, password: 'Soporte-seguro-2026' },
      });
      const supportToken = (
        await apiCall<{ accessToken: string }>(e2e.baseUrl, '/api/auth/login', {
          method: 'POST',
          body: { email: supportEmail, password: 'Soporte-seguro-2026' },
        })
      ).accessToken;
      // Read-only where support works, 403 on settings; and a customer's ticket for support to answer.
      const asker = {
        email: `cliente.soporte.${Date.now()}@cloudvertice.test`,
        password: 'Cliente-seguro-2026',
        firstName: 'Lucía',
        lastName: 'Gómez',
      };
      const askerToken = await registerVerified(e2e.baseUrl, asker, admin);
      const ticket = await apiCall<{ id: string }>(e2e.baseUrl, '/api/tickets', {
        method: 'POST',
        token: askerToken,
        body: { subject: 'No puedo entrar por SSH', message: 'Me dice "connection refused" desde ayer.' },
      });
      await apiCall(e2e.baseUrl, '/api/admin/orders', { token: supportToken });
      await apiCall(e2e.baseUrl, '/api/admin/customers', { token: supportToken });
      await expect(
        apiCall(e2e.baseUrl, '/api/admin/settings/company', { token: supportToken }),
      ).rejects.toThrow(/→ 403/);

      const member = await newPage(e2e.browser, { width: 1280, height: 900 });
      try {
        await signIn(
          member.page,
          e2e.baseUrl,
          { email: supportEmail, password: 'Soporte-seguro-2026' },
          /\/admin$/,
        );
        await member.page.goto(`${e2e.baseUrl}/admin/orders`);
        await member.page.getByRole('link', { name: 'Servidores' }).first().waitFor();
        expect(await member.page.getByRole('link', { name: 'Ajustes' }).count()).toBe(0);
        await member.page.goto(`${e2e.baseUrl}/admin/settings`);
        await member.page.getByRole('alert').first().waitFor();
        // Support answers the customer's ticket from the staff ticket page.
        await member.page.goto(`${e2e.baseUrl}/admin/tickets/${ticket.id}`);
        await member.page.getByTestId('thread').getByText('connection refused', { exact: false }).waitFor();
        await member.page
          .getByLabel('Respuesta al cliente')
          .fill('Hola Lucía: reiniciamos el servicio SSH, prueba de nuevo.');
        await member.page.getByRole('button', { name: 'Enviar respuesta' }).click();
        await member.page
          .getByTestId('message')
          .filter({ hasText: 'reiniciamos el servicio SSH' })
          .waitFor({ timeout: 15_000 });
        await waitForEmail(e2e.baseUrl, admin, asker.email, 'ticket-reply');
      } finally {
        await member.context.close();
      }

      // Removing the credentials goes back to the simulator; the banner says so again, still without a reload.
      await page.goto(`${e2e.baseUrl}/admin/settings`);
      await banner.getByText('Modo demostración: pagos de prueba', { exact: true }).waitFor();
      await card.getByRole('button', { name: 'Quitar credenciales' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Quitar y volver al simulador' }).click();
      await card.getByText('Credenciales quitadas: Contabo está simulado.').first().waitFor();
      await banner.getByText('Modo demostración: Contabo simulado, pagos de prueba').waitFor();
      expect(
        (await apiCall<{ demo: { contaboSimulated: boolean } }>(e2e.baseUrl, '/api/site')).demo
          .contaboSimulated,
      ).toBe(true);
      await card.getByText('Modo demostración: Contabo está simulado').waitFor();
    } finally {
      await context.close();
    }
  });
});
