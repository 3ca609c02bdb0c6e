// Accounts, end to end against the real server: register → confirm the e-mail from the outbox → sign in → add an
// SSH key → turn on two-step verification → sign out → sign in with a TOTP code → back in the panel.
import { describe, expect, it } from 'vitest';
import { adminToken, currentTotpStep, registerUser, sshEd25519PublicKey, totp } from './api.ts';
import { registerAndVerify, submitSignIn } from './flows.ts';
import { newPage, screenshot, setupE2e, shootBoth } from './harness.ts';

const e2e = setupE2e();

const user = {
  firstName: 'Ana',
  lastName: 'Pérez',
  email: `ana.${Date.now()}@cloudvertice.test`,
  password: 'Vértice-e2e-montaña-42',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A TOTP code from a time step after `afterStep` (a code is not accepted twice), taken early enough in its 30 s
 * window that it is still valid when the server checks it.
 */
async function freshTotp(secret: string, afterStep = -1): Promise<{ code: string; step: number }> {
  while (currentTotpStep() <= afterStep || (Date.now() / 1000) % 30 > 24) await sleep(500);
  const step = currentTotpStep();
  return { code: totp(secret, step), step };
}

describe('accounts', () => {
  it('shows the sign-in and registration pages, with inline errors, at 390 and 1280 px', async () => {
    const { context, page } = await newPage(e2e.browser);
    try {
      await page.goto(`${e2e.baseUrl}/login`);
      await page.getByRole('heading', { name: 'Inicia sesión' }).waitFor();
      await page.getByRole('button', { name: 'Iniciar sesión' }).click();
      await expect.poll(() => page.getByText('Completa este dato.').count()).toBe(2);
      await page.getByLabel('Correo electrónico').fill('ana@');
      await page.getByRole('button', { name: 'Iniciar sesión' }).click();
      await page.getByText('Escribe un correo válido').waitFor();
      expect(await page.getByLabel('Correo electrónico').getAttribute('aria-invalid')).toBe('true');
      await shootBoth(page, 'login', () => page.getByRole('heading', { name: 'Inicia sesión' }).waitFor());

      await page.goto(`${e2e.baseUrl}/register`);
      await page.getByRole('heading', { name: 'Crea tu cuenta' }).waitFor();
      await page.getByText('Al menos 10 caracteres y que no sea una contraseña común.').waitFor();
      await shootBoth(page, 'register', () =>
        page.getByRole('heading', { name: 'Crea tu cuenta' }).waitFor(),
      );

      // The API's answer for a common password lands under the password field.
      await page.getByLabel('Nombre', { exact: true }).fill('Luis');
      await page.getByLabel('Apellido').fill('Gómez');
      await page.getByLabel('Correo electrónico').fill(`luis.${Date.now()}@cloudvertice.test`);
      await page.getByLabel('Contraseña', { exact: true }).fill('password123');
      await page.getByTestId('legal-accept').check();
      await page.getByRole('button', { name: 'Crear cuenta' }).click();
      await page.getByText('Esta contraseña es muy común').waitFor();

      // The panel needs a session: a visitor is sent to sign in, and comes back afterwards.
      const unverified = {
        email: `sin.confirmar.${Date.now()}@cloudvertice.test`,
        password: 'Cuenta-sin-confirmar-77',
        firstName: 'Sofía',
        lastName: 'Ríos',
      };
      await registerUser(e2e.baseUrl, unverified);
      await page.goto(`${e2e.baseUrl}/panel/account`);
      await page.waitForURL(/\/login\?next=%2Fpanel%2Faccount$/);
      await page.getByText('Inicia sesión para continuar.').waitFor();
      await submitSignIn(page, unverified);
      await page.waitForURL(/\/panel\/account$/);
      await page.getByRole('heading', { name: 'Datos personales' }).waitFor();
      await page.getByText('Sin confirmar').waitFor();

      // An unconfirmed e-mail gets a banner on Inicio, with "resend".
      await page.getByRole('navigation', { name: 'Panel' }).getByRole('link', { name: 'Inicio' }).click();
      await page.getByRole('heading', { name: 'Hola, Sofía' }).waitFor();
      await page.getByRole('heading', { name: 'Confirma tu correo' }).waitFor();
      await page.getByRole('button', { name: 'Reenviar correo' }).click();
      await page.getByText(`Te enviamos un enlace nuevo a ${unverified.email}.`).waitFor();
      await shootBoth(page, 'panel-home-unverified', () =>
        page.getByRole('heading', { name: 'Confirma tu correo' }).waitFor(),
      );
      // The drawer holds the panel navigation on phones.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByRole('button', { name: 'Abrir menú del panel' }).click();
      await page.getByRole('dialog', { name: 'Panel' }).waitFor();
      await screenshot(page, 'panel-drawer-390');
      await page.getByRole('dialog', { name: 'Panel' }).getByRole('link', { name: 'Cuenta' }).click();
      await page.getByRole('heading', { name: 'Datos personales' }).waitFor();
    } finally {
      await context.close();
    }
  }, 90_000);

  it('registers, confirms the e-mail, adds an SSH key, turns on 2FA and signs in again with a TOTP code', async () => {
    const { context, page } = await newPage(e2e.browser, { width: 1280, height: 900 });
    const admin = await adminToken(e2e.baseUrl);
    try {
      // Register, and confirm the e-mail with the link from the outbox.
      await registerAndVerify(page, e2e.baseUrl, user, { phone: '+57 300 123 4567', admin });

      // Sign in.
      await page.getByRole('link', { name: 'Iniciar sesión' }).last().click();
      await page.getByRole('heading', { name: 'Inicia sesión' }).waitFor();
      await submitSignIn(page, user);
      await page.waitForURL(/\/panel$/);
      await page.getByRole('heading', { name: 'Hola, Ana' }).waitFor();
      expect(await page.getByText('Confirma tu correo').count()).toBe(0);
      await page.getByText('Aún no tienes servidores').waitFor();
      await shootBoth(page, 'panel-home', () => page.getByText('Aún no tienes servidores').waitFor());

      // The header of the public site shows the account menu instead of "Iniciar sesión".
      await page.goto(`${e2e.baseUrl}/pricing`);
      const accountButton = page.getByRole('button', { name: 'Cuenta de Ana Pérez' });
      await accountButton.waitFor();
      expect(await page.getByRole('link', { name: 'Iniciar sesión' }).count()).toBe(0);
      await accountButton.click();
      await page.getByRole('link', { name: 'Mi panel' }).click();
      await page.getByRole('heading', { name: 'Hola, Ana' }).waitFor();

      // Profile page.
      await page.getByRole('navigation', { name: 'Panel' }).getByRole('link', { name: 'Cuenta' }).click();
      await page.getByRole('heading', { name: 'Datos de facturación' }).waitFor();
      await page.getByLabel('Ciudad').fill('Bogotá');
      await page.getByLabel('País').selectOption('CO');
      await page.getByRole('button', { name: 'Guardar cambios' }).click();
      await page.getByRole('status').filter({ hasText: 'Guardamos tus cambios.' }).waitFor();
      await shootBoth(page, 'account-profile', () => page.getByLabel('Ciudad').waitFor());

      // Switching the profile language switches the UI, and back.
      await page.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
      await page.getByRole('button', { name: 'Guardar cambios' }).click();
      await page.getByRole('heading', { name: 'Billing details' }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByRole('heading', { name: 'Datos de facturación' }).waitFor();

      // Add an SSH key.
      const key = sshEd25519PublicKey();
      await page.getByRole('link', { name: 'Llaves SSH' }).click();
      await page.getByText('Aún no tienes llaves SSH').waitFor();
      await page.getByLabel('Nombre').fill('Mi portátil');
      await page.getByLabel('Llave pública').fill(key.publicKey);
      await page.getByRole('button', { name: 'Agregar llave' }).click();
      const row = page.getByTestId('ssh-key-row').filter({ hasText: 'Mi portátil' });
      await row.waitFor();
      expect(await row.textContent()).toContain(key.fingerprint);
      // The same key twice is refused, under the field.
      await page.getByLabel('Nombre').fill('Otra vez');
      await page.getByLabel('Llave pública').fill(key.publicKey);
      await page.getByRole('button', { name: 'Agregar llave' }).click();
      await page.getByText('Ya agregaste esta llave.').waitFor();
      await page.reload();
      await shootBoth(page, 'account-ssh-keys', () =>
        page
          .locator('[data-testid="ssh-key-row"]:visible, [data-testid="ssh-key-card"]:visible')
          .first()
          .waitFor(),
      );

      // Turn on two-step verification.
      await page.getByRole('link', { name: 'Seguridad' }).click();
      await page.getByRole('button', { name: 'Activar', exact: true }).click();
      await page
        .getByRole('region', { name: 'Verificación en dos pasos' })
        .getByRole('textbox', { name: 'Contraseña', exact: true })
        .fill(user.password);
      await page.getByRole('button', { name: 'Continuar' }).click();
      const secretElement = page.getByTestId('totp-secret');
      await secretElement.waitFor();
      await page.getByRole('img', { name: /Código QR/ }).waitFor();
      const secret = (await secretElement.getAttribute('data-secret')) ?? '';
      expect(secret).toMatch(/^[A-Z2-7]+=*$/);
      await shootBoth(page, 'account-2fa-setup', () => secretElement.waitFor());
      const enableCode = await freshTotp(secret);
      await page.getByLabel('Código de verificación').fill(enableCode.code);
      await page.getByRole('button', { name: 'Activar verificación' }).click();
      const codes = page.getByTestId('recovery-codes');
      await codes.waitFor();
      expect(await codes.getByRole('listitem').count()).toBeGreaterThanOrEqual(8);
      await shootBoth(page, 'account-security', () => codes.waitFor());
      await page.getByRole('button', { name: 'Ya los guardé' }).click();
      await page.getByText('Activada', { exact: true }).waitFor();

      // Sessions: this one is marked.
      await page.getByRole('link', { name: 'Sesiones' }).click();
      await page.locator('[data-testid="session-row"][data-current]').first().waitFor();
      await page.getByText('Esta sesión').first().waitFor();
      await shootBoth(page, 'account-sessions', () => page.getByTestId('session-list').waitFor());

      // Sign out from the account menu.
      await page.getByRole('button', { name: 'Cuenta de Ana Pérez' }).click();
      await page.getByRole('banner').getByRole('button', { name: 'Cerrar sesión' }).click();
      await page.waitForURL(/\/login$/);

      // Sign in again: the password is not enough any more.
      await page.goto(`${e2e.baseUrl}/panel/account/ssh-keys`);
      await page.waitForURL(/\/login\?next=/);
      await submitSignIn(page, user);
      await page.getByRole('heading', { name: 'Verificación en dos pasos' }).waitFor();
      await shootBoth(page, 'login-2fa', () =>
        page.getByRole('heading', { name: 'Verificación en dos pasos' }).waitFor(),
      );
      await page.getByLabel('Código de verificación').fill((await freshTotp(secret, enableCode.step)).code);
      await page.getByRole('button', { name: 'Verificar' }).click();
      await page.waitForURL(/\/panel\/account\/ssh-keys$/);
      await page.getByTestId('ssh-key-row').filter({ hasText: 'Mi portátil' }).waitFor();
    } catch (error) {
      await screenshot(page, 'failure-accounts').catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  }, 150_000);
});
