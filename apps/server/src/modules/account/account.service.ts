import { RULES, type RateLimiter } from '../../http/rate-limit.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, notFound, unauthorized } from '../../lib/errors.ts';
import type { AuditService, RequestMeta } from '../../audit/audit.service.ts';
import type { AuthUser } from '../auth/auth.authenticator.ts';
import { libraryHeaders, sessionCookiesOf, viaLibrary } from '../auth/auth.bridge.ts';
import type { AuthLibrary } from '../auth/auth.library.ts';
import { presentUser } from '../auth/auth.presenter.ts';
import type { AuthRepo, SessionRow } from '../auth/auth.repo.ts';
import type { TUser } from '../auth/auth.schemas.ts';
import type { WithCookies } from '../auth/auth.service.ts';
import type { AccessTokens } from '../auth/auth.tokens.ts';
import { assertStrongPassword } from '../auth/passwords.ts';
import type { TProfileBody, TSession, TSessionTokens } from './account.schemas.ts';

export interface AccountServiceDeps {
  auth: AuthLibrary;
  repo: AuthRepo;
  tokens: AccessTokens;
  audit: AuditService;
  clock: Clock;
  /** Sends the "your password changed" notice. */
  notifyPasswordChanged?: (user: { id: string; email: string }) => Promise<void>;
  /** Limits password re-entry like a login (RULES.passwordReentry). */
  limiter?: RateLimiter;
}

/** The caller as services see it: the user plus the session token used to act through better-auth. */
export interface Caller {
  user: AuthUser;
  sessionToken: string;
  meta: RequestMeta;
}

/** Audits what the caller did on their own account: to their user, unless `entity` names another thing of theirs. */
export function createSelfAudit(audit: AuditService) {
  return (
    caller: Caller,
    action: string,
    metadata: Record<string, unknown> = {},
    entity = { type: 'user', id: caller.user.id },
  ) =>
    audit.recordFor(caller.meta, {
      actorId: caller.user.id,
      actorRole: caller.user.role,
      action,
      entityType: entity.type,
      entityId: entity.id,
      metadata,
    });
}

/**
 * Fresh tokens for a session better-auth just created (it rotates the session on password and 2FA changes), with the
 * matching session cookie.
 */
export function createSessionIssuer({ repo, tokens }: { repo: AuthRepo; tokens: AccessTokens }) {
  return async (token: string | null, setCookies: string[]): Promise<WithCookies<TSessionTokens>> => {
    const session = token ? await repo.findSessionByToken(token) : undefined;
    if (!session || !token) throw unauthorized();
    const user = await repo.findUserById(session.userId);
    const access = await tokens.issue({
      sub: session.userId,
      sid: session.id,
      role: user?.role ?? 'customer',
    });
    return { body: { ...access, refreshToken: token }, cookies: sessionCookiesOf(setCookies) };
  };
}

/** Profile, password and e-mail changes, and the user's sessions. */
export function createAccountService(deps: AccountServiceDeps) {
  const { auth, repo, tokens, audit, clock } = deps;
  const issue = createSessionIssuer({ repo, tokens });
  const record = createSelfAudit(audit);

  return {
    async updateProfile(caller: Caller, body: TProfileBody): Promise<TUser> {
      const current = await repo.findUserById(caller.user.id);
      if (!current) throw unauthorized();
      const firstName = body.firstName ?? current.firstName;
      const lastName = body.lastName ?? current.lastName;
      const values = {
        ...(body.firstName !== undefined || body.lastName !== undefined
          ? { firstName, lastName, name: `${firstName} ${lastName}` }
          : {}),
        ...(body.phone !== undefined ? { phone: body.phone || null } : {}),
        ...(body.language !== undefined ? { language: body.language } : {}),
        ...Object.fromEntries(
          Object.entries(body.billing ?? {})
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => [k, v || null]),
        ),
      };
      const updated = await repo.updateUser(caller.user.id, values);
      await record(caller, 'account.profile_updated', { fields: Object.keys(values) });
      return presentUser(updated ?? current);
    },

    /** Needs the current password; ends every other session and returns tokens for the new one. */
    async changePassword(
      caller: Caller,
      body: { currentPassword: string; newPassword: string },
    ): Promise<WithCookies<TSessionTokens>> {
      await deps.limiter?.consume(RULES.passwordReentry, caller.user.id);
      assertStrongPassword(body.newPassword, { email: caller.user.email });
      const result = await viaLibrary(() =>
        auth.api.changePassword({
          body: {
            currentPassword: body.currentPassword,
            newPassword: body.newPassword,
            revokeOtherSessions: true,
          },
          headers: libraryHeaders(caller.meta, { sessionToken: caller.sessionToken }),
          returnHeaders: true,
        }),
      );
      await repo.deleteResetTokens(caller.user.id);
      await record(caller, 'account.password_changed');
      await deps.notifyPasswordChanged?.(caller.user);
      return issue(result.response.token, result.headers.getSetCookie());
    },

    /** The new address must be confirmed through the link e-mailed to it before it replaces the current one. */
    async changeEmail(caller: Caller, newEmail: string): Promise<{ message: string }> {
      if (newEmail.toLowerCase() === caller.user.email.toLowerCase()) {
        throw new AppError('bad_request', 'This is already your e-mail address.');
      }
      await viaLibrary(() =>
        auth.api.changeEmail({
          body: { newEmail },
          headers: libraryHeaders(caller.meta, { sessionToken: caller.sessionToken }),
        }),
      );
      await record(caller, 'account.email_change_requested', { to: newEmail.toLowerCase() });
      return {
        message: 'We sent a confirmation link to the new address. The change applies once you open it.',
      };
    },

    async listSessions(user: AuthUser): Promise<{ items: TSession[]; total: number }> {
      const rows = await repo.listLiveSessions(user.id, clock.now());
      return { items: rows.map((row) => presentSession(row, user.sessionId)), total: rows.length };
    },

    async revokeSession(caller: Caller, sessionId: string): Promise<void> {
      if (!(await repo.deleteSession(caller.user.id, sessionId))) throw notFound('Session');
      await record(caller, 'auth.session_revoked', { sessionId });
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;

function presentSession(row: SessionRow, currentId: string): TSession {
  return {
    id: row.id,
    current: row.id === currentId,
    device: describeDevice(row.userAgent),
    userAgent: row.userAgent,
    ipAddress: row.ipAddress,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.updatedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}

/** "Firefox on Windows"-style summary of a user agent; enough to recognise one's own devices. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const browser =
    [
      [/Edg\//, 'Edge'],
      [/OPR\/|Opera/, 'Opera'],
      [/Firefox\//, 'Firefox'],
      [/Chrome\//, 'Chrome'],
      [/Safari\//, 'Safari'],
      [/curl\//, 'curl'],
    ].find(([re]) => (re as RegExp).test(userAgent))?.[1] ?? 'Unknown browser';
  const os =
    [
      [/Android/, 'Android'],
      [/iPhone|iPad|iOS/, 'iOS'],
      [/Windows/, 'Windows'],
      [/Mac OS X|Macintosh/, 'macOS'],
      [/Linux/, 'Linux'],
    ].find(([re]) => (re as RegExp).test(userAgent))?.[1] ?? null;
  return os ? `${browser} on ${os}` : String(browser);
}
