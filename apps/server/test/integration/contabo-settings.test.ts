import { eq, sql } from 'drizzle-orm';
import { startContaboSimulator, type ContaboSimulator } from '@cloud-vertice/contabo/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/index.ts';
import { createPostgresEventBus, type EventBus } from '../../src/events/bus.ts';
import { createContaboIntegration } from '../../src/integrations/contabo/contabo.ts';
import { loadConfig } from '../../src/config.ts';
import { createContainer, type Container } from '../../src/container.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { createTestApp, TEST_ENV, TEST_SECRETS, type TestApp } from '../app.ts';
import { admin, api } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';

/** "Contabo" for these tests: a simulator on its own port with credentials of its own. */
const REMOTE = {
  clientId: 'remote-client-7f3a',
  clientSecret: 'remote-secret-value-9b21',
  apiUser: 'ops@reseller.test',
  apiPassword: 'Remote-Api-Password-4410',
};

let t: TestApp;
let remote: ContaboSimulator;
let asAdmin: ReturnType<typeof api>;

beforeAll(async () => {
  t = await createTestApp({ seed: false, postgresEvents: true });
  remote = await startContaboSimulator({
    seed: false,
    credentials: {
      clientId: REMOTE.clientId,
      clientSecret: REMOTE.clientSecret,
      username: REMOTE.apiUser,
      password: REMOTE.apiPassword,
    },
  });
  remote.control.seedInstances(3);
  asAdmin = api(t.app, (await admin(t)).accessToken);
});
afterAll(async () => {
  await t.close();
  await remote.close();
});

const endpoint = () => ({ authUrl: remote.authUrl, apiUrl: remote.apiUrl });
const test = (payload: Record<string, unknown>) =>
  asAdmin({ method: 'POST', url: '/api/admin/settings/contabo/test', payload });

describe(`Contabo connection settings (${TEST_ENGINE})`, () => {
  it('starts on the simulator with nothing saved', async () => {
    const res = await asAdmin({ method: 'GET', url: '/api/admin/settings/contabo' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      source: 'none',
      mode: 'simulated',
      editable: true,
      credentials: { clientSecret: { set: false, last4: null } },
      contractPeriod: 1,
      syncIntervalMinutes: 1,
      rateLimitPerSecond: 5,
      cancelAtContabo: false,
    });
    expect((await t.app.inject('/api/site')).json().demo.contaboSimulated).toBe(true);
  });

  it('the connection test names exactly what failed, never echoing a secret', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...REMOTE, clientSecret: 'wrong-secret' }, 'bad_client'],
      [{ ...REMOTE, clientId: 'nobody' }, 'bad_client'],
      [{ ...REMOTE, apiPassword: 'wrong-password' }, 'bad_user_password'],
      [{ ...REMOTE, apiUser: 'someone@else.test' }, 'bad_user_password'],
      [{ ...REMOTE, apiUrl: 'http://127.0.0.1:9', authUrl: 'http://127.0.0.1:9/token' }, 'network'],
      [{ clientId: 'only-one' }, 'incomplete'],
    ];
    for (const [payload, reason] of cases) {
      const res = await test({ ...endpoint(), ...payload });
      expect(res.statusCode, reason).toBe(200);
      expect(res.json(), JSON.stringify(payload)).toMatchObject({ ok: false, reason });
      expect(res.body).not.toContain(REMOTE.clientSecret);
      expect(res.body).not.toContain('wrong-password');
    }

    remote.control.injectFault({ kind: 'server_error', status: 503, pathPattern: '^/v1/compute/instances$' });
    const down = (await test({ ...endpoint(), ...REMOTE })).json();
    expect(down).toMatchObject({ ok: false, reason: 'server_error' });
    expect(down.message).toContain('503');

    remote.control.injectFault({ kind: 'timeout', latencyMs: 5_000, pathPattern: '^/v1/compute/instances$' });
    const slow = (await test({ ...endpoint(), ...REMOTE, timeoutSeconds: 1 })).json();
    expect(slow).toMatchObject({ ok: false, reason: 'timeout' });
    remote.control.clearFaults();

    const ok = (await test({ ...endpoint(), ...REMOTE })).json();
    expect(ok).toMatchObject({ ok: true, total: 3 });
    expect(ok.instances).toHaveLength(3);
    // Testing never switches anything.
    expect(t.container.contabo.mode).toBe('simulated');
  });

  it('rejects hostile input with 400 and half-filled credentials with a clear error', async () => {
    for (const payload of [
      { clientSecret: 'a\u0000b' },
      { clientSecret: 'x'.repeat(301) },
      { apiUrl: 'ftp://example.com' },
      { contractPeriod: 6 },
      { syncIntervalMinutes: 1e12 },
      { rateLimitPerSecond: 'fast' },
      { unknownField: true },
    ]) {
      const res = await asAdmin({ method: 'PUT', url: '/api/admin/settings/contabo', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const half = await asAdmin({
      method: 'PUT',
      url: '/api/admin/settings/contabo',
      payload: { clientId: REMOTE.clientId },
    });
    expect(half.statusCode).toBe(400);
    expect(half.json().error.details.missing).toEqual(['clientSecret', 'apiUser', 'apiPassword']);
  });

  it('saving credentials switches this and every other instance to the live API without a restart', async () => {
    // A second instance of the platform on the same database (its own process on PostgreSQL: its own bus).
    const config = loadConfig({ ...TEST_ENV });
    const logger = createLogger('silent');
    const contaboB = await createContaboIntegration({ config, logger, simulator: { seed: false } });
    const eventsB: EventBus =
      t.database.kind === 'postgres'
        ? await createPostgresEventBus({ url: t.database.url!, pool: t.database.pool!, logger })
        : t.container.events;
    const b: Container = createContainer({
      config,
      database: t.database,
      logger,
      secrets: TEST_SECRETS,
      contabo: contaboB,
      events: eventsB,
    });
    try {
      const save = await asAdmin({
        method: 'PUT',
        url: '/api/admin/settings/contabo',
        payload: {
          ...REMOTE,
          ...endpoint(),
          contractPeriod: 12,
          syncIntervalMinutes: 5,
          rateLimitPerSecond: 2,
        },
      });
      expect(save.statusCode).toBe(200);
      const view = save.json();
      expect(view).toMatchObject({
        source: 'settings',
        mode: 'live',
        credentials: {
          clientId: { set: true, last4: '7f3a' },
          clientSecret: { set: true, last4: '9b21' },
          apiUser: { set: true, last4: 'test' },
          apiPassword: { set: true, last4: '4410' },
        },
        contractPeriod: 12,
        syncIntervalMinutes: 5,
        rateLimitPerSecond: 2,
      });
      for (const value of Object.values(REMOTE)) expect(save.body).not.toContain(value);

      // Encrypted at rest: a dump of the settings table holds no plaintext.
      const dump = await t.database.db.execute(sql`select key, value::text as value from settings`);
      const text = JSON.stringify((dump as unknown as { rows: unknown[] }).rows ?? dump);
      for (const value of Object.values(REMOTE)) expect(text).not.toContain(value);

      // This instance now talks to the configured endpoint; the demo banner follows.
      expect(t.container.contabo.mode).toBe('live');
      const before = remote.control.counters().tokenRequests;
      const listed = await t.container.contabo.client.instances.list({ size: 10 });
      expect(listed.pagination.totalElements).toBe(3);
      expect(remote.control.counters().tokenRequests).toBe(before + 1);
      const site = await t.app.inject('/api/site');
      expect(site.json().demo.contaboSimulated).toBe(false);
      expect(site.headers['cache-control']).toBe('no-cache');

      // The other instance switched too, through the settings broadcast.
      await expect.poll(() => b.contabo.mode, { timeout: 5_000 }).toBe('live');
      expect(b.demo.contaboSimulated).toBe(false);
      expect((await b.contabo.client.instances.list({ size: 10 })).pagination.totalElements).toBe(3);

      const audits = await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'settings.contabo.updated'));
      expect(audits).toHaveLength(1);
      expect(JSON.stringify(audits[0]!.metadata)).not.toContain(REMOTE.clientSecret);

      // Keeping secrets: a save without them changes only what it names.
      const keep = await asAdmin({
        method: 'PUT',
        url: '/api/admin/settings/contabo',
        payload: { cancelAtContabo: true },
      });
      expect(keep.json()).toMatchObject({
        mode: 'live',
        cancelAtContabo: true,
        credentials: { apiPassword: { set: true } },
      });

      // Clearing the four credentials goes back to the simulator, here and there.
      const clear = await asAdmin({
        method: 'PUT',
        url: '/api/admin/settings/contabo',
        payload: { clientId: '', clientSecret: '', apiUser: '', apiPassword: '' },
      });
      expect(clear.json()).toMatchObject({ source: 'none', mode: 'simulated' });
      expect((await t.app.inject('/api/site')).json().demo.contaboSimulated).toBe(true);
      await expect.poll(() => b.contabo.mode, { timeout: 5_000 }).toBe('simulated');
      expect(b.demo.contaboSimulated).toBe(true);
    } finally {
      await b.close();
      if (eventsB !== t.container.events) await eventsB.close();
      await contaboB.close();
    }
  });

  it('environment credentials win: the page says so and refuses edits', async () => {
    const envApp = await createTestApp({
      seed: false,
      env: {
        CONTABO_CLIENT_ID: REMOTE.clientId,
        CONTABO_CLIENT_SECRET: REMOTE.clientSecret,
        CONTABO_API_USER: REMOTE.apiUser,
        CONTABO_API_PASSWORD: REMOTE.apiPassword,
        CONTABO_AUTH_URL: remote.authUrl,
        CONTABO_API_URL: remote.apiUrl,
      },
    });
    try {
      const as = api(envApp.app, (await admin(envApp)).accessToken);
      const view = (await as({ method: 'GET', url: '/api/admin/settings/contabo' })).json();
      expect(view).toMatchObject({ source: 'env', mode: 'live', editable: false });
      expect(JSON.stringify(view)).not.toContain(REMOTE.clientSecret);
      const put = await as({
        method: 'PUT',
        url: '/api/admin/settings/contabo',
        payload: { clientSecret: 'x' },
      });
      expect(put.statusCode).toBe(409);
      const other = await as({
        method: 'PUT',
        url: '/api/admin/settings/contabo',
        payload: { contractPeriod: 24 },
      });
      expect(other.statusCode).toBe(200);
      expect(
        (await as({ method: 'POST', url: '/api/admin/settings/contabo/test', payload: {} })).json(),
      ).toMatchObject({
        ok: true,
        total: 3,
      });
    } finally {
      await envApp.close();
    }
  });
});
