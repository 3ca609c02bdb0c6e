import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createContainer } from '../../src/container.ts';
import { rateLimits } from '../../src/db/schema/index.ts';
import type { createBatchedRateLimitStore } from '../../src/integrations/rate-limit/batched.ts';
import { hashedKey } from '../../src/integrations/rate-limit/store.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { currentUser } from '../../src/modules/auth/auth.guard.ts';
import { createTestApp, TEST_ENV, TEST_SECRETS, useTestApp } from '../app.ts';
import { TEST_ENGINE } from '../db.ts';
import {
  admin,
  advance,
  api,
  bearer,
  customer,
  login,
  ORIGIN,
  register,
  uniqueEmail,
} from '../auth-helpers.ts';
import { totp } from '../totp.ts';

type BatchedStore = ReturnType<typeof createBatchedRateLimitStore>;

/** A tiny route behind requireVerifiedEmail, as the orders module will use it. */
async function ordersLikeRoute(app: FastifyInstance) {
  app.post('/api/test/orders', { preHandler: app.requireVerifiedEmail }, async (req) => ({
    ok: currentUser(req).id,
  }));
}

const t = useTestApp({ seed: false, beforeReady: ordersLikeRoute, freezeTime: true });

describe(`rate limits (${TEST_ENGINE})`, () => {
  it('allows 5 logins per minute per IP and e-mail: the 6th gets 429 with Retry-After, then it resets', async () => {
    const c = await customer(t);
    advance(t.clock, 60_000 - (t.clock.now().getTime() % 60_000) + 1000); // start of a fresh window
    const codes = [];
    for (let i = 0; i < 5; i++)
      codes.push((await login(t.app, c.email, i % 2 ? c.password : 'wrong-password-1')).statusCode);
    expect(codes).toEqual([401, 200, 401, 200, 401]);
    const sixth = await login(t.app, c.email);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.code).toBe('rate_limited');
    const retryAfter = Number(sixth.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another e-mail from the same IP is not affected; the same one works once the window passes.
    expect((await login(t.app, uniqueEmail('other'))).statusCode).toBe(401);
    advance(t.clock, retryAfter * 1000);
    expect((await login(t.app, c.email)).statusCode).toBe(200);
  });

  it('limits registration and forgot-password', async () => {
    const forgot = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/forgot-password',
        payload: { email: 'same@example.test' },
      });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await forgot()).statusCode);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    const registerFrom = (ip: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/register',
        remoteAddress: ip,
        payload: {
          email: uniqueEmail(),
          password: 'Montaña-azul-2026',
          firstName: 'A',
          lastName: 'B',
          legalAccepted: { terms: 1, privacy: 1 },
        },
      });
    const codes = [];
    for (let i = 0; i < 11; i++) codes.push((await registerFrom('10.1.2.3')).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 202)).toBe(true);
    expect(codes[10]).toBe(429);
    expect((await registerFrom('10.9.9.9')).statusCode).toBe(202);
  });

  it('counts per IP (100/min) and per user (customers 5/h, staff 8/h here) without a database write per request; login limits stay exact across instances', async () => {
    const env = {
      ...TEST_ENV,
      RATE_LIMIT_IP_PER_MINUTE: '100',
      RATE_LIMIT_USER_PER_HOUR: '5',
      RATE_LIMIT_STAFF_PER_HOUR: '8',
    };
    const config = loadConfig(env);
    const containers = [0, 1].map(() =>
      createContainer({
        config,
        database: t.database,
        logger: createLogger('silent'),
        secrets: TEST_SECRETS,
        clock: t.clock,
        contabo: t.container.contabo,
        events: t.container.events,
      }),
    );
    const instances = await Promise.all(
      containers.map(async (container) => {
        await container.jobs.start({ work: false });
        const app = await buildApp(container, { serveWeb: false });
        await app.ready();
        return app;
      }),
    );
    const bulk = containers[0]!.bulkRateLimitStore;
    expect(bulk.kind).toBe(TEST_ENGINE === 'pglite' ? 'memory' : 'batched');
    try {
      advance(t.clock, 60_000 - (t.clock.now().getTime() % 60_000) + 1000);
      const get = (i: number, ip: string) =>
        instances[i]!.inject({ method: 'GET', url: '/api/auth/me', remoteAddress: ip });
      for (let i = 0; i < 100; i++) expect((await get(0, '10.0.0.1')).statusCode).toBe(401);
      const over = await get(0, '10.0.0.1');
      expect(over.statusCode).toBe(429);
      expect(over.headers['retry-after']).toBeDefined();
      expect((await get(0, '10.0.0.2')).statusCode).toBe(401);
      expect(
        (await instances[0]!.inject({ method: 'GET', url: '/healthz', remoteAddress: '10.0.0.1' }))
          .statusCode,
      ).toBe(200);
      if (TEST_ENGINE === 'postgres') {
        // Reconciliation (once a second in production): the other instance refuses the same address too, as soon as
        // its own hits of that address reach a tenth of the limit and it shares them (batched.ts: at most 9 more).
        const other = [];
        for (let i = 0; i < 12; i++) {
          const res = await get(1, '10.0.0.1');
          other.push(res.statusCode);
          if (res.statusCode === 429) break;
          await (bulk as BatchedStore).flush();
          await (containers[1]!.bulkRateLimitStore as BatchedStore).flush();
        }
        expect(other.at(-1)).toBe(429);
        expect(other.filter((code) => code === 401).length).toBeLessThanOrEqual(10);
      }

      // Login: exact and shared at once, whichever instance answers.
      const c = await customer(t);
      const codes = [];
      for (let i = 0; i < 6; i++) {
        const res = await instances[i % 2]!.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { origin: ORIGIN },
          remoteAddress: '10.2.0.1',
          payload: { email: c.email, password: 'wrong-password-1' },
        });
        codes.push(res.statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
      // What reached the database holds hashes only: never an address nor an e-mail (the login's exact counter on both
      // engines, the per-IP counter shared by reconciliation on PostgreSQL).
      const stored = (await t.database.db.select({ key: rateLimits.key }).from(rateLimits)).map((r) => r.key);
      expect(stored).toContain(hashedKey(`login:10.2.0.1|${c.email.toLowerCase()}`));
      if (TEST_ENGINE === 'postgres') expect(stored).toContain(hashedKey('ip:10.0.0.1'));
      expect(stored.filter((key) => /10\.[0-9]\.0\.|@/.test(key))).toEqual([]);
      expect(stored.every((key) => /^[a-z0-9-]+:[0-9a-f]{32}$/.test(key))).toBe(true);

      advance(t.clock, 3_600_000 - (t.clock.now().getTime() % 3_600_000) + 1000);
      const buyer = await customer(t);
      const staff = await admin(t);
      const me = (token: string, i: number) =>
        instances[0]!.inject({
          method: 'GET',
          url: '/api/auth/me',
          headers: bearer(token),
          remoteAddress: `10.1.0.${i}`,
        });
      const customerCodes = [];
      const staffCodes = [];
      for (let i = 0; i < 9; i++) customerCodes.push((await me(buyer.accessToken, i)).statusCode);
      for (let i = 0; i < 9; i++) staffCodes.push((await me(staff.accessToken, i)).statusCode);
      expect(customerCodes).toEqual([200, 200, 200, 200, 200, 429, 429, 429, 429]);
      expect(staffCodes).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429]);
    } finally {
      for (const app of instances) await app.close();
    }
  });
});

describe(`CSRF, CORS and security headers (${TEST_ENGINE})`, () => {
  it('refuses cookie-authenticated unsafe requests without a matching Origin (or Referer)', async () => {
    const c = await customer(t);
    const patch = (headers: Record<string, string>) =>
      t.app.inject({ method: 'PATCH', url: '/api/account/profile', headers, payload: { firstName: 'Eva' } });
    for (const headers of [
      { cookie: c.cookie },
      { cookie: c.cookie, origin: 'https://evil.example' },
    ] as Array<Record<string, string>>) {
      const res = await patch(headers);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('csrf_rejected');
    }
    expect((await patch({ cookie: c.cookie, origin: ORIGIN })).statusCode).toBe(200);
    expect((await patch({ cookie: c.cookie, referer: `${ORIGIN}/panel/cuenta` })).statusCode).toBe(200);
    // Bearer tokens are not sent by browsers on their own: no Origin needed.
    expect((await patch(bearer(c.accessToken))).statusCode).toBe(200);
    // Safe methods are not affected.
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: c.cookie } })).statusCode,
    ).toBe(200);
    // A foreign site cannot even log someone in (login CSRF).
    const foreignLogin = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { email: c.email, password: c.password },
    });
    expect(foreignLogin.statusCode).toBe(403);
  });

  it('keeps CORS closed by default and opens it only to CORS_ORIGINS', async () => {
    const preflight = (app: FastifyInstance, origin: string) =>
      app.inject({
        method: 'OPTIONS',
        url: '/api/auth/login',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    expect(
      (await preflight(t.app, 'https://partner.example')).headers['access-control-allow-origin'],
    ).toBeUndefined();
    const open = await createTestApp({ seed: false, env: { CORS_ORIGINS: 'https://partner.example' } });
    try {
      const res = await preflight(open.app, 'https://partner.example');
      expect(res.headers['access-control-allow-origin']).toBe('https://partner.example');
      expect(res.headers['access-control-allow-credentials']).toBe('true');
      expect(
        (await preflight(open.app, 'https://other.example')).headers['access-control-allow-origin'],
      ).toBeUndefined();
    } finally {
      await open.close();
    }
  });

  it('sends security headers, and HSTS plus Secure cookies only outside localhost', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    const secure = await createTestApp({ seed: false, env: { APP_URL: 'https://cloud.example.com' } });
    try {
      const { email, password } = await register(secure.app);
      const res2 = await secure.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin: 'https://cloud.example.com' },
        payload: { email, password },
      });
      expect(res2.headers['strict-transport-security']).toMatch(/max-age=31536000/);
      expect(String(res2.headers['set-cookie'])).toMatch(/^__Secure-cv\.session_token=.*; Secure/);
    } finally {
      await secure.close();
    }
  });
});

describe(`guards and admin routes (${TEST_ENGINE})`, () => {
  const adminRoutes = ['/api/admin/outbox', '/api/admin/audit-log'];

  it('admin routes answer 401 to anonymous and 403 to customers', async () => {
    const c = await customer(t);
    for (const url of adminRoutes) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
      const res = await api(t.app, c.accessToken)({ method: 'GET', url });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
  });

  it('customers who have not verified their e-mail get 403 email_not_verified from requireVerifiedEmail', async () => {
    const unverified = await customer(t, { verified: false });
    const verified = await customer(t);
    const order = (headers: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: '/api/test/orders', headers });
    expect((await order({})).statusCode).toBe(401);
    const res = await order(bearer(unverified.accessToken));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('email_not_verified');
    expect((await order(bearer(verified.accessToken))).json()).toEqual({ ok: verified.userId });
  });

  it('admins read the outbox (newest first, paginated) and the audit log', async () => {
    const a = await customer(t, { role: 'admin' });
    const { email } = await register(t.app);
    await t.container.jobs.drain();
    const list = await api(t.app, a.accessToken)({ method: 'GET', url: '/api/admin/outbox?pageSize=5' });
    expect(list.statusCode).toBe(200);
    const { items, total } = list.json();
    expect(total).toBeGreaterThan(1);
    expect(items).toHaveLength(5);
    const mine = (
      await api(
        t.app,
        a.accessToken,
      )({ method: 'GET', url: `/api/admin/outbox?to=${encodeURIComponent(email)}` })
    ).json();
    expect(mine.items[0]).toMatchObject({
      to: email.toLowerCase(),
      template: 'verify-email',
      status: 'sent',
    });
    expect(mine.items[0]).not.toHaveProperty('html');
    const detail = await api(
      t.app,
      a.accessToken,
    )({ method: 'GET', url: `/api/admin/outbox/${mine.items[0].id}` });
    expect(detail.json().html).toContain('<html');
    // Delivered to its owner: the admin does not see the single-use link.
    expect(detail.json().text).toMatch(/\/verify-email\/…/);
    const audit = await api(
      t.app,
      a.accessToken,
    )({ method: 'GET', url: '/api/admin/audit-log?action=auth.login' });
    expect(audit.json().items.length).toBeGreaterThan(0);
    expect(audit.json().items.every((e: { action: string }) => e.action === 'auth.login')).toBe(true);
  });

  it('with "require 2FA for admins" on, an admin must enrol before using the admin panel', async () => {
    const a = await customer(t, { role: 'admin' });
    await t.container.settings.set('security.requireAdmin2fa', true);
    try {
      const blocked = await api(t.app, a.accessToken)({ method: 'GET', url: '/api/admin/outbox' });
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error.code).toBe('two_factor_enrolment_required');
      const setup = await api(
        t.app,
        a.accessToken,
      )({ method: 'POST', url: '/api/account/2fa/setup', payload: { password: a.password } });
      const enabled = await api(
        t.app,
        a.accessToken,
      )({
        method: 'POST',
        url: '/api/account/2fa/enable',
        payload: { code: totp(setup.json().secret) },
      });
      expect(enabled.statusCode).toBe(200);
      expect(
        (await api(t.app, enabled.json().accessToken)({ method: 'GET', url: '/api/admin/outbox' }))
          .statusCode,
      ).toBe(200);
    } finally {
      await t.container.settings.set('security.requireAdmin2fa', false);
    }
  });
});
