import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { admin, bearer, jwt, twoFactor } from 'better-auth/plugins';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import {
  accounts,
  jwks,
  rateLimits,
  sessions,
  twoFactors,
  users,
  verifications,
} from '../../db/schema/index.ts';
import type { Logger } from '../../lib/logger.ts';
import { withHashedSessionTokens } from './auth.hashed-sessions.ts';
import { createPasswordHasher } from './password-hashing.ts';
import { createPasswordHashesRepo } from './password-hashes.repo.ts';
import { hashVerificationIdentifier, type SessionTokenCodec } from './auth.token-hash.ts';

/** Where the library's own HTTP handler would live. It is never mounted: we call it only through `auth.api.*`. */
export const AUTH_LIBRARY_BASE_PATH = '/api/_auth';
/** Request header through which we hand the library the client IP Fastify resolved (honours TRUST_PROXY). */
export const CLIENT_IP_HEADER = 'x-cv-client-ip';
export const COOKIE_PREFIX = 'cv';

/**
 * The session cookie as the library names it (`__Secure-` behind HTTPS) and its session lifetime (seconds): the
 * authenticator needs the same values to resolve a cookie without the library (`auth.cookie-sessions.ts`).
 */
export function sessionCookieSettings(config: Config) {
  const secure = config.appUrl.startsWith('https://');
  return {
    secure,
    cookieName: `${secure ? '__Secure-' : ''}${COOKIE_PREFIX}.session_token`,
    expiresIn: config.JWT_REFRESH_EXPIRES_IN,
    updateAge: Math.min(86_400, config.JWT_REFRESH_EXPIRES_IN),
  };
}

export interface AuthMailHooks {
  /** The library made an e-mail verification token (sign-up, resend, e-mail change) for `email`. */
  verificationEmail(user: { id: string; email: string }, token: string): Promise<void>;
  /** The library made a password reset token. */
  passwordResetEmail(user: { id: string; email: string }, token: string): Promise<void>;
}

export interface AuthLibraryDeps {
  db: Db;
  config: Config;
  secret: string;
  logger: Logger;
  mail: AuthMailHooks;
  /** How session tokens are stored (hashed) and referenced server-side. */
  sessionTokens: SessionTokenCodec;
}

/**
 * better-auth, configured once: its Drizzle adapter over our tables, e-mail + password with verification and reset,
 * and the admin (roles, bans), two-factor (TOTP + recovery codes), jwt (short access tokens signed with keys kept in
 * `jwks`) and bearer plugins. Its HTTP handler is not mounted; the seed's endpoints call `auth.api.*` server-side,
 * so the contract stays ours while passwords, sessions, tokens and TOTP stay the library's.
 */
export function createAuthLibrary({ db, config, secret, logger, mail, sessionTokens }: AuthLibraryDeps) {
  const log = logger.child({ module: 'better-auth' });
  const { secure, expiresIn, updateAge } = sessionCookieSettings(config);
  const passwordHashes = createPasswordHashesRepo(db);
  const password = createPasswordHasher({
    replace: passwordHashes.replace,
    onUpgradeError: (error) =>
      log.warn({ err: error }, 'password hash upgrade failed; the old hash stays valid'),
  });
  return betterAuth({
    appName: 'Cloud Vértice',
    baseURL: config.appUrl,
    basePath: AUTH_LIBRARY_BASE_PATH,
    secret,
    trustedOrigins: [config.appUrl, ...config.corsOrigins],
    // Tokens at rest are hashes (#15-8): session tokens through the adapter, one-time tokens through the library.
    database: withHashedSessionTokens(
      drizzleAdapter(db, {
        provider: 'pg',
        schema: {
          user: users,
          session: sessions,
          account: accounts,
          verification: verifications,
          twoFactor: twoFactors,
          jwks,
          rateLimit: rateLimits,
        },
      }),
      sessionTokens,
    ),
    verification: { storeIdentifier: { hash: async (identifier) => hashVerificationIdentifier(identifier) } },
    telemetry: { enabled: false },
    // Our own limiter (shared counters in PostgreSQL or Redis) guards the API routes that call the library.
    rateLimit: { enabled: false },
    logger: {
      level: 'warn',
      // Only the message: the library's extra arguments can carry request data we do not want in logs.
      log: (level, message) => log[level === 'debug' ? 'debug' : level](message),
    },
    advanced: {
      database: { generateId: 'uuid' },
      cookiePrefix: COOKIE_PREFIX,
      useSecureCookies: secure,
      defaultCookieAttributes: { sameSite: 'lax', httpOnly: true, secure },
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    session: { expiresIn, updateAge },
    user: {
      additionalFields: {
        firstName: { type: 'string', required: true, input: true },
        lastName: { type: 'string', required: true, input: true },
        phone: { type: 'string', required: false, input: true },
        language: { type: 'string', required: false, input: true, defaultValue: 'es' },
      },
      // Never at once, verified or not: an unverified account must not squat an address it cannot read (#15-9).
      changeEmail: { enabled: true, updateEmailWithoutVerification: false },
    },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 10,
      maxPasswordLength: 128,
      autoSignIn: false,
      resetPasswordTokenExpiresIn: 3600,
      // scrypt at OWASP's baseline, with outdated hashes replaced on the next successful login (#15-16).
      password,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user, token }) => mail.passwordResetEmail(user, token),
    },
    emailVerification: {
      sendOnSignUp: true,
      expiresIn: 86_400,
      autoSignInAfterVerification: false,
      sendVerificationEmail: async ({ user, token }) => mail.verificationEmail(user, token),
    },
    plugins: [
      admin({ defaultRole: 'customer', adminRoles: ['admin'] }),
      twoFactor({ issuer: 'Cloud Vértice' }),
      jwt({
        jwt: { issuer: config.appUrl, audience: config.appUrl, expirationTime: config.JWT_EXPIRES_IN },
        disableSettingJwtHeader: true,
      }),
      bearer(),
    ],
  });
}

export type AuthLibrary = ReturnType<typeof createAuthLibrary>;

/** The password hashing the library is given (scrypt via node:crypto), exported for `npm run bench:auth`. */
export { hashPassword, verifyPassword } from './password-hashing.ts';
