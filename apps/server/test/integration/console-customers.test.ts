import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, sessions, twoFactors, users, vpsInstances } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { admin, api, bearer, customer, emailsTo, login, ORIGIN } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import {
  createAdmin,
  createInvoice,
  createOrder,
  createSession,
  createSshKey,
  createTicket,
  createTwoFactor,
  createUser,
  createVpsInstance,
} from '../factories.ts';

let t: TestApp;
let adminUser: Awaited<ReturnType<typeof admin>>;
let as: ReturnType<typeof api>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp({ env: { RATE_LIMIT_DISABLED: 'true' } });
  const db = t.database.db;
  adminUser = await admin(t);
  as = api(t.app, adminUser.accessToken);
  await t.container.settings.set('store.currency', 'USD');
  // Three customers with distinct traits, and one staff account that must never appear.
  const a = await createUser(db, {
    firstName: 'Valentina',
    lastName: 'Ríos',
    name: 'Valentina Ríos',
    email: 'valentina@example.test',
    phone: '+57 300 111 2233',
    createdAt: new Date('2026-01-01T00:00:00Z'),
  });
  const b = await createUser(db, {
    name: 'Bruno Díaz',
    email: 'bruno@example.test',
    emailVerified: false,
    createdAt: new Date('2026-01-02T00:00:00Z'),
  });
  const c = await createUser(db, {
    name: 'Carla Gómez',
    email: 'carla@example.test',
    banned: true,
    banReason: 'fraude',
    createdAt: new Date('2026-01-03T00:00:00Z'),
  });
  await createAdmin(db, { name: 'Staff Valentina', email: 'staff-valentina@example.test' });
  await createVpsInstance(db, { userId: a.id, ipAddress: '203.0.113.77', serviceStatus: 'active' });
  await createVpsInstance(db, { userId: a.id, ipAddress: '203.0.113.78', serviceStatus: 'active' });
  await createVpsInstance(db, { userId: b.id, ipAddress: '203.0.113.90', serviceStatus: 'suspended' });
  await createOrder(db, { userId: b.id, orderNumber: 'P-2026-000042' });
  await createInvoice(db, {
    userId: c.id,
    invoiceNumber: 'CV-2026-000777',
    status: 'paid',
    totalMinor: 5000,
    paidAt: new Date('2026-01-05T00:00:00Z'),
  });
  await createInvoice(db, { userId: b.id, status: 'issued', totalMinor: 1200 });
  await createInvoice(db, {
    userId: a.id,
    status: 'paid',
    totalMinor: 1000,
    paidAt: new Date('2026-01-06T00:00:00Z'),
  });
  Object.assign(ids, { a: a.id, b: b.id, c: c.id });
});
afterAll(async () => {
  await t?.close();
});

type Item = { id: string; email: string; spendMinor: number; services: number; activeServices: number };
async function list(query = '') {
  const res = await as({ method: 'GET', url: `/api/admin/customers?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Item[]; total: number };
}
const emailsOf = (r: { items: Item[] }) => r.items.map((i) => i.email);
const fixture = (r: { items: Item[] }) => emailsOf(r).filter((e) => /^(valentina|bruno|carla)@/.test(e));

describe(`customers list (${TEST_ENGINE})`, () => {
  it('lists customers only, never staff', async () => {
    const all = await list('pageSize=100');
    expect(fixture(all).sort()).toEqual([
      'bruno@example.test',
      'carla@example.test',
      'valentina@example.test',
    ]);
    expect(emailsOf(all)).not.toContain('staff-valentina@example.test');
    expect(emailsOf(all)).not.toContain(adminUser.email);
  });

  it('searches by name, e-mail, phone, order number, invoice number and server IP', async () => {
    expect(emailsOf(await list('search=valentina'))).toEqual(['valentina@example.test']);
    expect(emailsOf(await list('search=BRUNO@example'))).toEqual(['bruno@example.test']);
    expect(emailsOf(await list('search=300%20111'))).toEqual(['valentina@example.test']);
    expect(emailsOf(await list('search=P-2026-000042'))).toEqual(['bruno@example.test']);
    expect(emailsOf(await list('search=CV-2026-000777'))).toEqual(['carla@example.test']);
    expect(emailsOf(await list('search=203.0.113.90'))).toEqual(['bruno@example.test']);
    expect((await list('search=%25')).total).toBeGreaterThanOrEqual(3);
  });

  it('filters, sorts and paginates', async () => {
    expect(fixture(await list('filter=active'))).toEqual(['valentina@example.test']);
    expect(fixture(await list('filter=suspended'))).toEqual(['bruno@example.test']);
    expect(fixture(await list('filter=unpaid'))).toEqual(['bruno@example.test']);
    expect(fixture(await list('filter=unverified'))).toEqual(['bruno@example.test']);
    expect(fixture(await list('filter=banned'))).toEqual(['carla@example.test']);
    const bySpend = await list('sort=spend&order=desc&pageSize=2');
    expect(bySpend.items.map((i) => [i.email, i.spendMinor])).toEqual([
      ['carla@example.test', 5000],
      ['valentina@example.test', 1000],
    ]);
    const byServices = await list('sort=services&order=desc&pageSize=1');
    expect(byServices.items[0]).toMatchObject({
      email: 'valentina@example.test',
      services: 2,
      activeServices: 2,
    });
    const oldest = await list('sort=created&order=asc&pageSize=1&page=1');
    expect(oldest.items[0]!.email).toBe('valentina@example.test');
    const page2 = await list('sort=created&order=asc&pageSize=1&page=2');
    expect(page2.items[0]!.email).toBe('bruno@example.test');
    expect(page2.total).toBe(oldest.total);
  });

  it('exports the list as CSV (audited)', async () => {
    const res = await as({ method: 'GET', url: '/api/admin/customers?format=csv&filter=banned' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'id,email,name,phone,country,created_at,last_login_at,email_verified,banned,services,active_services,currency,spend',
    );
    expect(lines.slice(1).some((l) => l.includes('carla@example.test') && l.endsWith(',USD,50.00'))).toBe(
      true,
    );
    const [row] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'customer.export'));
    expect(row?.actorId).toBe(adminUser.userId);
  });

  it('refuses hostile input with a 400', async () => {
    for (const query of [
      'search=%00',
      `search=${'x'.repeat(101)}`,
      'pageSize=1000',
      'page=0',
      'page=99999999999999999999',
      'sort=password',
      'filter=everyone',
      'order=sideways',
      'unknown=1',
    ]) {
      const res = await as({ method: 'GET', url: `/api/admin/customers?${query}` });
      expect(res.statusCode, query).toBe(400);
    }
  });
});

describe(`customer detail and actions (${TEST_ENGINE})`, () => {
  it('shows everything about one customer', async () => {
    await createSshKey(t.database.db, { userId: ids.a! });
    await createTicket(t.database.db, { userId: ids.a!, subject: 'No arranca' });
    await createSession(t.database.db, { userId: ids.a!, ipAddress: '198.51.100.4' });
    const res = await as({ method: 'GET', url: `/api/admin/customers/${ids.a}` });
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.profile).toMatchObject({
      email: 'valentina@example.test',
      phone: '+57 300 111 2233',
      banned: false,
    });
    expect(d.services).toHaveLength(2);
    expect(d.invoices).toHaveLength(1);
    expect(d.tickets).toEqual([expect.objectContaining({ subject: 'No arranca' })]);
    expect(d.sshKeyCount).toBe(1);
    expect(d.sessions).toEqual([expect.objectContaining({ ipAddress: '198.51.100.4', viewAs: false })]);
    expect(d.lifetime).toEqual({
      currency: 'USD',
      netMinor: 1000,
      taxMinor: 0,
      costMinor: 0,
      marginMinor: 1000,
    });
    expect(JSON.stringify(d)).not.toMatch(/"token"|password|secret/i);
  });

  it('answers 404 for staff and unknown ids, 400 for malformed ones', async () => {
    const staff = await createAdmin(t.database.db);
    for (const id of [staff.id, randomUUID()]) {
      expect((await as({ method: 'GET', url: `/api/admin/customers/${id}` })).statusCode).toBe(404);
      const ban = await as({
        method: 'POST',
        url: `/api/admin/customers/${id}/ban`,
        payload: { reason: 'x' },
      });
      expect(ban.statusCode).toBe(404);
    }
    expect((await as({ method: 'GET', url: '/api/admin/customers/not-a-uuid' })).statusCode).toBe(400);
    const [staffRow] = await t.database.db.select().from(users).where(eq(users.id, staff.id));
    expect(staffRow?.banned).toBeFalsy();
  });

  it('edits the profile, marks the e-mail verified and keeps notes, each audited', async () => {
    const patch = await as({
      method: 'PATCH',
      url: `/api/admin/customers/${ids.b}`,
      payload: { firstName: 'Bruno', lastName: 'Díaz Pardo', phone: '+57 1 555', country: 'CO' },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    expect((await as({ method: 'POST', url: `/api/admin/customers/${ids.b}/verify-email` })).statusCode).toBe(
      200,
    );
    const note = await as({
      method: 'POST',
      url: `/api/admin/customers/${ids.b}/notes`,
      payload: { body: 'Pidió factura a nombre de su empresa.' },
    });
    expect(note.statusCode).toBe(201);
    for (const payload of [{ body: 'a\u0000b' }, { body: '' }, { body: 'x'.repeat(5001) }, { text: 'x' }]) {
      const bad = await as({ method: 'POST', url: `/api/admin/customers/${ids.b}/notes`, payload });
      expect(bad.statusCode).toBe(400);
    }
    for (const payload of [{}, { phone: 'a\u0000' }, { country: 'Colombia' }, { role: 'admin' }]) {
      const bad = await as({ method: 'PATCH', url: `/api/admin/customers/${ids.b}`, payload });
      expect(bad.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const d = (await as({ method: 'GET', url: `/api/admin/customers/${ids.b}` })).json();
    expect(d.profile).toMatchObject({ name: 'Bruno Díaz Pardo', country: 'CO', emailVerified: true });
    expect(d.notes).toEqual([
      expect.objectContaining({
        body: 'Pidió factura a nombre de su empresa.',
        authorEmail: adminUser.email,
      }),
    ]);
    expect(d.audit.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['customer.profile.update', 'customer.email.verify', 'customer.note.add']),
    );
    expect(d.audit.every((a: { actorId: string }) => a.actorId === adminUser.userId)).toBe(true);
  });

  it('sends a password-reset e-mail', async () => {
    const c = await customer(t);
    const res = await as({ method: 'POST', url: `/api/admin/customers/${c.userId}/password-reset` });
    expect(res.statusCode).toBe(200);
    const mails = await emailsTo(t, c.email);
    expect(mails.some((m) => /reset-password\//.test(m.text))).toBe(true);
  });

  it('resets 2FA for a customer who lost their device', async () => {
    const c = await customer(t);
    await t.database.db.update(users).set({ twoFactorEnabled: true }).where(eq(users.id, c.userId));
    await createTwoFactor(t.database.db, { userId: c.userId });
    const res = await as({ method: 'POST', url: `/api/admin/customers/${c.userId}/two-factor/reset` });
    expect(res.statusCode).toBe(200);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, c.userId));
    expect(row?.twoFactorEnabled).toBe(false);
    expect(await t.database.db.select().from(twoFactors).where(eq(twoFactors.userId, c.userId))).toHaveLength(
      0,
    );
    // The customer logs in with the password alone now.
    const again = await login(t.app, c.email, c.password);
    expect(again.statusCode).toBe(200);
    expect(again.json().accessToken).toBeTruthy();
    const twice = await as({ method: 'POST', url: `/api/admin/customers/${c.userId}/two-factor/reset` });
    expect(twice.statusCode).toBe(409);
  });

  it('bans at once on every route (bearer and cookie), keeps services running, and unbans', async () => {
    const c = await customer(t);
    const vps = await createVpsInstance(t.database.db, { userId: c.userId, status: 'running' });
    const mine = api(t.app, c.accessToken);
    expect((await mine({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    // Two admins ban at the same moment: one ban, both answer.
    const [first, second] = await Promise.all(
      [1, 2].map(() =>
        as({
          method: 'POST',
          url: `/api/admin/customers/${c.userId}/ban`,
          payload: { reason: 'chargeback' },
        }),
      ),
    );
    expect([first!.statusCode, second!.statusCode]).toEqual([200, 200]);
    for (const url of ['/api/auth/me', '/api/vps', '/api/orders']) {
      const res = await mine({ method: 'GET', url });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(401);
      expect(res.statusCode, url).toBeLessThanOrEqual(403);
    }
    const cookieRes = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: c.cookie },
    });
    expect(cookieRes.statusCode).toBeGreaterThanOrEqual(401);
    expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, c.userId))).toHaveLength(0);
    const relogin = await login(t.app, c.email, c.password);
    expect(relogin.statusCode).toBe(403);
    expect(relogin.json().error.code).toBe('account_disabled');
    const [service] = await t.database.db.select().from(vpsInstances).where(eq(vpsInstances.id, vps.id));
    expect(service).toMatchObject({ serviceStatus: 'active', status: 'running' });
    const banned = (await list('filter=banned&search=' + encodeURIComponent(c.email))).items;
    expect(banned.map((i) => i.id)).toEqual([c.userId]);

    expect((await as({ method: 'POST', url: `/api/admin/customers/${c.userId}/unban` })).statusCode).toBe(
      200,
    );
    const back = await login(t.app, c.email, c.password);
    expect(back.statusCode).toBe(200);
    expect(
      (await api(t.app, back.json().accessToken)({ method: 'GET', url: '/api/auth/me' })).statusCode,
    ).toBe(200);
    const actions = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'user'), eq(auditLog.entityId, c.userId)));
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['customer.ban', 'customer.unban']));
  });

  it('revokes every session of a customer', async () => {
    const c = await customer(t);
    const res = await as({ method: 'POST', url: `/api/admin/customers/${c.userId}/sessions/revoke` });
    expect(res.json()).toEqual({ ok: true, sessionsEnded: 1 });
    expect((await api(t.app, c.accessToken)({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });
});

describe(`read-only "view as customer" (${TEST_ENGINE})`, () => {
  it('reads as the customer, is refused on every non-GET route, is audited and expires', async () => {
    const c = await customer(t);
    await createVpsInstance(t.database.db, { userId: c.userId });
    const issued = await as({ method: 'POST', url: `/api/admin/customers/${c.userId}/view-as` });
    expect(issued.statusCode).toBe(201);
    const { accessToken, expiresAt } = issued.json();
    expect(new Date(expiresAt).getTime() - t.clock.now().getTime()).toBe(15 * 60_000);
    const viewer = api(t.app, accessToken);
    const me = await viewer({ method: 'GET', url: '/api/auth/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.id).toBe(c.userId);
    expect((await viewer({ method: 'GET', url: '/api/vps' })).json().items).toHaveLength(1);

    // Every registered non-GET route, with made-up ids: always the read-only refusal, never the route itself.
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    let checked = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) {
        if (['get', 'head', 'options'].includes(method)) continue;
        const url = path.replace(/\{[^}]+\}/g, randomUUID());
        const res = await t.app.inject({
          method: method.toUpperCase() as 'POST',
          url,
          headers: { ...bearer(accessToken), origin: ORIGIN },
          payload: {},
        });
        expect(res.statusCode, `${method} ${path}`).toBe(403);
        expect(res.json().error.details, `${method} ${path}`).toEqual({ reason: 'read_only_session' });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);

    const [row] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'customer.view-as'), eq(auditLog.entityId, c.userId)));
    expect(row?.actorId).toBe(adminUser.userId);
    const detail = (await as({ method: 'GET', url: `/api/admin/customers/${c.userId}` })).json();
    expect(detail.sessions.filter((s: { viewAs: boolean }) => s.viewAs)).toHaveLength(1);

    // The customer's own token still changes things; the viewer's stops after 15 minutes.
    t.clock.advance(15 * 60_000 + 1000);
    expect((await viewer({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('is not given for a banned customer', async () => {
    // A fresh admin: the previous test moved the clock past the first admin's access token.
    const fresh = api(t.app, (await admin(t)).accessToken);
    const res = await fresh({ method: 'POST', url: `/api/admin/customers/${ids.c}/view-as` });
    expect(res.statusCode).toBe(409);
  });
});

describe(`console authorization (${TEST_ENGINE})`, () => {
  it('every dashboard, customers and reports route: 401 anonymous, 403 customer', async () => {
    const c = await customer(t);
    ids.a ??= c.userId;
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(doc.paths)
      .filter(([p]) => /^\/api\/admin\/(dashboard|customers|reports)/.test(p))
      .flatMap(([p, methods]) => Object.keys(methods).map((m) => [m.toUpperCase(), p] as const));
    expect(routes.length).toBeGreaterThanOrEqual(14);
    for (const [method, path] of routes) {
      const url = path.replace(/\{[^}]+\}/g, ids.a!);
      const anon = await t.app.inject({ method: method as 'GET', url, headers: { origin: ORIGIN } });
      expect(anon.statusCode, `${method} ${path}`).toBe(401);
      const asCustomer = await t.app.inject({
        method: method as 'GET',
        url,
        headers: { ...bearer(c.accessToken), origin: ORIGIN },
        payload: method === 'GET' ? undefined : {},
      });
      expect(asCustomer.statusCode, `${method} ${path}`).toBe(403);
    }
  });
});
