// Flows through the UI that several browser tests go through the same way: registering with the form, signing in.
import type { Page } from 'playwright-core';
import { adminToken, linkPath, waitForEmail, type Customer } from './api.ts';

/**
 * Registers through the form (with a phone number when given) and confirms the e-mail with the link from the outbox;
 * stays signed out, on the "confirmed" page.
 */
export async function registerAndVerify(
  page: Page,
  baseUrl: string,
  user: Customer,
  options: { phone?: string; admin?: string } = {},
): Promise<void> {
  const admin = options.admin ?? (await adminToken(baseUrl));
  await page.goto(`${baseUrl}/register`);
  await page.getByLabel('Nombre', { exact: true }).fill(user.firstName);
  await page.getByLabel('Apellido').fill(user.lastName);
  await page.getByLabel('Correo electrónico').fill(user.email);
  if (options.phone) await page.getByLabel('Teléfono').fill(options.phone);
  await page.getByLabel('Contraseña', { exact: true }).fill(user.password);
  await page.getByTestId('legal-accept').check();
  await page.getByRole('button', { name: 'Crear cuenta' }).click();
  await page.getByRole('heading', { name: 'Revisa tu correo' }).waitFor();
  const mail = await waitForEmail(baseUrl, admin, user.email, 'verify-email');
  await page.goto(`${baseUrl}${linkPath(mail.text, 'verify-email')}`);
  await page.getByRole('heading', { name: 'Tu correo está confirmado' }).waitFor();
}

/** Fills the sign-in form the page shows and sends it. */
export async function submitSignIn(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.getByLabel('Correo electrónico').fill(user.email);
  await page.getByLabel('Contraseña', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Iniciar sesión' }).click();
}

/** Signs in at /login and waits for the page it leads to (`next`). */
export async function signIn(
  page: Page,
  baseUrl: string,
  user: { email: string; password: string },
  next: RegExp,
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await submitSignIn(page, user);
  await page.waitForURL(next);
}
