import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, twoFactors, users } from '../../src/db/schema/index.ts';
import { useTestApp } from '../app.ts';
import { TEST_ENGINE } from '../db.ts';
import {
  advance,
  api,
  bearer,
  customer,
  emailsTo,
  lastEmailTo,
  linkToken,
  login,
  PASSWORD,
  uniqueEmail,
} from '../auth-helpers.ts';
import { newKey } from '../ssh-keys.ts';
import { totp } from '../totp.ts';

const t = useTestApp({ seed: false, freezeTime: true });

const me = (token: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });

describe(`profile, password and e-mail (${TEST_ENGINE})`, () => {
  it('updates names, phone, language and billing data', async () => {
    const c = await customer(t);
    const res = await api(
      t.app,
      c.accessToken,
    )({
      method: 'PATCH',
      url: '/api/account/profile',
      payload: {
        firstName: 'María',
        phone: '+57 300 123 4567',
        language: 'en',
        billing: { companyName: 'Ejemplo SAS', taxId: '900.555.111-2', city: 'Medellín', country: 'co' },
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({
      firstName: 'María',
      lastName: 'Pérez',
      name: 'María Pérez',
      phone: '+57 300 123 4567',
      language: 'en',
      billing: {
        companyName: 'Ejemplo SAS',
        taxId: '900.555.111-2',
        city: 'Medellín',
        country: 'CO',
        addressLine1: null,
      },
    });
    const cleared = await api(
      t.app,
      c.accessToken,
    )({
      method: 'PATCH',
      url: '/api/account/profile',
      payload: { billing: { companyName: null } },
    });
    expect(cleared.json().user.billing.companyName).toBeNull();
    const empty = await api(
      t.app,
      c.accessToken,
    )({ method: 'PATCH', url: '/api/account/profile', payload: {} });
    expect(empty.statusCode).toBe(400);
    expect(
      (await t.app.inject({ method: 'PATCH', url: '/api/account/profile', payload: { phone: '1' } }))
        .statusCode,
    ).toBe(401);
  });

  it('changes the password with the current one, ending the other sessions', async () => {
    const c = await customer(t);
    const other = (await login(t.app, c.email)).json();
    const call = api(t.app, c.accessToken);
    const wrong = await call({
      method: 'POST',
      url: '/api/account/change-password',
      payload: { currentPassword: 'not-my-password', newPassword: 'Nueva-clave-segura-1' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('invalid_password');
    const weak = await call({
      method: 'POST',
      url: '/api/account/change-password',
      payload: { currentPassword: PASSWORD, newPassword: '1234567890' },
    });
    expect(weak.json().error.code).toBe('weak_password');
    const ok = await call({
      method: 'POST',
      url: '/api/account/change-password',
      payload: { currentPassword: PASSWORD, newPassword: 'Nueva-clave-segura-1' },
    });
    expect(ok.statusCode).toBe(200);
    const tokens = ok.json();
    expect(tokens).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 900,
    });
    expect((await me(other.accessToken)).statusCode).toBe(401);
    expect((await me(c.accessToken)).statusCode).toBe(401);
    expect((await me(tokens.accessToken)).statusCode).toBe(200);
    expect((await login(t.app, c.email, 'Nueva-clave-segura-1')).statusCode).toBe(200);
    const actions = (await t.database.db.select().from(auditLog).where(eq(auditLog.actorId, c.userId))).map(
      (r) => r.action,
    );
    expect(actions).toContain('account.password_changed');
    const notices = (await emailsTo(t, c.email)).filter((m) => m.template === 'password-changed');
    expect(notices).toHaveLength(1);
    const notice = notices[0];
    expect(notice!.text).toContain('http://localhost:3000/forgot-password');
    expect(notice!.text).not.toContain('Nueva-clave-segura-1');
  });

  it('changes the e-mail only after the new address is confirmed', async () => {
    const c = await customer(t);
    const newEmail = uniqueEmail('nuevo');
    const res = await api(
      t.app,
      c.accessToken,
    )({
      method: 'POST',
      url: '/api/account/change-email',
      payload: { newEmail },
    });
    expect(res.statusCode).toBe(202);
    expect((await me(c.accessToken)).json().user.email).toBe(c.email.toLowerCase());
    const mail = await lastEmailTo(t, newEmail);
    expect(mail!.template).toBe('email-change');
    const token = await linkToken(t, newEmail, 'verify-email');
    const confirm = await t.app.inject({ method: 'GET', url: `/api/auth/verify-email/${token}` });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.json()).toEqual({ verified: true, email: newEmail.toLowerCase() });
    expect((await me(c.accessToken)).json().user).toMatchObject({
      email: newEmail.toLowerCase(),
      emailVerified: true,
    });
    expect((await t.app.inject({ method: 'GET', url: `/api/auth/verify-email/${token}` })).statusCode).toBe(
      400,
    );
    expect((await login(t.app, newEmail)).statusCode).toBe(200);
  });

  it('does not reveal whether the new address belongs to someone else', async () => {
    const c = await customer(t);
    const other = await customer(t);
    const before = await emailsTo(t, other.email);
    const res = await api(
      t.app,
      c.accessToken,
    )({
      method: 'POST',
      url: '/api/account/change-email',
      payload: { newEmail: other.email },
    });
    expect(res.statusCode).toBe(202);
    expect(await emailsTo(t, other.email)).toHaveLength(before.length);
  });
});

describe(`sessions (${TEST_ENGINE})`, () => {
  it('lists the active sessions (device, IP, last use) and ends one', async () => {
    const c = await customer(t);
    const phone = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'user-agent': 'Mozilla/5.0 (Linux; Android 14) Chrome/126.0 Mobile Safari/537.36' },
      payload: { email: c.email, password: PASSWORD },
    });
    advance(t.clock, 5 * 60_000);
    const list = await api(t.app, c.accessToken)({ method: 'GET', url: '/api/account/sessions' });
    expect(list.statusCode).toBe(200);
    const { items, total } = list.json();
    expect(total).toBe(2);
    const current = items.find((s: { current: boolean }) => s.current);
    const other = items.find((s: { current: boolean }) => !s.current);
    expect(current).toMatchObject({ ipAddress: '127.0.0.1', device: expect.any(String) });
    expect(other).toMatchObject({ device: 'Chrome on Android', ipAddress: '127.0.0.1' });
    expect(Date.parse(current.lastUsedAt)).toBeGreaterThan(Date.parse(other.lastUsedAt));
    expect(JSON.stringify(items)).not.toContain(c.refreshToken);

    const del = await api(
      t.app,
      c.accessToken,
    )({ method: 'DELETE', url: `/api/account/sessions/${other.id}` });
    expect(del.statusCode).toBe(204);
    expect((await me(phone.json().accessToken)).statusCode).toBe(401);
    const intruder = await customer(t);
    const foreign = await api(
      t.app,
      intruder.accessToken,
    )({ method: 'DELETE', url: `/api/account/sessions/${current.id}` });
    expect(foreign.statusCode).toBe(404);
    expect((await me(c.accessToken)).statusCode).toBe(200);
  });
});

describe(`SSH keys (${TEST_ENGINE})`, () => {
  it('stores ed25519, ECDSA and RSA-4096 keys with their SHA256 fingerprint; 400 for bad keys, 409 for duplicates', async () => {
    const c = await customer(t);
    const call = api(t.app, c.accessToken);
    const add = (name: string, publicKey: string) =>
      call({ method: 'POST', url: '/api/account/ssh-keys', payload: { name, publicKey } });
    const ed = newKey.ed25519();
    const created = await add('portátil', ed);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'portátil',
      type: 'ssh-ed25519',
      fingerprint: expect.stringMatching(/^SHA256:[A-Za-z0-9+/]{43}$/),
    });
    expect((await add('servidor', newKey.ecdsa('P-256'))).statusCode).toBe(201);
    expect((await add('viejo', newKey.rsa(4096))).statusCode).toBe(201);

    const small = await add('débil', newKey.rsa(1024));
    expect(small.statusCode).toBe(400);
    expect(small.json().error).toMatchObject({
      code: 'invalid_ssh_key',
      message: expect.stringMatching(/2048/),
    });
    expect((await add('basura', 'not a key')).statusCode).toBe(400);
    const dup = await add('otra vez', ed.replace('test@example', 'other comment'));
    expect(dup.statusCode).toBe(409);

    const list = await call({ method: 'GET', url: '/api/account/ssh-keys' });
    expect(list.json().total).toBe(3);
    // Another user may add the same key; nobody sees or deletes someone else's.
    const other = await customer(t);
    expect(
      (
        await api(
          t.app,
          other.accessToken,
        )({ method: 'POST', url: '/api/account/ssh-keys', payload: { name: 'x', publicKey: ed } })
      ).statusCode,
    ).toBe(201);
    const id = created.json().id;
    expect(
      (await api(t.app, other.accessToken)({ method: 'DELETE', url: `/api/account/ssh-keys/${id}` }))
        .statusCode,
    ).toBe(404);
    expect((await call({ method: 'DELETE', url: `/api/account/ssh-keys/${id}` })).statusCode).toBe(204);
    expect((await call({ method: 'GET', url: '/api/account/ssh-keys' })).json().total).toBe(2);
  });
});

describe(`two-factor authentication (${TEST_ENGINE})`, () => {
  it('sets up TOTP, enables it with a code, requires it at login, accepts a recovery code once, and disables it', async () => {
    const c = await customer(t);
    const call = api(t.app, c.accessToken);
    const badPassword = await call({
      method: 'POST',
      url: '/api/account/2fa/setup',
      payload: { password: 'nope-nope-nope' },
    });
    expect(badPassword.statusCode).toBe(400);
    const setup = await call({
      method: 'POST',
      url: '/api/account/2fa/setup',
      payload: { password: PASSWORD },
    });
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUri, recoveryCodes } = setup.json();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/.+\?.*secret=/);
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect(recoveryCodes).toHaveLength(10);
    const [stored] = await t.database.db.select().from(twoFactors).where(eq(twoFactors.userId, c.userId));
    expect(stored!.secret).not.toContain(secret); // encrypted at rest
    expect(stored!.backupCodes).not.toContain(recoveryCodes[0]);

    // Not enabled until confirmed: login still works with the password alone.
    expect((await login(t.app, c.email)).statusCode).toBe(200);
    const wrong = await call({ method: 'POST', url: '/api/account/2fa/enable', payload: { code: '000000' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('invalid_two_factor_code');
    const enabled = await call({
      method: 'POST',
      url: '/api/account/2fa/enable',
      payload: { code: totp(secret) },
    });
    expect(enabled.statusCode, enabled.body).toBe(200);
    expect(enabled.json()).toMatchObject({ twoFactorEnabled: true, accessToken: expect.any(String) });
    const session = enabled.json();
    expect((await me(session.accessToken)).json().user.twoFactorEnabled).toBe(true);

    const noCode = await login(t.app, c.email);
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.code).toBe('two_factor_required');
    const badCode = await login(t.app, c.email, PASSWORD, {
      totpCode: '123456' === totp(secret) ? '654321' : '123456',
    });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().error.code).toBe('invalid_two_factor_code');
    advance(t.clock, 60_000); // stay under the login limit (5 per minute per IP and e-mail)
    const withCode = await login(t.app, c.email, PASSWORD, { totpCode: totp(secret) });
    expect(withCode.statusCode).toBe(200);
    const withRecovery = await login(t.app, c.email, PASSWORD, { recoveryCode: recoveryCodes[0] });
    expect(withRecovery.statusCode).toBe(200);
    const reused = await login(t.app, c.email, PASSWORD, { recoveryCode: recoveryCodes[0] });
    expect(reused.statusCode).toBe(400);
    const wrongPassword = await login(t.app, c.email, 'not-the-password', { totpCode: totp(secret) });
    expect(wrongPassword.statusCode).toBe(401);
    advance(t.clock, 60_000);

    const call2 = api(t.app, withCode.json().accessToken);
    const regenerated = await call2({
      method: 'POST',
      url: '/api/account/2fa/recovery-codes',
      payload: { password: PASSWORD },
    });
    expect(regenerated.json().recoveryCodes).toHaveLength(10);
    const disableBadCode = await call2({
      method: 'POST',
      url: '/api/account/2fa/disable',
      payload: { password: PASSWORD, code: '000000' },
    });
    expect(disableBadCode.statusCode).toBe(400);
    advance(t.clock, 30_000);
    const disabled = await call2({
      method: 'POST',
      url: '/api/account/2fa/disable',
      payload: { password: PASSWORD, code: totp(secret) },
    });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ twoFactorEnabled: false });
    expect((await me(disabled.json().accessToken)).json().user.twoFactorEnabled).toBe(false);
    advance(t.clock, 60_000);
    expect((await login(t.app, c.email)).statusCode).toBe(200);

    const actions = (await t.database.db.select().from(auditLog).where(eq(auditLog.actorId, c.userId))).map(
      (r) => r.action,
    );
    expect(actions).toEqual(
      expect.arrayContaining(['account.2fa_setup_started', 'account.2fa_enabled', 'account.2fa_disabled']),
    );
    const [row] = await t.database.db.select().from(users).where(eq(users.id, c.userId));
    expect(row!.twoFactorEnabled).toBe(false);
  });
});
