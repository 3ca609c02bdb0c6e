import type { Clock } from '../../lib/clock.ts';
import type { RequestMeta } from '../../audit/audit.service.ts';
import { AppError } from '../../lib/errors.ts';
import { SESSION_COOKIE } from '../../http/security.ts';
import {
  createCookieSessionIndex,
  presentedSessionCookie,
  type PresentedSessionCookie,
} from './auth.cookie-sessions.ts';
import type { AuthLibrary } from './auth.library.ts';
import { libraryHeaders, sessionCookiesOf } from './auth.bridge.ts';
import type { AuthRepo } from './auth.repo.ts';
import type { SessionCache } from './auth.session-cache.ts';
import type { AccessTokens } from './auth.tokens.ts';
import type { SessionTokenCodec } from './auth.token-hash.ts';

import { roleOf, type Role } from './permissions.ts';

export type { Role };

/** Who is calling: what every guarded route gets as `request.user`. */
export interface AuthUser {
  id: string;
  role: Role;
  email: string;
  emailVerified: boolean;
  twoFactorEnabled: boolean;
  sessionId: string;
  /** A staff member's read-only "view as this customer" session: every non-GET request is refused. */
  readOnly: boolean;
}

export interface Authenticated {
  user: AuthUser;
  /** The session (refresh) token: kept server-side to call the library on the user's behalf, never presented. */
  readonly sessionToken: string;
  /** Session cookie refreshes from the library, forwarded to the browser. */
  setCookies: string[];
}

interface UserFields {
  id: string;
  role?: string | null;
  email: string;
  emailVerified: boolean;
  twoFactorEnabled?: boolean | null;
  banned?: boolean | null;
  banExpires?: Date | string | null;
}

/**
 * Resolves the caller from `Authorization: Bearer <access token>` or the session cookie. A bearer token must verify
 * (signature, issuer, expiry on the injectable clock) and its session must still exist, so logout revokes access at
 * once on every instance (the session is read through the session cache, which every change to it empties). A
 * session cookie is checked by better-auth the first time; after that the same cookie is resolved like a bearer
 * token, through the session cache (`auth.cookie-sessions.ts`), until the library has to refresh the session's
 * expiry (once per `updateAge`) or the session changes. Banned users are refused on every request.
 */
export function createAuthenticator({
  auth,
  repo,
  tokens,
  clock,
  sessionTokens,
  sessions,
  cookieSessions,
}: {
  auth: AuthLibrary;
  repo: AuthRepo;
  /** Bearer requests' session lookups (kept in memory while this process hears every change). */
  sessions: Pick<SessionCache, 'find' | 'touched'>;
  tokens: AccessTokens;
  clock: Clock;
  sessionTokens: SessionTokenCodec;
  /** The session cookie's name and the library's session lifetime settings (seconds), to know when it refreshes. */
  cookieSessions: { cookieName: string; expiresIn: number; updateAge: number };
}) {
  const cookieIndex = createCookieSessionIndex();
  function toUser(user: UserFields, sessionId: string, impersonatedBy?: string | null): AuthUser {
    const now = clock.now();
    const banExpires = user.banExpires ? new Date(user.banExpires) : null;
    if (user.banned && (!banExpires || banExpires > now)) {
      throw new AppError('account_disabled', 'This account is disabled. Contact support.');
    }
    return {
      id: user.id,
      role: roleOf(user.role),
      email: user.email,
      emailVerified: user.emailVerified,
      twoFactorEnabled: Boolean(user.twoFactorEnabled),
      sessionId,
      readOnly: Boolean(impersonatedBy),
    };
  }

  async function fromLibrary(headers: Headers): Promise<Authenticated | null> {
    const now = clock.now();
    const result = await auth.api.getSession({ headers, returnHeaders: true });
    const data = result.response;
    if (!data || new Date(data.session.expiresAt) <= now) return null;
    const session = data.session as { id: string; impersonatedBy?: string | null; updatedAt: Date | string };
    const user = toUser(data.user as UserFields, session.id, session.impersonatedBy);
    // As for a bearer request: no statement at all while "last used" is less than a minute old.
    if (now.getTime() - new Date(session.updatedAt).getTime() >= 60_000)
      await repo.touchSession(session.id, now);
    return {
      user,
      sessionToken: data.session.token,
      setCookies: sessionCookiesOf(result.headers.getSetCookie()),
    };
  }

  /** "Last used" moves at most once a minute: no write when the session was touched recently. */
  async function touch(session: { id: string; updatedAt: Date }, now: Date): Promise<void> {
    if (now.getTime() - session.updatedAt.getTime() < 60_000) return;
    await repo.touchSession(session.id, now);
    sessions.touched(session.id, now);
  }

  /**
   * A cookie the library accepted before, for a session that is still the same: no library call. Null when the
   * library must decide (unknown cookie, session changed or gone, or its expiry due for the library's refresh, which
   * also renews the cookie).
   */
  async function fromAcceptedCookie(
    cookie: PresentedSessionCookie,
    now: Date,
  ): Promise<Authenticated | null> {
    const sessionId = cookieIndex.sessionOf(cookie);
    if (!sessionId) return null;
    const row = await sessions.find(sessionId, now);
    if (!row || row.session.token !== cookie.tokenHash) {
      cookieIndex.forget(cookie);
      return null;
    }
    // The library's own rule (and clock: it reads the system time) for extending a session and its cookie.
    const { expiresIn, updateAge } = cookieSessions;
    if (row.session.expiresAt.getTime() - expiresIn * 1000 + updateAge * 1000 <= Date.now()) return null;
    const user = toUser(row.user, row.session.id, row.session.impersonatedBy);
    await touch(row.session, now);
    return { user, sessionToken: cookie.token, setCookies: [] };
  }

  async function byCookie(header: string): Promise<Authenticated | null> {
    const cookie = presentedSessionCookie(header, cookieSessions.cookieName);
    if (cookie) {
      const known = await fromAcceptedCookie(cookie, clock.now());
      if (known) return known;
    }
    const result = await fromLibrary(new Headers({ cookie: header }));
    if (cookie && result && result.sessionToken === cookie.token)
      cookieIndex.accepted(cookie, result.user.sessionId);
    return result;
  }

  return {
    /** The session behind a refresh token (better-auth's session token, through its bearer plugin). */
    async bySessionToken(token: string, meta: RequestMeta): Promise<Authenticated | null> {
      return fromLibrary(libraryHeaders(meta, { sessionToken: token }));
    },

    async authenticate(headers: { authorization?: string; cookie?: string }): Promise<Authenticated | null> {
      const now = clock.now();
      if (headers.authorization) {
        const [scheme, token] = headers.authorization.split(/\s+/, 2);
        if (scheme?.toLowerCase() !== 'bearer' || !token) {
          throw new AppError('unauthorized', 'Use "Authorization: Bearer <accessToken>".');
        }
        const verified = await tokens.verify(token);
        if (!verified.ok) {
          throw verified.reason === 'expired'
            ? new AppError('token_expired', 'The access token has expired: refresh it.')
            : new AppError('unauthorized', 'The access token is not valid.');
        }
        const row = await sessions.find(verified.claims.sid, now);
        if (!row || row.user.id !== verified.claims.sub) {
          throw new AppError('unauthorized', 'Your session has ended. Log in again.');
        }
        const user = toUser(row.user, row.session.id, row.session.impersonatedBy);
        await touch(row.session, now);
        // Only the hash is stored: the library is handed a server-minted reference to this session instead (an
        // HMAC, made only for the few routes that act through the library: most requests never read it).
        const storedHash = row.session.token;
        return {
          user,
          get sessionToken() {
            return sessionTokens.reference(storedHash);
          },
          setCookies: [],
        };
      }
      if (headers.cookie && SESSION_COOKIE.test(headers.cookie)) return byCookie(headers.cookie);
      return null;
    },
  };
}

export type Authenticator = ReturnType<typeof createAuthenticator>;
