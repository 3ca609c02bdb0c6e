import type { RouteOptions } from 'fastify';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, settings, users } from '../../src/db/schema/index.ts';
import { staffRequirementOf } from '../../src/modules/auth/auth.guard.ts';
import { can, PERMISSIONS, ROLE_PERMISSIONS, type Permission } from '../../src/modules/auth/permissions.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { admin, api, customer, linkToken, login, ORIGIN, support } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';

interface CollectedRoute {
  method: string;
  url: string;
  requirement: Permission | 'admin' | undefined;
}

const routes: CollectedRoute[] = [];
let t: TestApp;
let tokens: { admin: string; support: string; customer: string };

function collect(route: RouteOptions) {
  const hooks = [route.onRequest ?? []].flat();
  const requirement = hooks.map(staffRequirementOf).find(Boolean);
  for (const method of [route.method].flat()) {
    if (method === 'HEAD') continue;
    routes.push({ method, url: route.url, requirement });
  }
}

beforeAll(async () => {
  t = await createTestApp({ onRoute: collect });
  tokens = {
    admin: (await admin(t)).accessToken,
    support: (await support(t)).accessToken,
    customer: (await customer(t)).accessToken,
  };
});
afterAll(async () => {
  await t.close();
});

const ID = '00000000-0000-4000-8000-000000000000';
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, (p) => (p === ':decision' ? 'approve' : ID));

async function call(route: CollectedRoute, token?: string) {
  const res = await t.app.inject({
    method: route.method as 'GET',
    url: concrete(route.url),
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(['POST', 'PUT', 'PATCH'].includes(route.method) ? { payload: {} } : {}),
  });
  return res;
}

describe(`staff roles (${TEST_ENGINE})`, () => {
  it('every admin route declares a staff permission (a new admin route without one fails here)', () => {
    const admins = routes.filter((r) => r.url.startsWith('/api/admin'));
    expect(admins.length).toBeGreaterThan(30);
    const undeclared = admins.filter((r) => !r.requirement).map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
    for (const r of routes.filter((x) => x.requirement)) {
      expect(r.requirement === 'admin' || PERMISSIONS.includes(r.requirement as Permission)).toBe(true);
    }
  });

  it('matrix: every staff route × admin, support, customer, anonymous', async () => {
    const staffRoutes = routes.filter((r) => r.requirement);
    const problems: string[] = [];
    for (const route of staffRoutes) {
      const name = `${route.method} ${route.url} [${route.requirement}]`;
      const anonymous = await call(route);
      if (anonymous.statusCode !== 401) problems.push(`${name} anonymous → ${anonymous.statusCode}`);
      const asCustomer = await call(route, tokens.customer);
      if (asCustomer.statusCode !== 403) problems.push(`${name} customer → ${asCustomer.statusCode}`);
      // Event streams never end under inject once allowed: their refusals are checked, not their streams.
      if (route.url.endsWith('/events')) continue;
      const supportMay = route.requirement !== 'admin' && can('support', route.requirement!);
      const asSupport = await call(route, tokens.support);
      if (supportMay ? [401, 403].includes(asSupport.statusCode) : asSupport.statusCode !== 403) {
        problems.push(`${name} support → ${asSupport.statusCode} ${asSupport.body.slice(0, 120)}`);
      }
      const asAdmin = await call(route, tokens.admin);
      if ([401, 403].includes(asAdmin.statusCode) || asAdmin.statusCode >= 500) {
        problems.push(`${name} admin → ${asAdmin.statusCode} ${asAdmin.body.slice(0, 120)}`);
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);

  it('support reads orders, VPS and customers, and is refused settings, money and staff', async () => {
    const as = api(t.app, tokens.support);
    for (const url of ['/api/admin/orders', '/api/admin/vps', '/api/admin/customers']) {
      expect((await as({ method: 'GET', url })).statusCode, url).toBe(200);
    }
    for (const url of ['/api/admin/settings/company', '/api/admin/invoices', '/api/admin/staff']) {
      const res = await as({ method: 'GET', url });
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    const me = await as({ method: 'GET', url: '/api/auth/me' });
    expect(me.json().user.role).toBe('support');
  });

  it('"require 2FA for staff" refuses staff tokens without 2FA with a clear code until they enrol', async () => {
    await t.database.db
      .insert(settings)
      .values({ key: 'security.requireAdmin2fa', value: true })
      .onConflictDoUpdate({ target: settings.key, set: { value: true } });
    const member = await support(t);
    const as = api(t.app, member.accessToken);
    const refused = await as({ method: 'GET', url: '/api/admin/orders' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('two_factor_enrolment_required');
    // Their own account (where 2FA is enrolled) stays reachable.
    expect((await as({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    await t.database.db.update(users).set({ twoFactorEnabled: true }).where(eq(users.id, member.userId));
    expect((await as({ method: 'GET', url: '/api/admin/orders' })).statusCode).toBe(200);
    await t.database.db.delete(settings).where(eq(settings.key, 'security.requireAdmin2fa'));
  });
});

describe(`staff management (${TEST_ENGINE})`, () => {
  it('the admin invites a support member, who sets a password from the e-mailed link and logs in', async () => {
    const boss = await admin(t);
    const as = api(t.app, boss.accessToken);
    const email = `soporte-${Date.now()}@example.test`;
    const res = await as({
      method: 'POST',
      url: '/api/admin/staff',
      payload: { email, role: 'support', firstName: 'Sofía' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ email, role: 'support', disabled: false, hasLoggedIn: false });
    const token = await linkToken(t, email, 'reset-password');
    const mail = t.mailer!.sent.filter((m) => m.to === email).at(-1);
    expect(mail?.subject).toMatch(/invitaron al equipo/);
    const set = await t.app.inject({
      method: 'POST',
      url: '/api/auth/reset-password',
      headers: { origin: ORIGIN },
      payload: { token, password: 'Cielo-despejado-2026' },
    });
    expect(set.statusCode).toBe(200);
    const logged = await login(t.app, email, 'Cielo-despejado-2026');
    expect(logged.statusCode).toBe(200);
    expect(logged.json().user.role).toBe('support');

    const again = await as({ method: 'POST', url: '/api/admin/staff', payload: { email, role: 'admin' } });
    expect(again.statusCode).toBe(409);
    const list = (await as({ method: 'GET', url: '/api/admin/staff' })).json();
    expect(list.items.find((m: { email: string }) => m.email === email)).toMatchObject({ hasLoggedIn: true });
    expect(list.roles.support).toContain('orders.read');
    expect(list.roles.support).not.toContain('settings.manage');
    // The page's table comes from the permissions data: every permission, and each role's share of it.
    expect(list.permissions).toEqual([...PERMISSIONS]);
    expect(list.roles.admin).toEqual([...PERMISSIONS]);
    expect(list.roles.support).toEqual(PERMISSIONS.filter((p) => ROLE_PERMISSIONS.support.has(p)));
  });

  it('changes a role, disables (sessions end at once) and refuses to remove the last admin or oneself', async () => {
    const boss = await admin(t);
    const as = api(t.app, boss.accessToken);
    const member = await support(t);
    const promote = await as({
      method: 'PATCH',
      url: `/api/admin/staff/${member.userId}`,
      payload: { role: 'admin' },
    });
    expect(promote.statusCode).toBe(200);
    expect(promote.json().role).toBe('admin');
    const disable = await as({
      method: 'PATCH',
      url: `/api/admin/staff/${member.userId}`,
      payload: { disabled: true },
    });
    expect(disable.json().disabled).toBe(true);
    const afterDisable = await api(t.app, member.accessToken)({ method: 'GET', url: '/api/admin/orders' });
    expect([401, 403]).toContain(afterDisable.statusCode);

    const self = await as({
      method: 'PATCH',
      url: `/api/admin/staff/${boss.userId}`,
      payload: { role: 'support' },
    });
    expect(self.statusCode).toBe(403);

    // Only one enabled admin left besides `boss`? Demote every other admin, in parallel, then the last one fails.
    const admins = await t.database.db.select().from(users).where(eq(users.role, 'admin'));
    const others = admins.filter((u) => u.id !== boss.userId && !u.banned);
    const results = await Promise.all(
      others.map((u) =>
        as({ method: 'PATCH', url: `/api/admin/staff/${u.id}`, payload: { role: 'support' } }),
      ),
    );
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    const lastCheck = await t.database.db.select().from(users).where(eq(users.role, 'admin'));
    expect(lastCheck.filter((u) => !u.banned).map((u) => u.id)).toEqual([boss.userId]);

    const bad = await as({ method: 'PATCH', url: `/api/admin/staff/not-a-uuid`, payload: { role: 'admin' } });
    expect(bad.statusCode).toBe(400);
    const nothing = await as({ method: 'PATCH', url: `/api/admin/staff/${member.userId}`, payload: {} });
    expect(nothing.statusCode).toBe(400);
    const customerTarget = await customer(t);
    const notStaff = await as({
      method: 'PATCH',
      url: `/api/admin/staff/${customerTarget.userId}`,
      payload: { role: 'admin' },
    });
    expect(notStaff.statusCode).toBe(404);
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'staff.updated'));
    expect(audits.length).toBeGreaterThanOrEqual(2);
  });

  it('two admins demoting each other at once leave one admin', async () => {
    const a = await admin(t);
    const b = await admin(t);
    // Make a and b the only enabled admins.
    const all = await t.database.db.select().from(users).where(eq(users.role, 'admin'));
    for (const u of all) {
      if (u.id !== a.userId && u.id !== b.userId) {
        await t.database.db.update(users).set({ role: 'support' }).where(eq(users.id, u.id));
      }
    }
    const [r1, r2] = await Promise.all([
      api(
        t.app,
        a.accessToken,
      )({ method: 'PATCH', url: `/api/admin/staff/${b.userId}`, payload: { role: 'support' } }),
      api(
        t.app,
        b.accessToken,
      )({ method: 'PATCH', url: `/api/admin/staff/${a.userId}`, payload: { role: 'support' } }),
    ]);
    const codes = [r1.statusCode, r2.statusCode].sort();
    // Either the second demotion meets the last-admin rule (409) or the demoted caller is no longer admin (403).
    expect(codes[0]).toBe(200);
    expect([403, 409]).toContain(codes[1]);
    const left = await t.database.db.select().from(users).where(eq(users.role, 'admin'));
    expect(left.length).toBe(1);
  });
});
