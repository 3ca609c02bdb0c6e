import { RULES } from '../../http/rate-limit.ts';
import type { RequestMeta } from '../../audit/audit.service.ts';
import { viaLibrary } from './auth.bridge.ts';
import { ACCEPTED, type AuthServiceDeps } from './auth.deps.ts';
import { PASSWORD_RESET_JOB } from './auth.jobs.ts';
import { assertStrongPassword } from './passwords.ts';

/** Password recovery: the enumeration-safe request (a job sends the link) and the reset itself. */
export function createPasswordReset(deps: AuthServiceDeps) {
  const { auth, repo, limiter, audit, jobs } = deps;

  return {
    /** Always 202 with the same body, whether or not the account exists; the e-mail is prepared by a job. */
    async forgotPassword(email: string, meta: RequestMeta): Promise<{ message: string }> {
      await limiter.consume(RULES.forgotPassword, `${meta.ip}|${email.toLowerCase()}`);
      await limiter.consume(RULES.forgotPasswordIp, meta.ip);
      await jobs.enqueue(PASSWORD_RESET_JOB, { email });
      return { message: ACCEPTED };
    },

    async resetPassword(
      input: { token: string; password: string },
      meta: RequestMeta,
    ): Promise<{ message: string }> {
      const ownerId = await repo.resetTokenOwner(input.token);
      const owner = ownerId ? await repo.findUserById(ownerId) : undefined;
      assertStrongPassword(input.password, { email: owner?.email });
      await viaLibrary(() =>
        auth.api.resetPassword({ body: { token: input.token, newPassword: input.password } }),
      );
      if (ownerId) await repo.deleteResetTokens(ownerId);
      await audit.recordFor(meta, {
        actorId: owner?.id ?? null,
        actorRole: owner?.role ?? null,
        action: 'auth.password_reset',
        entityType: 'user',
        entityId: owner?.id ?? null,
      });
      if (owner) await deps.notifyPasswordChanged?.(owner);
      return { message: 'Your password was changed. Log in with the new one.' };
    },
  };
}
