import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { WebSocket } from 'ws';
import { vpsConsoleSessions } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { admin, api, customer } from '../auth-helpers.ts';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../db.ts';
import { createVpsInstance } from '../factories.ts';
import { startXvnc, type XvncServer } from '../vnc-server.ts';

// Two app instances on one PostgreSQL database, as in a multi-instance deployment (PGlite is single-process by
// design, so this file runs on PostgreSQL in both suite runs).
let database: TestDatabase;
let first: TestApp;
let second: TestApp;
let vnc: XvncServer;
let vpsId: string;
let owner: Awaited<ReturnType<typeof customer>>;
const bases = new Map<TestApp, string>();

beforeAll(async () => {
  vnc = await startXvnc();
  database = await createTestDatabase('postgres');
  first = await createTestApp({ database, seed: false, postgresEvents: true });
  second = await createTestApp({ database, seed: false, postgresEvents: true });
  for (const t of [first, second]) {
    bases.set(t, (await t.app.listen({ port: 0, host: '127.0.0.1' })).replace(/^http/, 'ws'));
  }
  owner = await customer(first);
  vpsId = (await createVpsInstance(database.db, { userId: owner.userId, displayName: 'web-1' })).id;
  const res = await api(
    first.app,
    (await admin(first)).accessToken,
  )({
    method: 'POST',
    url: `/api/admin/vps/${vpsId}/vnc`,
    payload: { host: '127.0.0.1', port: vnc.port, password: vnc.password },
  });
  expect(res.statusCode).toBe(200);
}, 120_000);
afterAll(async () => {
  await first?.close();
  await second?.close();
  await database?.destroy();
  await vnc?.close();
});

/** Opens a console on one instance (its own ticket, its own WebSocket). */
async function connectOn(t: TestApp) {
  const res = await api(t.app, owner.accessToken)({ method: 'POST', url: `/api/vps/${vpsId}/console` });
  expect(res.statusCode).toBe(201);
  const ws = new WebSocket(`${bases.get(t)}/api/vps/${vpsId}/console/ws?ticket=${res.json().ticket}`);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const greeting = new Promise<string>((resolve, reject) => {
    ws.once('message', (d: Buffer) => resolve(d.toString()));
    ws.once('error', reject);
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { ws, closed, greeting };
}

/** …and waits for the relay's greeting (sent once it has authenticated to the VNC server). */
async function openOn(t: TestApp) {
  const session = await connectOn(t);
  expect(await session.greeting).toBe('RFB 003.008\n');
  return session;
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe(`one console session per VPS across instances (postgres; suite run on ${TEST_ENGINE})`, () => {
  it('a console opened on another instance closes the old one', async () => {
    const a = await openOn(first);
    await until(() => first.container.console.hasOpenSession(vpsId), 'the first session');
    const b = await openOn(second);
    expect(await a.closed).toEqual({ code: 4409, reason: 'replaced' });
    expect(first.container.console.hasOpenSession(vpsId)).toBe(false);
    expect(second.container.console.hasOpenSession(vpsId)).toBe(true);
    expect(b.ws.readyState).toBe(WebSocket.OPEN);

    // And back: the instance that lost the session can take it again.
    const c = await openOn(first);
    expect(await b.closed).toEqual({ code: 4409, reason: 'replaced' });
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
    c.ws.close();
    await c.closed;
    await until(() => !first.container.console.hasOpenSession(vpsId), 'the last session to end');

    // The replaced session's row is ended asynchronously by the instance that lost it: wait for both rows.
    await vi.waitFor(
      async () => {
        const rows = await database.db
          .select()
          .from(vpsConsoleSessions)
          .where(eq(vpsConsoleSessions.vpsInstanceId, vpsId));
        expect(rows.filter((r) => r.endReason === 'replaced')).toHaveLength(2);
      },
      { timeout: 10_000, interval: 50 },
    );
  });

  it('two sessions started at once on two instances leave exactly one open', async () => {
    const [a, b] = await Promise.all([connectOn(first), connectOn(second)]);
    const ended = await Promise.race([a.closed.then(() => 'a'), b.closed.then(() => 'b')]);
    await new Promise((r) => setTimeout(r, 1_000));
    const open = [a, b].filter((s) => s.ws.readyState === WebSocket.OPEN);
    expect(open).toHaveLength(1);
    expect(open[0]).toBe(ended === 'a' ? b : a);
    open[0]!.ws.close();
  });
});
