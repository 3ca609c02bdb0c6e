import { generatePassword } from '../../lib/crypto.ts';
import type { AuthLibrary } from './auth.library.ts';
import type { AuthRepo } from './auth.repo.ts';
import { assertStrongPassword } from './passwords.ts';

export const DEMO_ADMIN_EMAIL = 'admin@cloudvertice.local';

/**
 * Creates an administrator (verified e-mail, password hashed by better-auth), or promotes an existing account.
 * With `password`, an existing account's password is replaced too.
 */
export async function upsertAdmin(
  { auth, repo }: { auth: AuthLibrary; repo: AuthRepo },
  { email, password }: { email: string; password?: string },
): Promise<{ userId: string; outcome: 'created' | 'promoted' }> {
  const ctx = await auth.$context;
  if (password) assertStrongPassword(password, { email });
  const existing = await repo.findUserByEmail(email);
  if (existing) {
    await repo.updateUser(existing.id, { role: 'admin', emailVerified: true });
    if (password) {
      const hash = await ctx.password.hash(password);
      if (await repo.hasPassword(existing.id)) await ctx.internalAdapter.updatePassword(existing.id, hash);
      else
        await ctx.internalAdapter.linkAccount({
          userId: existing.id,
          providerId: 'credential',
          accountId: existing.id,
          password: hash,
        });
    }
    return { userId: existing.id, outcome: 'promoted' };
  }
  if (!password) throw new Error('A password is required to create an administrator');
  const user = await ctx.internalAdapter.createUser(
    {
      email: email.toLowerCase(),
      name: 'Administrador',
      firstName: 'Administrador',
      lastName: '',
      emailVerified: true,
      role: 'admin',
      language: 'es',
    },
    { method: 'email-password' },
  );
  await ctx.internalAdapter.linkAccount({
    userId: user.id,
    providerId: 'credential',
    accountId: user.id,
    password: await ctx.password.hash(password),
  });
  return { userId: user.id, outcome: 'created' };
}

export type BootstrapOutcome =
  | { kind: 'configured'; email: string; outcome: 'created' | 'promoted' | 'exists' }
  | { kind: 'generated'; email: string; password: string }
  | { kind: 'none-warned' }
  | { kind: 'exists' };

/**
 * The first administrator, on start: from ADMIN_EMAIL (+ ADMIN_PASSWORD, or a generated password printed once) when
 * set (created once, never overwritten);
 * otherwise, on the embedded database with no admin yet, a generated one whose password is printed once; with
 * PostgreSQL and no admin, nothing is created and the caller warns to run `npm run admin:create`.
 */
export async function bootstrapAdmin(
  deps: { auth: AuthLibrary; repo: AuthRepo },
  options: { adminEmail?: string; adminPassword?: string; embedded: boolean },
): Promise<BootstrapOutcome> {
  if (options.adminEmail) {
    const existing = await deps.repo.findUserByEmail(options.adminEmail);
    if (existing?.role === 'admin') return { kind: 'configured', email: existing.email, outcome: 'exists' };
    if (!existing && !options.adminPassword) {
      // ADMIN_EMAIL alone (the seed's Anexo A): generate the password as for the default admin, printed once.
      const password = generatePassword(20);
      await upsertAdmin(deps, { email: options.adminEmail, password });
      return { kind: 'generated', email: options.adminEmail.toLowerCase(), password };
    }
    const result = await upsertAdmin(deps, {
      email: options.adminEmail,
      password: existing ? undefined : options.adminPassword,
    });
    return { kind: 'configured', email: options.adminEmail, outcome: result.outcome };
  }
  if (await deps.repo.anyAdmin()) return { kind: 'exists' };
  if (!options.embedded) return { kind: 'none-warned' };
  const password = generatePassword(20);
  await upsertAdmin(deps, { email: DEMO_ADMIN_EMAIL, password });
  return { kind: 'generated', email: DEMO_ADMIN_EMAIL, password };
}
