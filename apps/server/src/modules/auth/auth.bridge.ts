import { isAPIError } from 'better-auth/api';
import { AppError, type ErrorCode } from '../../lib/errors.ts';
import type { RequestMeta } from '../../audit/audit.service.ts';
import { CLIENT_IP_HEADER } from './auth.library.ts';

/**
 * The seam between our HTTP contract and better-auth's server API: request headers the library expects, cookies it
 * answers with, and its errors translated into our taxonomy.
 */
export function libraryHeaders(
  meta: RequestMeta,
  auth: { sessionToken?: string; cookie?: string } = {},
): Headers {
  const headers = new Headers({ [CLIENT_IP_HEADER]: meta.ip });
  if (meta.userAgent) headers.set('user-agent', meta.userAgent);
  // The bearer plugin turns a raw session token into the signed session cookie the library reads.
  if (auth.sessionToken) headers.set('authorization', `Bearer ${auth.sessionToken}`);
  if (auth.cookie) headers.set('cookie', auth.cookie);
  return headers;
}

/** `Set-Cookie` values → a `Cookie` request header (to carry e.g. the two-factor challenge into the next call). */
export function cookieHeaderFrom(setCookies: string[]): string {
  return setCookies
    .map((c) => c.split(';')[0]!.trim())
    .filter((pair) => pair.includes('=') && !pair.endsWith('='))
    .join('; ');
}

/** Cookies the web app should receive: the session cookie (set or cleared); never the library's internal ones. */
export function sessionCookiesOf(setCookies: string[]): string[] {
  return setCookies.filter((c) => /^(__Secure-)?cv\.session_token=/.test(c));
}

/** The session token inside a `Set-Cookie` for the session cookie (its value is `<token>.<signature>`). */
export function sessionTokenFromCookies(setCookies: string[]): string | null {
  const cookie = sessionCookiesOf(setCookies).find((c) => !/max-age=0/i.test(c));
  const value = cookie?.split(';')[0]!.split('=').slice(1).join('=');
  return value ? decodeURIComponent(value).split('.')[0]! || null : null;
}

const LIBRARY_CODES: Record<string, [ErrorCode, string]> = {
  INVALID_EMAIL_OR_PASSWORD: ['invalid_credentials', 'Invalid e-mail or password.'],
  BANNED_USER: ['account_disabled', 'This account is disabled. Contact support.'],
  INVALID_TOKEN: ['invalid_token', 'The link is invalid or was already used.'],
  TOKEN_EXPIRED: ['invalid_token', 'The link has expired. Ask for a new one.'],
  USER_NOT_FOUND: ['invalid_token', 'The link is invalid or was already used.'],
  INVALID_PASSWORD: ['invalid_password', 'The password is not correct.'],
  PASSWORD_TOO_SHORT: ['weak_password', 'The password is too short.'],
  PASSWORD_TOO_LONG: ['weak_password', 'The password is too long.'],
  INVALID_CODE: ['invalid_two_factor_code', 'The verification code is not correct.'],
  INVALID_BACKUP_CODE: ['invalid_two_factor_code', 'The recovery code is not correct or was already used.'],
  INVALID_TWO_FACTOR_COOKIE: ['two_factor_required', 'The two-factor challenge expired. Log in again.'],
  TOTP_NOT_ENABLED: ['bad_request', 'Two-factor authentication is not set up.'],
  TOTP_ALREADY_ENABLED: ['conflict', 'Two-factor authentication is already enabled.'],
  TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE: ['rate_limited', 'Too many attempts. Log in again.'],
  ACCOUNT_TEMPORARILY_LOCKED: ['rate_limited', 'Too many failed codes. Try again later.'],
  SESSION_EXPIRED: ['unauthorized', 'Your session has ended. Log in again.'],
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: ['email_taken', 'An account with this e-mail already exists.'],
  USER_ALREADY_EXISTS: ['email_taken', 'An account with this e-mail already exists.'],
  EMAIL_NOT_VERIFIED: ['email_not_verified', 'Confirm your e-mail address first.'],
};

/** Translates a better-auth error (or rethrows anything else unchanged). */
export function fromLibraryError(error: unknown): never {
  if (isAPIError(error)) {
    const code = (error.body as { code?: string } | undefined)?.code ?? '';
    const known = LIBRARY_CODES[code];
    if (known) throw new AppError(known[0], known[1]);
    if (error.statusCode === 401) throw new AppError('unauthorized', 'Authentication required');
    if (error.statusCode === 403) throw new AppError('forbidden', 'You are not allowed to do this');
    if (error.statusCode === 429) throw new AppError('rate_limited', 'Too many attempts. Try again later.');
    if (error.statusCode >= 400 && error.statusCode < 500) {
      throw new AppError(
        'bad_request',
        (error.body as { message?: string } | undefined)?.message ?? 'Bad request',
      );
    }
  }
  throw error;
}

/** `call()` with better-auth errors translated. */
export async function viaLibrary<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    return fromLibraryError(error);
  }
}

export function libraryErrorCode(error: unknown): string | undefined {
  return isAPIError(error) ? (error.body as { code?: string } | undefined)?.code : undefined;
}
