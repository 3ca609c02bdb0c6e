import { hashPassword as libraryHash } from 'better-auth/crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createPasswordHasher,
  currentScryptParams,
  hashPassword,
  needsRehash,
  SCRYPT_PARAMS,
  useTestPasswordCost,
  verifyPassword,
} from './password-hashing.ts';

const PASSWORD = 'correct horse battery';

describe('password hashing (#15-16)', () => {
  // The test setup lowers the cost for every other test; these check the production parameters themselves.
  const testCost = currentScryptParams();
  beforeAll(() => useTestPasswordCost(SCRYPT_PARAMS));
  afterAll(() => useTestPasswordCost(testCost));

  it('hashes with scrypt at OWASP baseline parameters, salted, in a self-describing format', async () => {
    const first = await hashPassword(PASSWORD);
    const second = await hashPassword(PASSWORD);
    expect(first).toMatch(/^\$scrypt\$ln=14,r=8,p=5\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(first).not.toBe(second);
    expect(needsRehash(first)).toBe(false);
  });

  it('verifies the right password only', async () => {
    const hash = await hashPassword(PASSWORD);
    expect(await verifyPassword({ hash, password: PASSWORD })).toBe(true);
    expect(await verifyPassword({ hash, password: `${PASSWORD}!` })).toBe(false);
  });

  it('still verifies hashes better-auth made before, and marks them for an upgrade', async () => {
    const legacy = await libraryHash(PASSWORD);
    expect(await verifyPassword({ hash: legacy, password: PASSWORD })).toBe(true);
    expect(await verifyPassword({ hash: legacy, password: 'something else' })).toBe(false);
    expect(needsRehash(legacy)).toBe(true);
    expect(needsRehash('$scrypt$ln=13,r=8,p=5$AAAA$BBBB')).toBe(true);
  });

  it('refuses malformed or tampered hashes instead of throwing or burning memory', async () => {
    for (const hash of [
      '',
      'garbage',
      '$scrypt$ln=30,r=8,p=5$AAAA$BBBB',
      '$scrypt$ln=14,r=99,p=5$AAAA$BBBB',
    ]) {
      expect(await verifyPassword({ hash, password: PASSWORD })).toBe(false);
    }
  });

  it('replaces an outdated hash after a successful verification, never after a failed one', async () => {
    const replace = vi.fn(async () => {});
    const hasher = createPasswordHasher({ replace, onUpgradeError: () => {} });
    const legacy = await libraryHash(PASSWORD);

    expect(await hasher.verify({ hash: legacy, password: 'wrong password' })).toBe(false);
    expect(replace).not.toHaveBeenCalled();

    expect(await hasher.verify({ hash: legacy, password: PASSWORD })).toBe(true);
    expect(replace).toHaveBeenCalledTimes(1);
    const [oldHash, newHash] = replace.mock.calls[0] as unknown as [string, string];
    expect(oldHash).toBe(legacy);
    expect(needsRehash(newHash)).toBe(false);
    expect(await verifyPassword({ hash: newHash, password: PASSWORD })).toBe(true);

    const current = await hashPassword(PASSWORD);
    expect(await hasher.verify({ hash: current, password: PASSWORD })).toBe(true);
    expect(replace).toHaveBeenCalledTimes(1);
  });

  it('keeps the login valid when the upgrade cannot be stored', async () => {
    const onUpgradeError = vi.fn();
    const hasher = createPasswordHasher({
      replace: async () => {
        throw new Error('database down');
      },
      onUpgradeError,
    });
    expect(await hasher.verify({ hash: await libraryHash(PASSWORD), password: PASSWORD })).toBe(true);
    expect(onUpgradeError).toHaveBeenCalledTimes(1);
  });

  it('never lets a production process lower the cost', () => {
    vi.stubEnv('NODE_ENV', 'production');
    try {
      expect(() => useTestPasswordCost({ ln: 10, r: 8, p: 1 })).toThrow(/production/);
      expect(currentScryptParams()).toEqual(SCRYPT_PARAMS);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('treats hashes of the production cost as outdated while a test cost is in force, and the reverse', async () => {
    const production = await hashPassword(PASSWORD);
    useTestPasswordCost({ ln: 10, r: 8, p: 1 });
    try {
      const cheap = await hashPassword(PASSWORD);
      expect(cheap).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$/);
      expect(needsRehash(production)).toBe(true);
      expect(await verifyPassword({ hash: cheap, password: PASSWORD })).toBe(true);
    } finally {
      useTestPasswordCost(SCRYPT_PARAMS);
    }
    expect(needsRehash(production)).toBe(false);
  });
});
