/** Test factories: Users and what authentication stores for them: sessions, accounts, verifications, two-factor, keys. */
import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../src/db/client.ts';
import * as t from '../../src/db/schema/index.ts';
import { next, type Insert } from './shared.ts';

export async function createUser(db: DbOrTx, o: Insert<typeof t.users> = {}) {
  const n = next();
  const [row] = await db
    .insert(t.users)
    .values({
      name: `Cliente ${n}`,
      firstName: 'Cliente',
      lastName: String(n),
      email: `customer${n}-${randomUUID().slice(0, 8)}@example.test`,
      emailVerified: true,
      ...o,
    })
    .returning();
  return row!;
}

export const createAdmin = (db: DbOrTx, o: Insert<typeof t.users> = {}) =>
  createUser(db, { role: 'admin', ...o });

export async function createSession(db: DbOrTx, o: Insert<typeof t.sessions> = {}) {
  const userId = o.userId ?? (await createUser(db)).id;
  const [row] = await db
    .insert(t.sessions)
    .values({ token: randomUUID(), expiresAt: new Date(Date.now() + 86_400_000), ...o, userId })
    .returning();
  return row!;
}

export async function createAccount(db: DbOrTx, o: Insert<typeof t.accounts> = {}) {
  const userId = o.userId ?? (await createUser(db)).id;
  const [row] = await db
    .insert(t.accounts)
    .values({ accountId: userId, providerId: 'credential', ...o, userId })
    .returning();
  return row!;
}

export async function createVerification(db: DbOrTx, o: Insert<typeof t.verifications> = {}) {
  const [row] = await db
    .insert(t.verifications)
    .values({
      identifier: `test-${next()}`,
      value: randomUUID(),
      expiresAt: new Date(Date.now() + 3_600_000),
      ...o,
    })
    .returning();
  return row!;
}

export async function createTwoFactor(db: DbOrTx, o: Insert<typeof t.twoFactors> = {}) {
  const userId = o.userId ?? (await createUser(db)).id;
  const [row] = await db
    .insert(t.twoFactors)
    .values({ secret: 'encrypted-secret', backupCodes: 'encrypted-codes', ...o, userId })
    .returning();
  return row!;
}

export async function createUsedTotpCode(db: DbOrTx, o: Insert<typeof t.usedTotpCodes> = {}) {
  const userId = o.userId ?? (await createUser(db)).id;
  const [row] = await db
    .insert(t.usedTotpCodes)
    .values({ code: '123456', usedAt: new Date(), ...o, userId })
    .returning();
  return row!;
}

export async function createRetiredSessionToken(db: DbOrTx, o: Insert<typeof t.retiredSessionTokens> = {}) {
  const sessionId = o.sessionId ?? (await createSession(db)).id;
  const [row] = await db
    .insert(t.retiredSessionTokens)
    .values({ tokenHash: randomBytes(32).toString('hex'), retiredAt: new Date(), ...o, sessionId })
    .returning();
  return row!;
}

export async function createJwk(db: DbOrTx, o: Insert<typeof t.jwks> = {}) {
  const [row] = await db
    .insert(t.jwks)
    .values({ publicKey: 'public', privateKey: 'private', ...o })
    .returning();
  return row!;
}

export async function createRateLimit(db: DbOrTx, o: Insert<typeof t.rateLimits> = {}) {
  const [row] = await db
    .insert(t.rateLimits)
    .values({ key: `key-${next()}`, count: 1, lastRequest: Date.now(), ...o })
    .returning();
  return row!;
}

export async function createSshKey(db: DbOrTx, o: Insert<typeof t.sshKeys> = {}) {
  const userId = o.userId ?? (await createUser(db)).id;
  const n = next();
  const [row] = await db
    .insert(t.sshKeys)
    .values({
      name: `laptop ${n}`,
      publicKey: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${String(n).padStart(8, '0')} test@example`,
      keyType: 'ssh-ed25519',
      fingerprint: `SHA256:test${n}`,
      ...o,
      userId,
    })
    .returning();
  return row!;
}

/** The per-month count of customers the triggers keep: a customer's sign-up month. */
export async function createCustomerSignupMonth(db: DbOrTx, o: Insert<typeof t.users> = {}) {
  const user = await createUser(db, { createdAt: new Date('2026-01-15T12:00:00Z'), ...o });
  const month = `${user.createdAt.toISOString().slice(0, 7)}-01`;
  const [row] = await db.select().from(t.customerSignupMonths).where(eq(t.customerSignupMonths.month, month));
  return row!;
}
