import { hashPassword as libraryHash } from 'better-auth/crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../../src/db/schema/index.ts';
import { SCRYPT_PARAMS, useTestPasswordCost } from '../../src/modules/auth/password-hashing.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { TEST_ENGINE } from '../db.ts';
import { customer, login } from '../auth-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  // This file checks the production cost end to end (the test setup lowers it for every other file).
  useTestPasswordCost(SCRYPT_PARAMS);
  t = await createTestApp({ seed: false });
});
afterAll(async () => {
  await t.close();
});

const storedHash = async (userId: string) => {
  const [row] = await t.database.db
    .select({ password: accounts.password })
    .from(accounts)
    .where(eq(accounts.userId, userId));
  return row!.password!;
};

describe(`password hashes at OWASP's baseline (${TEST_ENGINE})`, () => {
  it('stores new passwords with the new parameters', async () => {
    const c = await customer(t);
    expect(await storedHash(c.userId)).toMatch(/^\$scrypt\$ln=14,r=8,p=5\$/);
  });

  it('upgrades a hash the library made before on the next successful login, not on a failed one', async () => {
    const c = await customer(t);
    const legacy = await libraryHash(c.password);
    await t.database.db.update(accounts).set({ password: legacy }).where(eq(accounts.userId, c.userId));

    expect((await login(t.app, c.email, 'not the password 123')).statusCode).toBe(401);
    expect(await storedHash(c.userId)).toBe(legacy);

    expect((await login(t.app, c.email, c.password)).statusCode).toBe(200);
    const upgraded = await storedHash(c.userId);
    expect(upgraded).toMatch(/^\$scrypt\$ln=14,r=8,p=5\$/);

    // The upgraded hash is the one that works from now on.
    expect((await login(t.app, c.email, c.password)).statusCode).toBe(200);
    expect(await storedHash(c.userId)).toBe(upgraded);
  });
});
