import { Writable } from 'node:stream';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/lib/logger.ts';
import { createTestApp, TEST_SECRETS, type TestApp } from '../app.ts';
import { TEST_ENGINE } from '../db.ts';
import { freezeTime, linkToken, ORIGIN, uniqueEmail } from '../auth-helpers.ts';

let t: TestApp;
const logLines: string[] = [];
beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  t = await createTestApp({ seed: false, logger: createLogger('debug', sink) });
  freezeTime(t.clock);
});
afterAll(async () => {
  vi.useRealTimers();
  await t.close();
});

describe(`secrets stay out of logs and responses (${TEST_ENGINE})`, () => {
  it('register → verify → login → refresh → forgot → reset → logout leaks no password, token or secret', async () => {
    const responses: Array<{ step: string; res: LightMyRequestResponse }> = [];
    const call = async (step: string, options: InjectOptions) => {
      const res = await t.app.inject(options);
      responses.push({ step, res });
      return res;
    };
    const email = uniqueEmail('leak');
    const password = 'Primera-clave-secreta-2026';
    const newPassword = 'Segunda-clave-secreta-2026';

    await call('register', {
      method: 'POST',
      url: '/api/auth/register',
      payload: {
        email,
        password,
        firstName: 'Luz',
        lastName: 'Díaz',
        legalAccepted: { terms: 1, privacy: 1 },
      },
    });
    const verifyToken = await linkToken(t, email, 'verify-email');
    await call('verify', { method: 'GET', url: `/api/auth/verify-email/${verifyToken}` });
    await call('login-wrong', {
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: `${password}x` },
    });
    const login = await call('login', {
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
    });
    const { accessToken, refreshToken } = login.json();
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    await call('me', {
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    await call('me-cookie', { method: 'GET', url: '/api/auth/me', headers: { cookie } });
    const refreshed = await call('refresh', {
      method: 'POST',
      url: '/api/auth/refresh-token',
      payload: { refreshToken },
    });
    await call('bad-refresh', {
      method: 'POST',
      url: '/api/auth/refresh-token',
      payload: { refreshToken: `${refreshToken}x` },
    });
    await call('forgot', { method: 'POST', url: '/api/auth/forgot-password', payload: { email } });
    const resetToken = await linkToken(t, email, 'reset-password');
    await call('reset-weak', {
      method: 'POST',
      url: '/api/auth/reset-password',
      payload: { token: resetToken, password: '123' },
    });
    await call('reset', {
      method: 'POST',
      url: '/api/auth/reset-password',
      payload: { token: resetToken, password: newPassword },
    });
    await call('reset-again', {
      method: 'POST',
      url: '/api/auth/reset-password',
      payload: { token: resetToken, password: newPassword },
    });
    const second = await call('login-2', {
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: newPassword },
    });
    await call('logout', {
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: String(second.headers['set-cookie']).split(';')[0]!, origin: ORIGIN },
    });

    const sessionTokens = [refreshToken, second.json().refreshToken];
    const accessTokens = [accessToken, refreshed.json().accessToken, second.json().accessToken];
    const neverAnywhere = {
      password,
      newPassword,
      verifyToken,
      resetToken,
      jwtSecret: TEST_SECRETS.jwtSecret,
      encryptionKey: TEST_SECRETS.encryptionKey,
      cookieSignature: decodeURIComponent(cookie.split('=')[1]!).split('.')[1]!,
    };

    const logs = logLines.join('\n');
    expect(logLines.length).toBeGreaterThan(20);
    expect(logs).toContain('/api/auth/verify-email/[redacted]');
    for (const [name, value] of Object.entries(neverAnywhere))
      expect(logs, `${name} in logs`).not.toContain(value);
    for (const value of [...sessionTokens, ...accessTokens])
      expect(logs, 'token in logs').not.toContain(value);

    for (const { step, res } of responses) {
      const text = `${JSON.stringify(res.headers)}\n${res.body}`;
      for (const [name, value] of Object.entries(neverAnywhere)) {
        if (name === 'cookieSignature' && /login/.test(step)) continue; // the cookie itself is the login's answer
        expect(text, `${name} in response to ${step}`).not.toContain(value);
      }
      // Tokens appear only where they are the answer: login (both) and refresh (the access token).
      if (!/^login(-2)?$|^refresh$/.test(step)) {
        for (const value of [...sessionTokens, ...accessTokens])
          expect(text, `token in ${step}`).not.toContain(value);
      }
    }
  });
});
