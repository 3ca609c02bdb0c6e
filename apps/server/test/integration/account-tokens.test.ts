import { describe, expect, it } from 'vitest';
import { useTestApp } from '../app.ts';
import { api, bearer, customer, linkToken, login, uniqueEmail } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';

// #15 defect 2 (every reset link spent after a reset, a password change or an e-mail change) and defect 9
// (an e-mail change applies only once the new address is confirmed, for unverified accounts too).
const t = useTestApp({ freezeTime: true });

async function resetLink(email: string): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/forgot-password', payload: { email } });
  expect(res.statusCode).toBe(202);
  return linkToken(t, email, 'reset-password');
}

const reset = (token: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/reset-password', payload: { token, password } });

describe(`reset links (${TEST_ENGINE})`, () => {
  it('a reset spends every other live reset link of the account', async () => {
    const c = await customer(t);
    const first = await resetLink(c.email);
    const second = await resetLink(c.email);
    expect(first).not.toBe(second);
    expect((await reset(second, 'Primera-clave-nueva-1')).statusCode).toBe(200);
    const old = await reset(first, 'Atacante-clave-2026!');
    expect(old.statusCode).toBe(400);
    expect((await login(t.app, c.email, 'Primera-clave-nueva-1')).statusCode).toBe(200);
  });

  it('a password change spends every reset link', async () => {
    const c = await customer(t);
    const link = await resetLink(c.email);
    const change = await api(
      t.app,
      c.accessToken,
    )({
      method: 'POST',
      url: '/api/account/change-password',
      payload: { currentPassword: c.password, newPassword: 'Cambiada-por-mi-2026' },
    });
    expect(change.statusCode, change.body).toBe(200);
    expect((await reset(link, 'Atacante-clave-2026!')).statusCode).toBe(400);
    expect((await login(t.app, c.email, 'Cambiada-por-mi-2026')).statusCode).toBe(200);
  });

  it('an e-mail change spends the reset links sent to the old address', async () => {
    const c = await customer(t);
    const link = await resetLink(c.email);
    const newEmail = uniqueEmail('moved');
    await api(
      t.app,
      c.accessToken,
    )({ method: 'POST', url: '/api/account/change-email', payload: { newEmail } });
    const confirm = await linkToken(t, newEmail, 'verify-email');
    expect((await t.app.inject(`/api/auth/verify-email/${confirm}`)).statusCode).toBe(200);
    expect((await reset(link, 'Atacante-clave-2026!')).statusCode).toBe(400);
  });
});

describe(`e-mail change of an unverified account (${TEST_ENGINE})`, () => {
  it('keeps the old address until the new one is confirmed', async () => {
    const c = await customer(t, { verified: false });
    const newEmail = uniqueEmail('squat');
    const res = await api(
      t.app,
      c.accessToken,
    )({ method: 'POST', url: '/api/account/change-email', payload: { newEmail } });
    expect(res.statusCode).toBe(202);
    const me = async () =>
      (await t.app.inject({ url: '/api/auth/me', headers: bearer(c.accessToken) })).json().user.email;
    expect(await me()).toBe(c.email.toLowerCase());
    const confirm = await linkToken(t, newEmail, 'verify-email');
    expect((await t.app.inject(`/api/auth/verify-email/${confirm}`)).statusCode).toBe(200);
    expect(await me()).toBe(newEmail.toLowerCase());
  });
});
