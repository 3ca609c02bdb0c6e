import { randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { roleOf } from './permissions.ts';
import { z } from 'zod';
import { RULES, type RateLimiter } from '../../http/rate-limit.ts';
import { defineJob, type JobQueue } from '../../jobs/queue.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, unauthorized } from '../../lib/errors.ts';
import type { AuditService, RequestMeta } from '../../audit/audit.service.ts';
import type { Authenticator, AuthUser } from './auth.authenticator.ts';
import {
  cookieHeaderFrom,
  fromLibraryError,
  libraryErrorCode,
  libraryHeaders,
  sessionCookiesOf,
  viaLibrary,
} from './auth.bridge.ts';
import { hashPassword, type AuthLibrary } from './auth.library.ts';
import type { MailService } from '../notifications/mail.service.ts';
import { presentUser } from './auth.presenter.ts';
import type { AuthRepo, UserRow } from './auth.repo.ts';
import type { TLoginBody, TLoginResult, TRegisterBody, TUser } from './auth.schemas.ts';
import type { AccessTokens } from './auth.tokens.ts';
import { assertStrongPassword } from './passwords.ts';

export interface WithCookies<T> {
  body: T;
  /** `Set-Cookie` values for the web app's session cookie. */
  cookies: string[];
}

export interface AuthServiceDeps {
  auth: AuthLibrary;
  repo: AuthRepo;
  tokens: AccessTokens;
  authenticator: Authenticator;
  limiter: RateLimiter;
  audit: AuditService;
  jobs: JobQueue;
  clock: Clock;
  secureCookies: boolean;
  /** Sends the "your password changed" notice. */
  notifyPasswordChanged?: (user: { id: string; email: string }) => Promise<void>;
  /** Refuses a registration without the current terms and privacy policy; returns the versions accepted. */
  acceptLegal: (accepted: Record<string, number> | undefined) => Promise<Record<string, number>>;
}

export const PASSWORD_RESET_JOB = 'auth.password-reset';
export const RESEND_VERIFICATION_JOB = 'auth.resend-verification';
export const REGISTER_ATTEMPT_JOB = 'auth.register-attempt';
/** The answer to every registration, new address or not (#15-10): whether an account exists is never revealed. */
export const REGISTRATION_ACCEPTED =
  'Check your e-mail: we have sent a message to this address with the next step.';
const ACCEPTED = 'If an account exists for this e-mail, we have sent it a message.';

/**
 * Registration, e-mail verification, login (with TOTP or a recovery code), refresh, logout and password recovery.
 * better-auth does the security work (hashing, sessions, tokens, TOTP); this service adds our rules: password
 * policy, rate limits, short access tokens, audit rows and enumeration-safe answers.
 */
/**
 * A used TOTP code is refused for this long: the 30-second step plus the ±1 step of clock drift the library accepts.
 */
export const TOTP_REPLAY_WINDOW_MS = 90_000;

export function createAuthService(deps: AuthServiceDeps) {
  const { auth, repo, tokens, authenticator, limiter, audit, jobs, clock } = deps;
  const cookieName = `${deps.secureCookies ? '__Secure-' : ''}cv.session_token`;
  const clearCookie = `${cookieName}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax${deps.secureCookies ? '; Secure' : ''}`;

  async function userOrFail(id: string): Promise<UserRow> {
    const row = await repo.findUserById(id);
    if (!row) throw unauthorized();
    return row;
  }

  async function issueFor(user: { id: string; role: string }, sessionId: string) {
    return tokens.issue({ sub: user.id, sid: sessionId, role: roleOf(user.role) });
  }

  /** Completes a sign-in that better-auth paused for the second factor. */
  async function secondFactor(input: TLoginBody, meta: RequestMeta, challenge: string[]) {
    const headers = libraryHeaders(meta, { cookie: cookieHeaderFrom(challenge) });
    const result = input.recoveryCode
      ? await auth.api.verifyBackupCode({ body: { code: input.recoveryCode }, headers, returnHeaders: true })
      : await auth.api.verifyTOTP({ body: { code: input.totpCode! }, headers, returnHeaders: true });
    return { token: result.response.token as string, cookies: result.headers.getSetCookie() };
  }

  async function claimTotp(userId: string, code: string): Promise<void> {
    if (!(await repo.claimTotpCode(userId, code, clock.now(), TOTP_REPLAY_WINDOW_MS))) {
      throw new AppError('invalid_two_factor_code', 'This code was already used. Wait for the next one.');
    }
  }

  /** A spent refresh token came back: revoke the session it belonged to, and say so in the audit log. */
  async function revokeOnReuse(token: string, meta: RequestMeta): Promise<void> {
    const retired = await repo.sessionOfRetiredToken(token);
    if (!retired) return;
    await repo.deleteSession(retired.userId, retired.sessionId);
    await audit.recordFor(meta, {
      actorId: retired.userId,
      action: 'auth.refresh_token_reused',
      entityType: 'session',
      entityId: retired.sessionId,
    });
  }

  async function loginFailed(meta: RequestMeta, email: string, reason: string, userId?: string) {
    await audit.recordFor(meta, {
      actorId: userId ?? null,
      action: 'auth.login_failed',
      entityType: 'user',
      entityId: userId ?? null,
      metadata: { email, reason },
    });
  }

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

    async login(input: TLoginBody, meta: RequestMeta): Promise<WithCookies<TLoginResult>> {
      const email = input.email.toLowerCase();
      await limiter.consume(RULES.login, `${meta.ip}|${email}`);
      let token: string;
      let cookies: string[];
      try {
        const first = await auth.api.signInEmail({
          body: { email, password: input.password, rememberMe: true },
          headers: libraryHeaders(meta),
          returnHeaders: true,
        });
        if ('twoFactorRedirect' in first.response && first.response.twoFactorRedirect) {
          if (!input.totpCode && !input.recoveryCode) {
            throw new AppError(
              'two_factor_required',
              'Enter the code of your authenticator app (or a recovery code).',
              {
                methods: ['totp', 'recovery_code'],
              },
            );
          }
          if (input.totpCode && !input.recoveryCode) {
            const owner = await repo.findUserByEmail(email);
            if (owner) await claimTotp(owner.id, input.totpCode);
          }
          ({ token, cookies } = await secondFactor(input, meta, first.headers.getSetCookie()));
        } else {
          token = (first.response as { token: string }).token;
          cookies = first.headers.getSetCookie();
        }
      } catch (error) {
        const reason = error instanceof AppError ? error.code : (libraryErrorCode(error) ?? 'error');
        const known = await repo.findUserByEmail(email);
        await loginFailed(meta, email, reason.toLowerCase(), known?.id);
        return viaLibrary(() => Promise.reject(error));
      }
      const session = await repo.findSessionByToken(token);
      if (!session) throw unauthorized();
      const user = await userOrFail(session.userId);
      const access = await issueFor(user, session.id);
      const updated = (await repo.updateUser(user.id, { lastLoginAt: clock.now() })) ?? user;
      await audit.recordFor(meta, {
        actorId: user.id,
        actorRole: user.role,
        action: 'auth.login',
        entityType: 'session',
        entityId: session.id,
        metadata: { secondFactor: input.recoveryCode ? 'recovery_code' : input.totpCode ? 'totp' : null },
      });
      return {
        body: { ...access, refreshToken: token, user: presentUser(updated) },
        cookies: sessionCookiesOf(cookies),
      };
    },

    /**
     * A new access token while the session (refresh token, or the cookie) is alive; 401 once revoked or expired.
     * A refresh token is single use: the answer carries its successor, and presenting a spent one again (a copy in
     * someone else's hands, or the owner's after theft) ends the whole session.
     */
    async refresh(
      input: { refreshToken?: string; cookie?: string },
      meta: RequestMeta,
    ): Promise<WithCookies<{ accessToken: string; expiresIn: number; refreshToken?: string }>> {
      const ended = () => new AppError('unauthorized', 'Your session has ended. Log in again.');
      if (!input.refreshToken) {
        const found = await authenticator.authenticate({ cookie: input.cookie });
        if (!found) throw ended();
        return { body: await issueFor(found.user, found.user.sessionId), cookies: found.setCookies };
      }
      const found = await authenticator.bySessionToken(input.refreshToken, meta);
      const successor = randomBytes(24).toString('base64url');
      const rotated = found && (await repo.rotateSessionToken(input.refreshToken, successor, clock.now()));
      if (!found || !rotated) {
        await revokeOnReuse(input.refreshToken, meta);
        throw ended();
      }
      const access = await issueFor(found.user, found.user.sessionId);
      return { body: { ...access, refreshToken: successor }, cookies: [] };
    },

    async logout(user: AuthUser, sessionToken: string, meta: RequestMeta): Promise<WithCookies<null>> {
      const result = await viaLibrary(() =>
        auth.api.signOut({ headers: libraryHeaders(meta, { sessionToken }), returnHeaders: true }),
      );
      await audit.recordFor(meta, {
        actorId: user.id,
        actorRole: user.role,
        action: 'auth.logout',
        entityType: 'session',
        entityId: user.sessionId,
      });
      const cookies = sessionCookiesOf(result.headers.getSetCookie());
      return { body: null, cookies: cookies.length ? cookies : [clearCookie] };
    },

    async logoutAll(
      user: AuthUser,
      sessionToken: string,
      meta: RequestMeta,
    ): Promise<WithCookies<{ revoked: number }>> {
      const before = await repo.listLiveSessions(user.id, clock.now());
      await viaLibrary(() => auth.api.revokeSessions({ headers: libraryHeaders(meta, { sessionToken }) }));
      await audit.recordFor(meta, {
        actorId: user.id,
        actorRole: user.role,
        action: 'auth.logout_all',
        entityType: 'user',
        entityId: user.id,
        metadata: { revoked: before.length },
      });
      return { body: { revoked: before.length }, cookies: [clearCookie] };
    },

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

    async me(userId: string): Promise<TUser> {
      return presentUser(await userOrFail(userId));
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

const ZEmailJob = z.object({ email: z.email() });

/** Jobs of the auth module: the work behind the enumeration-safe 202 answers. */
export function authJobs({
  auth,
  repo,
  mail,
  appUrl,
}: {
  auth: AuthLibrary;
  repo: AuthRepo;
  mail: MailService;
  appUrl: string;
}) {
  return [
    defineJob({
      name: REGISTER_ATTEMPT_JOB,
      payload: ZEmailJob,
      retryLimit: 2,
      handler: async ({ email }) => {
        const owner = await repo.findUserByEmail(email);
        if (!owner) return;
        await mail.queue({
          to: owner.email,
          userId: owner.id,
          language: owner.language,
          template: 'register-attempt',
          data: {
            name: owner.firstName,
            loginLink: `${appUrl}/login`,
            resetLink: `${appUrl}/forgot-password`,
          },
        });
      },
    }),
    defineJob({
      name: PASSWORD_RESET_JOB,
      payload: ZEmailJob,
      retryLimit: 2,
      handler: async ({ email }) => {
        await auth.api.requestPasswordReset({ body: { email } });
      },
    }),
    defineJob({
      name: RESEND_VERIFICATION_JOB,
      payload: ZEmailJob,
      retryLimit: 2,
      handler: async ({ email }) => {
        const user = await repo.findUserByEmail(email);
        if (!user || user.emailVerified) return;
        await auth.api.sendVerificationEmail({ body: { email: user.email } });
      },
    }),
  ];
}
