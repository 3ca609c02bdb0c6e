import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { WebSocket, WebSocketServer } from 'ws';
import { startRfbRelay, type RelayResult } from '../../src/integrations/vnc/rfb-relay.ts';
import { auditLog, vpsConsoleSessions } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { admin, api, customer } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { createVpsInstance } from '../factories.ts';
import { freePort } from '../free-port.ts';
import { startXvnc, type XvncServer } from '../vnc-server.ts';

let t: TestApp;
let vnc: XvncServer;
let owner: Awaited<ReturnType<typeof customer>>;
let as: ReturnType<typeof api>;
let asOther: ReturnType<typeof api>;
let asAdmin: ReturnType<typeof api>;
let vpsId: string;

beforeAll(async () => {
  vnc = await startXvnc();
  t = await createTestApp();
  owner = await customer(t);
  as = api(t.app, owner.accessToken);
  asOther = api(t.app, (await customer(t)).accessToken);
  asAdmin = api(t.app, (await admin(t)).accessToken);
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = address.replace(/^http/, 'ws');
  vpsId = (await createVpsInstance(t.database.db, { userId: owner.userId, displayName: 'web-1' })).id;
}, 120_000); // Xvnc and the app start slowly on a loaded machine
afterAll(async () => {
  await t?.close();
  await vnc?.close();
});

/** A WebSocket with "read exactly n bytes" for speaking RFB as noVNC would. */
function rfb(ws: WebSocket) {
  let buffer = Buffer.alloc(0);
  let closed: { code: number; reason: string } | null = null;
  const waiters: Array<() => void> = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  ws.on('message', (d: Buffer) => {
    buffer = Buffer.concat([buffer, d]);
    wake();
  });
  ws.on('close', (code: number, reason: Buffer) => {
    closed = { code, reason: reason.toString() };
    wake();
  });
  async function read(n: number): Promise<Buffer> {
    while (buffer.length < n) {
      if (closed) throw new Error(`closed ${closed.code} ${closed.reason}`);
      await new Promise<void>((r) => waiters.push(r));
    }
    const out = buffer.subarray(0, n);
    buffer = buffer.subarray(n);
    return out;
  }
  async function closedWith(): Promise<{ code: number; reason: string }> {
    while (!closed) await new Promise<void>((r) => waiters.push(r));
    return closed;
  }
  return { read, closedWith, send: (b: Buffer | string) => ws.send(Buffer.from(b)), close: () => ws.close() };
}

async function ticket(vps = vpsId) {
  const res = await as({ method: 'POST', url: `/api/vps/${vps}/console` });
  expect(res.statusCode).toBe(201);
  return res.json().ticket as string;
}

let base = '';
/** Opens the console WebSocket like a browser would; a refused upgrade rejects with its HTTP status. */
function openConsole(path: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${base}${path}`);
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** The browser side of the handshake the relay offers: RFB 3.8 with security type None. */
async function handshake(c: ReturnType<typeof rfb>) {
  expect((await c.read(12)).toString()).toBe('RFB 003.008\n');
  c.send('RFB 003.008\n');
  expect([...(await c.read(2))]).toEqual([1, 1]);
  c.send(Buffer.from([1]));
  expect((await c.read(4)).readUInt32BE(0)).toBe(0);
  c.send(Buffer.from([1])); // ClientInit, shared
  const init = await c.read(24);
  const name = await c.read(init.readUInt32BE(20));
  return { width: init.readUInt16BE(0), height: init.readUInt16BE(2), name: name.toString() };
}

describe(`browser console relay against a real Xvnc (${TEST_ENGINE})`, () => {
  it('the admin records VNC host, port and password (write-only); customers cannot', async () => {
    const res = await asAdmin({
      method: 'POST',
      url: `/api/admin/vps/${vpsId}/vnc`,
      payload: { host: '127.0.0.1', port: vnc.port, password: vnc.password },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ host: '127.0.0.1', port: vnc.port, hasPassword: true });
    expect(res.body).not.toContain(vnc.password);
    expect(
      (await as({ method: 'POST', url: `/api/admin/vps/${vpsId}/vnc`, payload: { host: null, port: null } }))
        .statusCode,
    ).toBe(403);
    for (const payload of [
      { host: 'a b', port: 5900 },
      { host: '127.0.0.1', port: 70000 },
      { host: '127.0.0.1', port: 5900, extra: 1 },
      { host: 'x'.repeat(300), port: 5900 },
    ]) {
      expect(
        (await asAdmin({ method: 'POST', url: `/api/admin/vps/${vpsId}/vnc`, payload })).statusCode,
      ).toBe(400);
    }
    const detail = (await as({ method: 'GET', url: `/api/vps/${vpsId}` })).json();
    expect(detail.vnc).toEqual({ host: '127.0.0.1', port: vnc.port, hasPassword: true });
  });

  it('the owner sees the VNC password only after re-entering their password', async () => {
    expect(
      (await as({ method: 'POST', url: `/api/vps/${vpsId}/vnc`, payload: { password: 'wrong' } })).statusCode,
    ).toBe(400);
    expect(
      (await asOther({ method: 'POST', url: `/api/vps/${vpsId}/vnc`, payload: { password: owner.password } }))
        .statusCode,
    ).toBe(404);
    const res = await as({
      method: 'POST',
      url: `/api/vps/${vpsId}/vnc`,
      payload: { password: owner.password },
    });
    expect(res.json()).toEqual({ host: '127.0.0.1', port: vnc.port, password: vnc.password });
  });

  it('relays to the recorded endpoint: the relay authenticates, the browser sees the remote desktop', async () => {
    const c = rfb(await openConsole(`/api/vps/${vpsId}/console/ws?ticket=${await ticket()}`));
    const init = await handshake(c);
    expect(init).toMatchObject({ width: vnc.width, height: vnc.height });
    // FramebufferUpdateRequest for the whole screen → a FramebufferUpdate (message type 0) comes back.
    const req = Buffer.alloc(10);
    req.writeUInt8(3, 0);
    req.writeUInt16BE(vnc.width, 6);
    req.writeUInt16BE(vnc.height, 8);
    c.send(req);
    expect((await c.read(4))[0]).toBe(0);
  });

  it('tickets are single-use, expire after 30 s, and belong to one VPS and its owner', async () => {
    const once = await ticket();
    const first = rfb(await openConsole(`/api/vps/${vpsId}/console/ws?ticket=${once}`));
    await handshake(first);
    await expect(openConsole(`/api/vps/${vpsId}/console/ws?ticket=${once}`)).rejects.toThrow(/400/);
    const late = await ticket();
    t.clock.advance(31_000);
    await expect(openConsole(`/api/vps/${vpsId}/console/ws?ticket=${late}`)).rejects.toThrow(/400/);
    const otherVps = (
      await createVpsInstance(t.database.db, {
        userId: owner.userId,
        vncHost: '127.0.0.1',
        vncPort: vnc.port,
      })
    ).id;
    const forOther = await ticket(otherVps);
    await expect(openConsole(`/api/vps/${vpsId}/console/ws?ticket=${forOther}`)).rejects.toThrow(/400/);
    for (const bad of ['', 'x', '%00'.repeat(30), 'a'.repeat(500)]) {
      await expect(openConsole(`/api/vps/${vpsId}/console/ws?ticket=${bad}`)).rejects.toThrow(/400/);
    }
    expect((await asOther({ method: 'POST', url: `/api/vps/${vpsId}/console` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/vps/${vpsId}/console` })).statusCode).toBe(401);
    first.close(); // the first session was never disturbed by the refused attempts
    expect(await first.closedWith()).toMatchObject({ code: 1005 });
  });

  it('one session per VPS: a new console closes the old one; sessions are audited with bytes', async () => {
    const a = rfb(await openConsole(`/api/vps/${vpsId}/console/ws?ticket=${await ticket()}`));
    await handshake(a);
    const b = rfb(await openConsole(`/api/vps/${vpsId}/console/ws?ticket=${await ticket()}`));
    await handshake(b);
    expect(await a.closedWith()).toEqual({ code: 4409, reason: 'replaced' });
    await new Promise((r) => setTimeout(r, 200));
    const rows = await t.database.db
      .select()
      .from(vpsConsoleSessions)
      .where(eq(vpsConsoleSessions.vpsInstanceId, vpsId));
    const replaced = rows.find((r) => r.endReason === 'replaced');
    expect(replaced).toBeTruthy();
    expect(replaced!.bytesToClient).toBeGreaterThan(0);
    expect(replaced!.userId).toBe(owner.userId);
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'vps.console.session'));
    expect(audits.some((r) => (r.metadata as { reason?: string }).reason === 'replaced')).toBe(true);
  });

  it('never connects anywhere but the recorded endpoint: a target in the request is ignored', async () => {
    const closed = await freePort();
    await asAdmin({
      method: 'POST',
      url: `/api/admin/vps/${vpsId}/vnc`,
      payload: { host: '127.0.0.1', port: closed },
    });
    const c = rfb(
      await openConsole(
        `/api/vps/${vpsId}/console/ws?ticket=${await ticket()}&host=127.0.0.1&port=${vnc.port}&target=127.0.0.1:${vnc.port}`,
      ),
    );
    expect(await c.closedWith()).toEqual({ code: 4502, reason: 'unreachable' });
  });

  it('a wrong recorded password is reported as such; suspended services get no console', async () => {
    await asAdmin({
      method: 'POST',
      url: `/api/admin/vps/${vpsId}/vnc`,
      payload: { host: '127.0.0.1', port: vnc.port, password: 'nope-nope' },
    });
    const c = rfb(await openConsole(`/api/vps/${vpsId}/console/ws?ticket=${await ticket()}`));
    expect(await c.closedWith()).toEqual({ code: 4401, reason: 'auth_failed' });
    const early = await ticket();
    const suspended = await createVpsInstance(t.database.db, {
      userId: owner.userId,
      serviceStatus: 'suspended',
      vncHost: '127.0.0.1',
      vncPort: vnc.port,
    });
    expect((await as({ method: 'POST', url: `/api/vps/${suspended.id}/console` })).statusCode).toBe(403);
    const { vpsInstances } = await import('../../src/db/schema/index.ts');
    await t.database.db
      .update(vpsInstances)
      .set({ serviceStatus: 'suspended' })
      .where(eq(vpsInstances.id, vpsId));
    await expect(openConsole(`/api/vps/${vpsId}/console/ws?ticket=${early}`)).rejects.toThrow(/403/);
    const bare = await createVpsInstance(t.database.db, { userId: owner.userId });
    expect((await as({ method: 'POST', url: `/api/vps/${bare.id}/console` })).statusCode).toBe(409);
  });

  it('closes a session without keyboard, mouse or clipboard input after the idle timeout', async () => {
    const results: Promise<RelayResult>[] = [];
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    wss.on('connection', (socket) => {
      const relay = startRfbRelay(
        socket,
        { host: '127.0.0.1', port: vnc.port, password: vnc.password },
        { idleTimeoutMs: 300 },
      );
      results.push(relay.done);
    });
    await new Promise((r) => wss.once('listening', r));
    const { port } = wss.address() as { port: number };
    try {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/`);
      await new Promise((r) => ws.once('open', r));
      const c = rfb(ws);
      await handshake(c);
      expect(await c.closedWith()).toEqual({ code: 4408, reason: 'idle' });
      const result = await results[0]!;
      expect(result.reason).toBe('idle');
      expect(result.bytesToClient).toBeGreaterThan(0);
    } finally {
      await new Promise((r) => wss.close(r));
    }
  });
});
