/** Shared setup of the console-customers tests (split by topic into several files). */
import { afterAll, beforeAll, expect } from 'vitest';
import { createTestApp, type TestApp } from '../app.ts';
import { admin, api } from '../auth-helpers.ts';
import { createAdmin, createInvoice, createOrder, createUser, createVpsInstance } from '../factories.ts';

export let t: TestApp;
export let adminUser: Awaited<ReturnType<typeof admin>>;
export let as: ReturnType<typeof api>;
export const ids: Record<string, string> = {};

type Item = { id: string; email: string; spendMinor: number; services: number; activeServices: number };
export async function list(query = '') {
  const res = await as({ method: 'GET', url: `/api/admin/customers?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Item[]; total: number };
}
export const emailsOf = (r: { items: Item[] }) => r.items.map((i) => i.email);
export const fixture = (r: { items: Item[] }) =>
  emailsOf(r).filter((e) => /^(valentina|bruno|carla)@/.test(e));

/** Registers the shared app and fixtures for the file that calls it (at top level). */
export function useConsoleCustomersApp() {
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
}
