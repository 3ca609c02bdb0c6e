import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, orders, users } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { admin, api, CHECKOUT_TERMS, customer, register } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';

let t: TestApp;
let staff: Awaited<ReturnType<typeof admin>>;
let item: { productId: string; periodMonths: number; region: string; imageId: string };

beforeAll(async () => {
  t = await createTestApp();
  const products = (await t.app.inject('/api/products')).json().items as Array<{ id: string }>;
  const images = (await t.app.inject('/api/images')).json().items as Array<{ id: string; osType: string }>;
  item = {
    productId: products[0]!.id,
    periodMonths: 1,
    region: 'EU',
    imageId: images.find((i) => i.osType === 'Linux')!.id,
  };
});
afterAll(async () => {
  await t.close();
});

describe(`legal documents and their acceptance (${TEST_ENGINE})`, () => {
  it('serves default terms, privacy and refund policy in both languages, version 1', async () => {
    expect((await t.app.inject('/api/legal')).json()).toEqual({ terms: 1, privacy: 1, refunds: 1 });
    const es = (await t.app.inject('/api/legal/terms?lang=es')).json();
    const en = (await t.app.inject('/api/legal/terms?lang=en')).json();
    expect(es).toMatchObject({ document: 'terms', version: 1, language: 'es' });
    expect(es.markdown).toMatch(/^# Términos del servicio/);
    expect(en.markdown).toMatch(/^# Terms of service/);
    expect((await t.app.inject('/api/legal/refunds?lang=en')).json().markdown).toMatch(/^# Refund policy/);
    expect((await t.app.inject('/api/legal/privacy')).json().markdown).toMatch(/^# Política de privacidad/);
    const bad = await t.app.inject('/api/legal/cookies');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_error');
  });

  it('refuses a registration without the current terms and privacy policy, and stores what was accepted', async () => {
    const none = (await register(t.app, { legalAccepted: undefined } as never)).res;
    expect(none.statusCode).toBe(400);
    expect(none.json().error).toMatchObject({ code: 'legal_acceptance_required' });
    expect(none.json().error.message).toMatch(/terms of service and privacy policy/);

    const half = (await register(t.app, { legalAccepted: { terms: 1 } } as never)).res;
    expect(half.statusCode).toBe(400);
    expect(half.json().error.details).toEqual({ missing: ['privacy'] });

    const stale = (await register(t.app, { legalAccepted: { terms: 0, privacy: 1 } } as never)).res;
    expect(stale.statusCode).toBe(400);
    expect(stale.json().error.code).toBe('legal_version_outdated');

    const ok = await register(t.app);
    expect(ok.res.statusCode).toBe(202); // the uniform answer: no user in it (#15-10)
    const [row] = await t.database.db.select().from(users).where(eq(users.email, ok.email.toLowerCase()));
    expect(row!.legalAccepted).toEqual({ terms: 1, privacy: 1 });
    expect(row!.legalAcceptedAt).toBeInstanceOf(Date);
  });

  it('refuses a checkout without the terms and refund policy, and stores the versions with the order', async () => {
    const c = await customer(t);
    const as = api(t.app, c.accessToken);
    const refused = await as({ method: 'POST', url: '/api/orders', payload: { items: [item] } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'legal_acceptance_required' });
    expect(refused.json().error.details).toEqual({ missing: ['terms', 'refunds'] });

    const hostile = await as({
      method: 'POST',
      url: '/api/orders',
      payload: { items: [item], legalAccepted: { terms: 1e12, refunds: 1, cookies: 1 } },
    });
    expect(hostile.statusCode).toBe(400);

    const created = await as({
      method: 'POST',
      url: '/api/orders',
      payload: { items: [item], legalAccepted: CHECKOUT_TERMS },
    });
    expect(created.statusCode).toBe(201);
    const order = created.json().items[0];
    expect(order.legalAccepted).toEqual({ terms: 1, refunds: 1 });
    const [row] = await t.database.db.select().from(orders).where(eq(orders.id, order.id));
    expect(row!.legalAcceptedAt).toBeInstanceOf(Date);
  });

  it('lets the admin publish a new version, keeps the old ones, and then requires the new one', async () => {
    staff = await admin(t);
    const asAdmin = api(t.app, staff.accessToken);
    const c = await customer(t);
    const asCustomer = api(t.app, c.accessToken);
    const body = { bodyEs: '# Términos\n\nVersión nueva.', bodyEn: '# Terms\n\nNew version.' };

    expect(
      (await asCustomer({ method: 'PUT', url: '/api/admin/legal/terms', payload: body })).statusCode,
    ).toBe(403);
    const nul = await asAdmin({
      method: 'PUT',
      url: '/api/admin/legal/terms',
      payload: { ...body, bodyEs: 'a\u0000' },
    });
    expect(nul.statusCode).toBe(400);
    const huge = await asAdmin({
      method: 'PUT',
      url: '/api/admin/legal/terms',
      payload: { ...body, bodyEn: 'x'.repeat(100_001) },
    });
    expect(huge.statusCode).toBe(400);

    const saved = await asAdmin({ method: 'PUT', url: '/api/admin/legal/terms', payload: body });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ document: 'terms', version: 2 });
    const doc = (await asAdmin({ method: 'GET', url: '/api/admin/legal/terms' })).json();
    expect(doc.current.version).toBe(2);
    expect(doc.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(doc.versions[1].bodyEs).toMatch(/^# Términos del servicio/);
    expect((await t.app.inject('/api/legal/terms?lang=en')).json()).toMatchObject({
      version: 2,
      markdown: '# Terms\n\nNew version.',
    });
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'legal.published'));
    expect(audit.map((r) => r.metadata)).toContainEqual({ version: 2 });

    const stale = await asCustomer({
      method: 'POST',
      url: '/api/orders',
      payload: { items: [item], legalAccepted: { terms: 1, refunds: 1 } },
    });
    expect(stale.statusCode).toBe(400);
    expect(stale.json().error).toMatchObject({ code: 'legal_version_outdated' });
    const fresh = await asCustomer({
      method: 'POST',
      url: '/api/orders',
      payload: { items: [item], legalAccepted: { terms: 2, refunds: 1 } },
    });
    expect(fresh.statusCode).toBe(201);
  });

  it('gives every concurrent save its own version number or a 409, never a duplicate', async () => {
    // The admin of the previous test: registrations are rate-limited per address.
    const asAdmin = api(t.app, staff.accessToken);
    const results = await Promise.all(
      [1, 2, 3].map((n) =>
        asAdmin({
          method: 'PUT',
          url: '/api/admin/legal/privacy',
          payload: { bodyEs: `# Privacidad ${n}`, bodyEn: `# Privacy ${n}` },
        }),
      ),
    );
    for (const r of results) expect([200, 409]).toContain(r.statusCode);
    const versions = results.filter((r) => r.statusCode === 200).map((r) => r.json().version);
    expect(new Set(versions).size).toBe(versions.length);
  });
});
