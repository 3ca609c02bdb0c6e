// Snapshot quota and rollback semantics; one-off secret helpers always clean up.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ContaboError } from '../src/index.ts';
import { startHarness } from './helpers/harness.ts';
import type { Harness } from './helpers/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ snapshotQuota: { byProduct: { V94: 1 } } });
});
afterAll(async () => h.sim.close());
beforeEach(() => h.sim.control.reset());

const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyForTestsOnly cloud@vertice';

describe('snapshot quota', () => {
  it('402 beyond the product allowance → quota_exceeded with Contabo message', async () => {
    await h.client.snapshots.create(100001, { name: 'one' });
    await h.client.snapshots.create(100001, { name: 'two' });
    const err = await h.client.snapshots.create(100001, { name: 'three' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContaboError);
    expect(err).toMatchObject({
      code: 'quota_exceeded',
      status: 402,
      retryable: false,
      messages: ['Total snapshots exceed the total max limit of 2 snapshots'],
    });
    expect(h.sim.control.counters().byOperation.createSnapshot).toBe(3); // 402 is not retried
  });

  it('quota depends on the product (V8: 3, configured V94: 1)', async () => {
    for (const name of ['a', 'b', 'c']) await h.client.snapshots.create(100006, { name });
    await expect(h.client.snapshots.create(100006, { name: 'd' })).rejects.toMatchObject({
      code: 'quota_exceeded',
    });
    await h.client.snapshots.create(100003, { name: 'only' });
    await expect(h.client.snapshots.create(100003, { name: 'more' })).rejects.toMatchObject({
      messages: ['Total snapshots exceed the total max limit of 1 snapshots'],
    });
  });

  it('deleting a snapshot frees the slot', async () => {
    const a = await h.client.snapshots.create(100001, { name: 'a' });
    await h.client.snapshots.create(100001, { name: 'b' });
    await h.client.snapshots.delete(100001, a.snapshotId);
    await expect(h.client.snapshots.create(100001, { name: 'c' })).resolves.toMatchObject({ name: 'c' });
  });
});

describe('snapshot rollback', () => {
  it('rolling back to an older snapshot deletes the newer ones and restores the instance', async () => {
    const a = await h.client.snapshots.create(100006, { name: 'a' });
    h.sim.control.advance(1000);
    await h.client.snapshots.create(100006, { name: 'b' });
    h.sim.control.advance(1000);
    await h.client.snapshots.create(100006, { name: 'c' });
    await h.client.snapshots.rollback(100006, a.snapshotId);
    expect((await h.client.snapshots.list(100006)).items.map((s) => s.name)).toEqual(['a']);
    expect((await h.client.instances.get(100006)).status).toBe('installing');
    h.sim.control.advance(3000);
    expect((await h.client.instances.get(100006)).status).toBe('running');
  });

  it('rolling back to the latest keeps all snapshots', async () => {
    await h.client.snapshots.create(100006, { name: 'a' });
    h.sim.control.advance(1000);
    const b = await h.client.snapshots.create(100006, { name: 'b' });
    await h.client.snapshots.rollback(100006, b.snapshotId);
    expect((await h.client.snapshots.list(100006)).items).toHaveLength(2);
  });
});

describe('one-off secrets', () => {
  const counters = () => h.sim.control.counters().byOperation;

  it('resetPasswordWithCredentials creates the secrets, passes their ids and deletes them', async () => {
    const res = await h.client.actions.resetPasswordWithCredentials(
      100001,
      { password: 'N3w-Passw0rd!!', sshPublicKeys: [SSH_KEY] },
      { traceId: 'reset-1' },
    );
    expect(res).toMatchObject({ instanceId: 100001, action: 'resetPassword' });
    expect(counters()).toMatchObject({ createSecret: 2, resetPasswordAction: 1, deleteSecret: 2 });
    expect((await h.client.secrets.list()).items).toHaveLength(0);
    expect((await h.client.instances.get(100001)).status).toBe('reset_password');
  });

  it('deletes the secret even when the action fails (Windows → 400)', async () => {
    const err = await h.client.actions
      .resetPasswordWithCredentials(100005, { password: 'N3w-Passw0rd!!' })
      .catch((e) => e);
    expect(err).toMatchObject({ code: 'bad_request', status: 400 });
    expect(counters()).toMatchObject({ createSecret: 1, deleteSecret: 1 });
    expect((await h.client.secrets.list()).items).toHaveLength(0);
  });

  it('deletes the secret when the action fails with a 5xx (and reports it as ambiguous)', async () => {
    h.sim.control.injectFault({ kind: 'server_error', count: 1, pathPattern: '/actions/rescue$' });
    const err = await h.client.actions
      .rescueWithCredentials(100003, { password: 'Resc-ue123!', userData: '#cloud-config' })
      .catch((e) => e);
    expect(err).toMatchObject({ code: 'server_error', ambiguous: true });
    expect((await h.client.secrets.list()).items).toHaveLength(0);
  });

  it('deletes the already created secret when a later one is rejected', async () => {
    const err = await h.client.actions
      .rescueWithCredentials(100003, { password: 'Resc-ue123!', sshPublicKeys: ['not a key at all'] })
      .catch((e) => e);
    expect(err).toMatchObject({ code: 'bad_request' });
    expect(counters()).toMatchObject({ createSecret: 2, deleteSecret: 1 });
    expect(counters().rescue).toBeUndefined();
    expect((await h.client.secrets.list()).items).toHaveLength(0);
  });

  it('rescueWithCredentials puts the instance in rescue', async () => {
    await h.client.actions.rescueWithCredentials(100001, { sshPublicKeys: [SSH_KEY] });
    h.sim.control.advance(3000);
    expect((await h.client.instances.get(100001)).status).toBe('rescue');
    expect((await h.client.secrets.list()).items).toHaveLength(0);
  });

  it('withOneOffSecrets hands the ids to any callback and cleans up after it throws', async () => {
    let seen: number | undefined;
    await expect(
      h.client.withOneOffSecrets({ password: 'Re1nstall!!x' }, async (ids) => {
        seen = ids.rootPassword;
        expect((await h.client.secrets.get(ids.rootPassword!)).type).toBe('password');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(seen).toBeGreaterThan(0);
    expect((await h.client.secrets.list()).items).toHaveLength(0);
  });

  it('a weak password is rejected locally: nothing is sent', async () => {
    await expect(
      h.client.actions.resetPasswordWithCredentials(100001, { password: 'weak' }),
    ).rejects.toMatchObject({
      code: 'invalid_request',
    });
    expect(h.sim.control.counters().apiRequests).toBe(0);
  });
});
