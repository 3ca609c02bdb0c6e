import { decodeJwt } from 'jose';
import { RULES } from '../../http/rate-limit.ts';
import { AppError } from '../../lib/errors.ts';
import type { RequestMeta } from '../../audit/audit.service.ts';
import { fromLibraryError, libraryHeaders, viaLibrary } from './auth.bridge.ts';
import { ACCEPTED, type AuthServiceDeps } from './auth.deps.ts';
import { REGISTER_ATTEMPT_JOB, RESEND_VERIFICATION_JOB } from './auth.jobs.ts';
import { hashPassword } from './auth.library.ts';
import type { TRegisterBody } from './auth.schemas.ts';
import { assertStrongPassword } from './passwords.ts';

/** The answer to every registration, new address or not (#15-10): whether an account exists is never revealed. */
export const REGISTRATION_ACCEPTED =
  'Check your e-mail: we have sent a message to this address with the next step.';

/** Registration and e-mail verification (the first link, a resent one, or the link of an address change). */
export function createRegistration(deps: AuthServiceDeps) {
  const { auth, repo, limiter, audit, jobs, clock } = deps;

  return {
    /**
     * Always 202 with the same body: a new address gets its account and the verification e-mail; an address that
     * already has an account gets a notice instead (someone tried to register with it), and nothing changes.
     */
    async register(input: TRegisterBody, meta: RequestMeta): Promise<{ message: string }> {
      await limiter.consume(RULES.register, meta.ip);
      assertStrongPassword(input.password, { email: input.email });
      const legalAccepted = await deps.acceptLegal(input.legalAccepted);
      const taken = async () => {
        // The password is hashed either way, so the answer takes as long as a real sign-up.
        await hashPassword(input.password);
        await jobs.enqueue(REGISTER_ATTEMPT_JOB, { email: input.email });
        return { message: REGISTRATION_ACCEPTED };
      };
      if (await repo.findUserByEmail(input.email)) return taken();
      let user: { id: string };
      try {
        ({ user } = await auth.api.signUpEmail({
          body: {
            email: input.email,
            password: input.password,
            name: `${input.firstName} ${input.lastName}`,
            firstName: input.firstName,
            lastName: input.lastName,
            phone: input.phone || undefined,
            language: input.language ?? 'es',
          },
          headers: libraryHeaders(meta),
        }));
      } catch (error) {
        // Two registrations racing for one new address: the loser is an "already taken" like any other.
        if (await repo.findUserByEmail(input.email)) return taken();
        return fromLibraryError(error);
      }
      await repo.updateUser(user.id, { legalAccepted, legalAcceptedAt: clock.now() });
      await audit.recordFor(meta, {
        actorId: user.id,
        actorRole: 'customer',
        action: 'auth.registered',
        entityType: 'user',
        entityId: user.id,
        metadata: { legalAccepted },
      });
      return { message: REGISTRATION_ACCEPTED };
    },

    async verifyEmail(token: string, meta: RequestMeta): Promise<{ verified: true; email: string }> {
      let claims: { email?: unknown; updateTo?: unknown };
      try {
        claims = decodeJwt(token);
      } catch {
        throw new AppError('invalid_token', 'The link is invalid or was already used.');
      }
      const email = typeof claims.email === 'string' ? claims.email : '';
      const updateTo = typeof claims.updateTo === 'string' ? claims.updateTo : undefined;
      const owner = await repo.findUserByEmail(email);
      // The library's tokens are stateless; a plain verification link is spent once its address is verified.
      if (!owner || (!updateTo && owner.emailVerified)) {
        throw new AppError('invalid_token', 'The link is invalid or was already used.');
      }
      await viaLibrary(() => auth.api.verifyEmail({ query: { token } }));
      // A reset link sent to the old address must not take the account back after the address changed.
      if (updateTo) await repo.deleteResetTokens(owner.id);
      await audit.recordFor(meta, {
        actorId: owner.id,
        actorRole: owner.role,
        action: updateTo ? 'account.email_changed' : 'auth.email_verified',
        entityType: 'user',
        entityId: owner.id,
        metadata: updateTo ? { from: owner.email, to: updateTo } : {},
      });
      return { verified: true, email: updateTo ?? email };
    },

    /** Always 202: whether the account exists (or is verified) is never revealed; the job does the work. */
    async resendVerification(email: string, meta: RequestMeta): Promise<{ message: string }> {
      await limiter.consume(RULES.resendVerification, `${meta.ip}|${email.toLowerCase()}`);
      await jobs.enqueue(RESEND_VERIFICATION_JOB, { email });
      return { message: ACCEPTED };
    },
  };
}
