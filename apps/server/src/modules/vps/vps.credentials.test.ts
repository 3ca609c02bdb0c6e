import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { codeOf, createVpsTestbed } from '../../../test/fakes/vps.ts';
import { createVpsService } from './vps.service.ts';

const alice = { id: 'alice', role: 'customer' };
const STRONG = 'Str0ng!Pass#word';
/**
 * Alice's account password as auth stores it, made with the lowest scrypt cost the verifier accepts (the format
 * carries its parameters): the step-up runs the real verification, in milliseconds instead of a second per try.
 */
const aliceHash = (() => {
  const salt = randomBytes(16);
  const key = scryptSync('alice-account-password', salt, 64, { N: 2 ** 10, r: 8, p: 1 });
  return `$scrypt$ln=10,r=8,p=1$${salt.toString('base64')}$${key.toString('base64')}`;
})();

function setup() {
  const bed = createVpsTestbed();
  bed.fake.passwordHashes.set('alice', aliceHash);
  return { ...bed, vps: createVpsService(bed.deps) };
}

describe('credentials behind a password step-up (unit)', () => {
  it('shows the stored root password only after the account password, and audits both outcomes', async () => {
    const { vps, fake, deps, audits } = setup();
    const server = fake.add({ rootPasswordEncrypted: deps.cipher.encrypt('root-secret') });
    expect(await codeOf(vps.credentials(alice, server.id, 'wrong'))).toBe('invalid_password');
    expect(await vps.credentials(alice, server.id, 'alice-account-password')).toEqual({
      defaultUser: 'root',
      rootPassword: 'root-secret',
    });
    expect(audits.map((a) => a.action)).toEqual(['vps.credentials.denied', 'vps.credentials.viewed']);
  });

  it('limits password re-entry like a login: the 6th try within a minute is refused even when right', async () => {
    const { vps, fake, clock, audits } = setup();
    const server = fake.add();
    // Without a stored hash every try is wrong at no hashing cost; the limit counts tries, not their outcome.
    fake.passwordHashes.delete('alice');
    for (let i = 0; i < 5; i++) {
      expect(await codeOf(vps.credentials(alice, server.id, 'alice-account-password'))).toBe(
        'invalid_password',
      );
    }
    fake.passwordHashes.set('alice', aliceHash);
    expect(await codeOf(vps.credentials(alice, server.id, 'alice-account-password'))).toBe('rate_limited');
    clock.advance(59_000);
    expect(await codeOf(vps.credentials(alice, server.id, 'alice-account-password'))).toBe('rate_limited');
    clock.advance(2_000);
    expect(await codeOf(vps.credentials(alice, server.id, 'alice-account-password'))).toBeUndefined();
    expect(audits.filter((a) => a.action === 'vps.credentials.viewed')).toHaveLength(1);
  });
});

describe('rescue and password reset (unit)', () => {
  it('rescue starts only from running or stopped, waits for the rescue status, and takes only saved keys', async () => {
    const { vps, fake, contabo } = setup();
    const allowed = ['running', 'stopped'];
    for (const status of ['running', 'stopped', 'rescue', 'installing', 'error']) {
      const server = fake.add({ status });
      const code = await codeOf(vps.rescue(alice, server.id, { sshKeyIds: [] }));
      expect({ status, code }).toEqual({ status, code: allowed.includes(status) ? undefined : 'conflict' });
    }
    expect(fake.actions.map((a) => [a.actionType, a.status, a.expectedStatus])).toEqual([
      ['rescue', 'accepted', 'rescue'],
      ['rescue', 'accepted', 'rescue'],
    ]);

    const server = fake.add({ status: 'running' });
    fake.sshKeys.push({ id: 'k1', userId: 'alice', publicKey: 'ssh-ed25519 AAAA alice' });
    fake.sshKeys.push({ id: 'k2', userId: 'bob', publicKey: 'ssh-ed25519 AAAA bob' });
    expect(await codeOf(vps.rescue(alice, server.id, { sshKeyIds: ['k1', 'k2'] }))).toBe('validation_error');
    expect(await codeOf(vps.rescue(alice, server.id, { rootPassword: 'weak', sshKeyIds: [] }))).toBe(
      'validation_error',
    );
    const sent = contabo.calls.length;
    expect(
      await codeOf(vps.rescue(alice, server.id, { rootPassword: STRONG, sshKeyIds: ['k1'] })),
    ).toBeUndefined();
    expect(contabo.calls.slice(sent)).toEqual([`actions.rescue ${server.contaboInstanceId}`]);
  });

  it('resets the root password of a Linux server only, stores it encrypted, and returns a generated one once', async () => {
    const { vps, fake, deps } = setup();
    const windows = fake.add({ osType: 'Windows' });
    expect(await codeOf(vps.resetPassword(alice, windows.id, { generate: true }))).toBe('bad_request');
    const busy = fake.add({ status: 'installing' });
    expect(await codeOf(vps.resetPassword(alice, busy.id, { generate: true }))).toBe('conflict');
    const linux = fake.add({ status: 'stopped' });
    expect(await codeOf(vps.resetPassword(alice, linux.id, { rootPassword: 'password1' }))).toBe(
      'validation_error',
    );
    expect(fake.actions).toEqual([]);

    const { action, generatedPassword } = await vps.resetPassword(alice, linux.id, { generate: true });
    expect(action).toMatchObject({
      actionType: 'reset-password',
      status: 'accepted',
      expectedStatus: 'running',
    });
    expect(generatedPassword).toEqual(expect.any(String));
    const stored = fake.servers.get(linux.id)!.rootPasswordEncrypted!;
    expect(stored).not.toContain(generatedPassword!);
    expect(deps.cipher.decrypt(stored)).toBe(generatedPassword);

    await fake.repo.updateAction(action.id, { status: 'completed' });
    const chosen = await vps.resetPassword(alice, linux.id, { rootPassword: STRONG });
    expect(chosen.generatedPassword).toBeNull();
    expect(deps.cipher.decrypt(fake.servers.get(linux.id)!.rootPasswordEncrypted!)).toBe(STRONG);
  });
});
