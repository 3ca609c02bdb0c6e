import { randomBytes } from 'node:crypto';
import { RULES } from '../../http/rate-limit.ts';
import { AppError, unauthorized } from '../../lib/errors.ts';
import type { RequestMeta } from '../../audit/audit.service.ts';
import type { AuthUser } from './auth.authenticator.ts';
import {
  cookieHeaderFrom,
  libraryErrorCode,
  libraryHeaders,
  sessionCookiesOf,
  viaLibrary,
} from './auth.bridge.ts';
import type { AuthServiceDeps, WithCookies } from './auth.deps.ts';
import { presentUser } from './auth.presenter.ts';
import type { UserRow } from './auth.repo.ts';
import type { TLoginBody, TLoginResult, TUser } from './auth.schemas.ts';
import { roleOf } from './permissions.ts';

/**
 * A used TOTP code is refused for this long: the 30-second step plus the ±1 step of clock drift the library accepts.
 */
export const TOTP_REPLAY_WINDOW_MS = 90_000;

/** Sessions: login (with TOTP or a recovery code), single-use refresh tokens, logout (one or all), the current user. */
export function createSessions(deps: AuthServiceDeps) {
  const { auth, repo, tokens, authenticator, limiter, audit, clock } = deps;
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

    async me(userId: string): Promise<TUser> {
      return presentUser(await userOrFail(userId));
    },
  };
}
