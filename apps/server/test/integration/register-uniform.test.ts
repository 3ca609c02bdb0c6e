import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema/index.ts';
import { useTestApp } from '../app.ts';
import { TEST_ENGINE } from '../db.ts';
import { lastEmailTo, ORIGIN, register, uniqueEmail } from '../auth-helpers.ts';

const t = useTestApp({ seed: false, freezeTime: true });

const userByEmail = async (email: string) =>
  (await t.database.db.select().from(users).where(eq(users.email, email.toLowerCase())))[0]!;

describe(`registration never reveals whether an address has an account (${TEST_ENGINE})`, () => {
  it('answers a taken e-mail (any case) exactly like a new one, and tells the owner instead (#15-10)', async () => {
    const first = await register(t.app, { language: 'en' });
    const owner = await userByEmail(first.email);
    const fresh = await register(t.app);
    const again = await register(t.app, { email: first.email.toUpperCase(), firstName: 'Mallory' });
    expect(again.res.statusCode).toBe(fresh.res.statusCode);
    expect(again.res.body).toBe(fresh.res.body);
    expect(again.res.statusCode).toBe(202);
    // Nothing changed on the account, and no second one exists.
    expect(await userByEmail(first.email)).toEqual(owner);
    const mail = await lastEmailTo(t, first.email);
    expect(mail).toMatchObject({ template: 'register-attempt', language: 'en', userId: owner.id });
    expect(mail!.subject).toMatch(/^Someone tried to sign up with your e-mail/);
    expect(mail!.text).toContain(`${ORIGIN}/forgot-password`);
    expect(mail!.text).not.toContain('Mallory');
    // The verification flow for new addresses is unchanged: the newcomer got the verification link.
    expect((await lastEmailTo(t, fresh.email))?.template).toBe('verify-email');
  });

  it('two registrations racing for one new address: both 202, one account', async () => {
    const email = uniqueEmail('race');
    const [a, b] = await Promise.all([register(t.app, { email }), register(t.app, { email })]);
    expect([a.res.statusCode, b.res.statusCode]).toEqual([202, 202]);
    const rows = await t.database.db.select().from(users).where(eq(users.email, email.toLowerCase()));
    expect(rows).toHaveLength(1);
  });
});
