import { timingSafeEqual } from 'node:crypto';
import { sha256Hex } from './auth.token-hash.ts';

/**
 * Which session a web-app cookie stands for, once better-auth has accepted it: the web app's requests then skip the
 * library (its signed-cookie check and its own session read) and take the session from the session cache, like a
 * bearer request. Only what the library accepted is remembered: the token's hash (the form the database keeps, never
 * the token) with the session it opened and the cookie's signature; a cookie whose token or signature differs, or
 * whose session has changed or gone, goes to the library again.
 */
export interface PresentedSessionCookie {
  token: string;
  signature: string;
  /** SHA-256 of the token: the `sessions.token` column's form. */
  tokenHash: string;
}

const SIGNED_VALUE = /^([^.]+)\.([A-Za-z0-9+/]{43}=)$/;

/**
 * The session cookie of a `Cookie` header when it is unambiguous: exactly one cookie named `name`, no other
 * spelling of it (with or without the `__Secure-` prefix) and no session-data cookie (which the library would clear).
 * Anything else is left to the library, which decides as it always has.
 */
export function presentedSessionCookie(header: string, name: string): PresentedSessionCookie | null {
  let value: string | null = null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim();
    if (!/session_token$|session_data|dont_remember/.test(key)) continue;
    if (key !== name || value !== null) return null;
    value = part.slice(eq + 1).trim();
  }
  if (value === null) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return null;
  }
  const match = SIGNED_VALUE.exec(decoded);
  if (!match) return null;
  return { token: match[1]!, signature: match[2]!, tokenHash: sha256Hex(match[1]!) };
}

export function createCookieSessionIndex(maxEntries = 20_000) {
  const accepted = new Map<string, { sessionId: string; signature: string }>();
  return {
    /** The session the library opened for this cookie, if it accepted this very cookie before. */
    sessionOf(cookie: PresentedSessionCookie): string | null {
      const entry = accepted.get(cookie.tokenHash);
      if (!entry) return null;
      const given = Buffer.from(cookie.signature);
      const known = Buffer.from(entry.signature);
      return given.length === known.length && timingSafeEqual(given, known) ? entry.sessionId : null;
    },
    /** Remembers a cookie the library has just accepted for `sessionId`. */
    accepted(cookie: PresentedSessionCookie, sessionId: string): void {
      accepted.delete(cookie.tokenHash);
      // Bounded: the cookie remembered longest goes first (it is only a shortcut; the library still knows it).
      if (accepted.size >= maxEntries) accepted.delete(accepted.keys().next().value!);
      accepted.set(cookie.tokenHash, { sessionId, signature: cookie.signature });
    },
    forget(cookie: PresentedSessionCookie): void {
      accepted.delete(cookie.tokenHash);
    },
    get size() {
      return accepted.size;
    },
  };
}

export type CookieSessionIndex = ReturnType<typeof createCookieSessionIndex>;
