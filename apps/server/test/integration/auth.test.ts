import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { auditLog, sessions, users } from '../../src/db/schema/index.ts';
import { useTestApp } from '../app.ts';
import { TEST_ENGINE } from '../db.ts';
import {
  advance,
  bearer,
  cookieOf,
  customer,
  emailsTo,
  lastEmailTo,
  linkToken,
  login,
  logout,
  ORIGIN,
  PASSWORD,
  register,
  uniqueEmail,
} from '../auth-helpers.ts';

const t = useTestApp({ seed: false, freezeTime: true });

const me = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers });
const refresh = (refreshToken: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/refresh-token', payload: { refreshToken } });
const userByEmail = async (email: string) =>
  (await t.database.db.select().from(users).where(eq(users.email, email.toLowerCase())))[0]!;
const auditActions = async (userId: string) =>
  (await t.database.db.select().from(auditLog).where(eq(auditLog.actorId, userId))).map((r) => r.action);

describe(`registration and e-mail verification (${TEST_ENGINE})`, () => {
  it('registers a customer, answers 202 "check your e-mail" and e-mails a /verify-email/<token> link', async () => {
    const { res, email } = await register(t.app, { email: uniqueEmail('Mixed.Case') });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ message: expect.stringMatching(/check your e-mail/i) });
    const user = await userByEmail(email);
    expect(user).toMatchObject({
      email: email.toLowerCase(),
      emailVerified: false,
      role: 'customer',
      firstName: 'Ana',
    });
    const mail = await lastEmailTo(t, email);
    expect(mail).toMatchObject({ template: 'verify-email', language: 'es', status: 'sent' });
    expect(mail!.subject).toContain('Confirma tu correo');
    expect(mail!.html).toContain('Cloud Vértice');
    expect(mail!.text).toMatch(new RegExp(`${ORIGIN}/verify-email/\\S+`));
    expect(await auditActions(user.id)).toContain('auth.registered');
  });

  it('writes the e-mail in the user’s language', async () => {
    const { email } = await register(t.app, { language: 'en' });
    const mail = await lastEmailTo(t, email);
    expect(mail).toMatchObject({ language: 'en' });
    expect(mail!.subject).toMatch(/^Confirm your e-mail/);
  });

  it.each([
    ['short', 'Ab1!xyz', /at least 10/],
    ['common', 'password123', /too common/],
    ['common (Spanish)', 'Contraseña123', /too common/],
    ['repeated', 'aaaaaaaaaaaa', /repeated/],
  ])('refuses a weak password (%s) with 400 saying why', async (_label, password, reason) => {
    const { res } = await register(t.app, { password });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'weak_password', message: expect.stringMatching(reason) });
  });

  it('verifies the e-mail once: the link is single use', async () => {
    const { email } = await register(t.app);
    const token = await linkToken(t, email, 'verify-email');
    const first = await t.app.inject({ method: 'GET', url: `/api/auth/verify-email/${token}` });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ verified: true, email: email.toLowerCase() });
    const row = await userByEmail(email);
    expect(row!.emailVerified).toBe(true);
    const second = await t.app.inject({ method: 'GET', url: `/api/auth/verify-email/${token}` });
    expect(second.statusCode).toBe(400);
    expect(second.json().error.code).toBe('invalid_token');
    expect(await auditActions(row!.id)).toContain('auth.email_verified');
  });

  it('verification links expire after 24 hours', async () => {
    const { email } = await register(t.app);
    const token = await linkToken(t, email, 'verify-email');
    advance(t.clock, 24 * 3_600_000 + 60_000);
    const res = await t.app.inject({ method: 'GET', url: `/api/auth/verify-email/${token}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'invalid_token',
      message: expect.stringMatching(/expired/),
    });
  });

  it('rejects a forged verification token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/verify-email/not-a-real-token-at-all' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_token');
  });

  it('resends verification with the same 202 whether or not the account exists', async () => {
    const { email } = await register(t.app);
    const before = await emailsTo(t, email);
    const known = await t.app.inject({
      method: 'POST',
      url: '/api/auth/resend-verification',
      payload: { email },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/resend-verification',
      payload: { email: uniqueEmail('nobody') },
    });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    const after = await emailsTo(t, email);
    expect(after).toHaveLength(before.length + 1);
    expect(after.every((m) => m.template === 'verify-email')).toBe(true);
  });
});

describe(`login, tokens and sessions (${TEST_ENGINE})`, () => {
  it('logs in an unverified customer: tokens in the body and an httpOnly SameSite session cookie', async () => {
    const { email } = await register(t.app);
    const res = await login(t.app, email);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      expiresIn: 900,
      user: { email: email.toLowerCase(), emailVerified: false },
    });
    expect(body.accessToken.split('.')).toHaveLength(3);
    expect(body.refreshToken).toEqual(expect.any(String));
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^cv\.session_token=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/); // localhost
    const claims = JSON.parse(Buffer.from(body.accessToken.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ sub: body.user.id, role: 'customer', sid: expect.any(String) });
    expect(claims.exp - claims.iat).toBe(900);

    expect((await me(bearer(body.accessToken))).json().user.email).toBe(email.toLowerCase());
    expect((await me({ cookie: cookieOf(res) })).statusCode).toBe(200);
    expect((await me({})).statusCode).toBe(401);
    expect(await auditActions(body.user.id)).toContain('auth.login');
  });

  it('answers 401 to a wrong password and audits the failure without the password', async () => {
    const { email } = await register(t.app);
    const failed = await login(t.app, email, 'not-the-password-1');
    expect(failed.statusCode).toBe(401);
    expect(failed.json().error.code).toBe('invalid_credentials');
    const [row] = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.actorId, (await userByEmail(email)).id), eq(auditLog.action, 'auth.login_failed')),
      );
    expect(row!.metadata).toMatchObject({ email: email.toLowerCase() });
    expect(JSON.stringify(row)).not.toContain('not-the-password-1');
    expect((await login(t.app, uniqueEmail('ghost'))).statusCode).toBe(401);
  });

  it('an access token is verified once per process; a tampered copy and a logged-out session are still refused', async () => {
    const c = await customer(t);
    expect((await me(bearer(c.accessToken))).statusCode).toBe(200);
    const verify = vi.spyOn(globalThis.crypto.subtle, 'verify');
    try {
      expect((await me(bearer(c.accessToken))).statusCode).toBe(200);
      expect(verify).not.toHaveBeenCalled();
      // The same claims under another signature: checked (and refused), not taken from what was remembered.
      const [head, body, signature] = c.accessToken.split('.');
      const flipped = `${signature!.slice(0, 10)}${signature![10] === 'A' ? 'B' : 'A'}${signature!.slice(11)}`;
      const tampered = await me(bearer(`${head}.${body}.${flipped}`));
      expect(tampered.statusCode).toBe(401);
      expect(tampered.json().error.code).toBe('unauthorized');
      expect(verify).toHaveBeenCalledTimes(1);
    } finally {
      verify.mockRestore();
    }
    expect((await logout(t.app, bearer(c.accessToken))).statusCode).toBe(204);
    expect((await me(bearer(c.accessToken))).json().error.code).toBe('unauthorized');
  });

  it('access tokens expire after 15 minutes; the refresh token gets a new one while the session lives', async () => {
    const c = await customer(t);
    advance(t.clock, 14 * 60_000);
    expect((await me(bearer(c.accessToken))).statusCode).toBe(200);
    advance(t.clock, 61_000);
    const expired = await me(bearer(c.accessToken));
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('token_expired');

    const renewed = await refresh(c.refreshToken);
    expect(renewed.statusCode).toBe(200);
    expect(renewed.json()).toEqual({
      accessToken: expect.any(String),
      expiresIn: 900,
      refreshToken: expect.any(String),
    });
    expect((await me(bearer(renewed.json().accessToken))).statusCode).toBe(200);
    // The web app refreshes with its cookie (same-origin); its own login, since the refresh above rotated the token.
    const web = await customer(t);
    const byCookie = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh-token',
      headers: { cookie: web.cookie, origin: ORIGIN },
    });
    expect(byCookie.statusCode).toBe(200);
  });

  it('refresh fails with 401 for an unknown token and once the session expires (7 days)', async () => {
    expect((await refresh('x'.repeat(32))).statusCode).toBe(401);
    const c = await customer(t);
    advance(t.clock, 8 * 86_400_000);
    const res = await refresh(c.refreshToken);
    expect(res.statusCode).toBe(401);
    expect((await me({ cookie: c.cookie })).statusCode).toBe(401);
  });

  it('rejects a tampered or foreign access token', async () => {
    const c = await customer(t);
    const [h, p, s] = c.accessToken.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const forged = [
      h,
      Buffer.from(JSON.stringify({ ...payload, role: 'admin' })).toString('base64url'),
      s,
    ].join('.');
    expect((await me(bearer(forged))).statusCode).toBe(401);
    expect((await me({ authorization: 'Basic abc' })).statusCode).toBe(401);
  });

  it('logout revokes the session at once: access token, refresh token and cookie stop working', async () => {
    const c = await customer(t);
    const out = await logout(t.app, bearer(c.accessToken));
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/cv\.session_token=;.*Max-Age=0/);
    expect((await me(bearer(c.accessToken))).statusCode).toBe(401);
    expect((await refresh(c.refreshToken)).statusCode).toBe(401);
    expect((await me({ cookie: c.cookie })).statusCode).toBe(401);
    expect(await auditActions(c.userId)).toContain('auth.logout');
  });

  it('logout with the cookie (web app) needs the matching Origin', async () => {
    const c = await customer(t);
    const noOrigin = await logout(t.app, { cookie: c.cookie });
    expect(noOrigin.statusCode).toBe(403);
    expect(noOrigin.json().error.code).toBe('csrf_rejected');
    const ok = await logout(t.app, { cookie: c.cookie, origin: ORIGIN });
    expect(ok.statusCode).toBe(204);
    expect((await me({ cookie: c.cookie })).statusCode).toBe(401);
  });

  it('logout-all revokes every session of the user, and only theirs', async () => {
    const c = await customer(t);
    const second = (await login(t.app, c.email)).json();
    const other = await customer(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout-all',
      headers: bearer(second.accessToken),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ revoked: 2 });
    for (const token of [c.accessToken, second.accessToken])
      expect((await me(bearer(token))).statusCode).toBe(401);
    for (const token of [c.refreshToken, second.refreshToken])
      expect((await refresh(token)).statusCode).toBe(401);
    expect((await me(bearer(other.accessToken))).statusCode).toBe(200);
    const left = await t.database.db.select().from(sessions).where(eq(sessions.userId, c.userId));
    expect(left).toHaveLength(0);
  });

  it('rejects a banned user at login and on every request (403 account_disabled)', async () => {
    const c = await customer(t);
    await t.database.db.update(users).set({ banned: true, banReason: 'fraud' }).where(eq(users.id, c.userId));
    const res = await me(bearer(c.accessToken));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('account_disabled');
    expect((await me({ cookie: c.cookie })).statusCode).toBe(403);
    const again = await login(t.app, c.email);
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe('account_disabled');
    expect((await refresh(c.refreshToken)).statusCode).toBe(403);
    // A ban that has run out no longer applies.
    await t.database.db
      .update(users)
      .set({ banExpires: new Date(t.clock.now().getTime() - 1000) })
      .where(eq(users.id, c.userId));
    expect((await login(t.app, c.email)).statusCode).toBe(200);
  });
});

describe(`password recovery (${TEST_ENGINE})`, () => {
  const forgot = (email: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/forgot-password', payload: { email } });

  it('always answers 202 with the same body and timing class, whether or not the account exists', async () => {
    const c = await customer(t);
    const known: number[] = [];
    const unknown: number[] = [];
    let bodies = new Set<string>();
    for (let i = 0; i < 4; i++) {
      for (const [email, times] of [
        [c.email, known],
        [uniqueEmail('nobody'), unknown],
      ] as const) {
        const started = performance.now();
        const res = await forgot(email);
        times.push(performance.now() - started);
        expect(res.statusCode).toBe(202);
        bodies = bodies.add(res.body);
      }
    }
    expect(bodies.size).toBe(1);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // Both paths do the same work (limit check + enqueue); the lookup happens later in a job.
    expect(Math.abs(median(known) - median(unknown))).toBeLessThan(50);
    await t.container.jobs.drain();
    expect((await lastEmailTo(t, c.email))!.template).toBe('reset-password');
  });

  it('resets once with the e-mailed token, ends every session, and the old password stops working', async () => {
    const c = await customer(t);
    await forgot(c.email);
    const token = await linkToken(t, c.email, 'reset-password');
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/auth/reset-password',
      payload: { token, password: 'qwertyuiop' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('weak_password');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/reset-password',
      payload: { token, password: 'Un-nuevo-camino-2026' },
    });
    expect(res.statusCode).toBe(200);
    expect((await me(bearer(c.accessToken))).statusCode).toBe(401);
    expect((await refresh(c.refreshToken)).statusCode).toBe(401);
    expect((await login(t.app, c.email, PASSWORD)).statusCode).toBe(401);
    expect((await login(t.app, c.email, 'Un-nuevo-camino-2026')).statusCode).toBe(200);
    const reuse = await t.app.inject({
      method: 'POST',
      url: '/api/auth/reset-password',
      payload: { token, password: 'Otro-camino-nuevo-2026' },
    });
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json().error.code).toBe('invalid_token');
    expect(await auditActions(c.userId)).toContain('auth.password_reset');
    expect((await lastEmailTo(t, c.email))!.template).toBe('password-changed');
  });

  it('reset links expire after 1 hour', async () => {
    const c = await customer(t);
    await forgot(c.email);
    const token = await linkToken(t, c.email, 'reset-password');
    advance(t.clock, 61 * 60_000);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/reset-password',
      payload: { token, password: 'Un-nuevo-camino-2026' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_token');
  });
});
