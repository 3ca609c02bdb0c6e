// Token handling: caching, single flight at expiry, proactive renewal, 401 → re-auth once, credential errors.
import { afterEach, describe, expect, it } from 'vitest';
import { ContaboAuthError, ContaboError } from '../src/index.ts';
import { startHarness } from './helpers/harness.ts';
import type { Harness } from './helpers/harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.sim.close();
  h = undefined;
});

/** One clock shared by simulator and client, moved by hand. */
function manualClock() {
  let t = Date.UTC(2025, 5, 1, 12, 0, 0);
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('token cache', () => {
  it('50 concurrent calls at token expiry cause exactly one token request', async () => {
    const clock = manualClock();
    h = await startHarness({ now: clock.now, tokenExpiresIn: 300 }, { now: clock.now });
    await h.client.instances.get(100001);
    expect(h.sim.control.counters().tokenRequests).toBe(1);
    await Promise.all(Array.from({ length: 10 }, () => h!.client.instances.get(100001)));
    expect(h.sim.control.counters().tokenRequests).toBe(1); // cached

    clock.advance(300_000); // expired
    const results = await Promise.all(Array.from({ length: 50 }, () => h!.client.instances.get(100002)));
    expect(results.every((r) => r.instanceId === 100002)).toBe(true);
    const counters = h.sim.control.counters();
    expect(counters.tokenRequests).toBe(2);
    expect(counters.byStatus['401'] ?? 0).toBe(0);
    expect(h.client.tokenRequestCount()).toBe(2);
  });

  it('renews shortly before expiry, so requests never carry an expired token', async () => {
    const clock = manualClock();
    h = await startHarness({ now: clock.now, tokenExpiresIn: 300 }, { now: clock.now });
    await h.client.instances.get(100001);
    clock.advance(250_000); // 50 s left: inside the 45 s margin? no → still cached
    await h.client.instances.get(100001);
    expect(h.sim.control.counters().tokenRequests).toBe(1);
    clock.advance(10_000); // 40 s left: renew now
    await h.client.instances.get(100001);
    expect(h.sim.control.counters().tokenRequests).toBe(2);
    expect(h.sim.control.counters().byStatus['401'] ?? 0).toBe(0);
  });

  it('a 401 from the API re-authenticates once and retries once', async () => {
    h = await startHarness();
    await h.client.instances.get(100001);
    h.sim.control.revokeTokens();
    const inst = await h.client.instances.get(100001);
    expect(inst.instanceId).toBe(100001);
    const c = h.sim.control.counters();
    expect(c.tokenRequests).toBe(2);
    expect(c.byStatus['401']).toBe(1);
    expect(c.byOperation.retrieveInstance).toBe(3);
  });

  it('a persistent 401 surfaces as unauthorized after exactly one re-auth', async () => {
    h = await startHarness();
    h.sim.control.injectFault({ kind: 'server_error', status: 401, count: 5 });
    const err = await h.client.instances.get(100001).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContaboError);
    expect(err).toMatchObject({ code: 'unauthorized', status: 401 });
    expect(h.sim.control.counters().byOperation.retrieveInstance).toBe(2);
    expect(h.sim.control.counters().tokenRequests).toBe(2);
  });
});

describe('credential errors', () => {
  it('wrong user/password → ContaboAuthError with Keycloak code, API never reached', async () => {
    h = await startHarness();
    const client = h.makeClient({ password: 'wrong' });
    const err = await client.instances.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContaboAuthError);
    const authErr = err as ContaboAuthError;
    expect(authErr.message).toBe(
      'Contabo rejected the API credentials (invalid_grant: Invalid user credentials)',
    );
    expect(authErr).toMatchObject({
      authError: 'invalid_grant',
      code: 'unauthorized',
      retryable: false,
      status: 401,
    });
    expect(h.sim.control.counters().apiRequests).toBe(0);
    expect(h.sim.control.counters().tokenRequests).toBe(1); // not retried
  });

  it('wrong client secret → invalid_client', async () => {
    h = await startHarness();
    const err = await h
      .makeClient({ clientSecret: 'nope' })
      .instances.get(100001)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContaboAuthError);
    expect((err as ContaboAuthError).authError).toBe('invalid_client');
    expect((err as ContaboAuthError).message).toMatch(/^Contabo rejected the API credentials/);
  });

  it('a transient token endpoint failure is retried (even for a create: nothing was sent yet)', async () => {
    h = await startHarness();
    h.sim.control.injectFault({ kind: 'token_failure', status: 503, count: 1 });
    const created = await h.client.instances.create({ period: 1, displayName: 'token-hiccup' });
    expect(created.instanceId).toBeGreaterThan(0);
    expect(h.sim.control.counters().tokenRequests).toBe(2);
    expect(h.sim.control.counters().byOperation.createInstance).toBe(1);
  });

  it('an injected token failure (401) is a ContaboAuthError', async () => {
    h = await startHarness();
    h.sim.control.injectFault({ kind: 'token_failure', count: 1 });
    await expect(h.client.images.list()).rejects.toBeInstanceOf(ContaboAuthError);
    await expect(h.client.images.list()).resolves.toBeTruthy(); // next attempt works again
  });

  it('never logs tokens, secrets or passwords', async () => {
    h = await startHarness();
    await h.client.actions.resetPasswordWithCredentials(100001, { password: 'Sup3rSecret!!' });
    await h
      .makeClient({ password: 'Wr0ng-Pass!' })
      .instances.list()
      .catch(() => undefined);
    const dump = JSON.stringify(h.logs) + JSON.stringify(h.metrics);
    expect(h.logs.length).toBeGreaterThan(3);
    for (const secret of [
      'Sup3rSecret!!',
      'Wr0ng-Pass!',
      h.sim.credentials.password,
      h.sim.credentials.clientSecret,
    ]) {
      expect(dump).not.toContain(secret);
    }
    expect(dump).not.toMatch(/Bearer|eyJ/);
    const info = h.logs.find((l) => l.msg === 'contabo call')!.obj;
    expect(Object.keys(info)).toEqual(
      expect.arrayContaining(['method', 'path', 'status', 'durationMs', 'requestId', 'traceId', 'attempt']),
    );
  });
});
