/** Shared setup of the tickets tests (split by topic into several files). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { eq } from 'drizzle-orm';
import { supportTickets, users } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { admin, api, customer } from '../auth-helpers.ts';

export let t: TestApp;
export let staff: Awaited<ReturnType<typeof admin>>;
export let asStaff: ReturnType<typeof api>;

export async function newCustomer(language: 'es' | 'en' = 'es') {
  const c = await customer(t);
  await t.database.db.update(users).set({ language, firstName: 'Lucía' }).where(eq(users.id, c.userId));
  return { ...c, as: api(t.app, c.accessToken) };
}

export async function openTicket(as: ReturnType<typeof api>, payload: Record<string, unknown> = {}) {
  const res = await as({
    method: 'POST',
    url: '/api/tickets',
    payload: { subject: 'Mi servidor no arranca', message: 'Hola,\nno responde desde ayer.', ...payload },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string; status: string; messages: Array<{ body: string }> };
}

export const ticketRow = async (id: string) =>
  (await t.database.db.select().from(supportTickets).where(eq(supportTickets.id, id)))[0]!;

/** Registers the shared app and fixtures for the file that calls it (at top level). */
export function useTicketsApp() {
  beforeAll(async () => {
    t = await createTestApp({
      env: { RATE_LIMIT_DISABLED: 'true', DATA_DIR: mkdtempSync(join(tmpdir(), 'cv-tickets-')) },
    });
    staff = await admin(t);
    asStaff = api(t.app, staff.accessToken);
  });
  afterAll(async () => {
    await t.close();
  });
}
