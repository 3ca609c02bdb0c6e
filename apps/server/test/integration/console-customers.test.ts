import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/index.ts';
import { admin, api, bearer, customer, ORIGIN } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { createVpsInstance } from '../factories.ts';
import {
  useConsoleCustomersApp,
  t,
  adminUser,
  as,
  ids,
  list,
  emailsOf,
  fixture,
} from './console-customers.setup.ts';

useConsoleCustomersApp();

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
