import { describe, expect, it } from 'vitest';
import { createCookieSessionIndex, presentedSessionCookie } from './auth.cookie-sessions.ts';
import { sha256Hex } from './auth.token-hash.ts';

const NAME = 'cv.session_token';
const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const SIGNATURE = `${'s'.repeat(42)}A=`; // 44 characters of base64, as better-call signs
const value = (token = TOKEN, signature = SIGNATURE) => encodeURIComponent(`${token}.${signature}`);

describe('presentedSessionCookie', () => {
  it('reads the one session cookie among others', () => {
    expect(presentedSessionCookie(`theme=dark; ${NAME}=${value()}; lang=es`, NAME)).toEqual({
      token: TOKEN,
      signature: SIGNATURE,
      tokenHash: sha256Hex(TOKEN),
    });
  });

  it('leaves every ambiguous or malformed header to the library', () => {
    const cases = [
      `${NAME}=${value()}; ${NAME}=${value()}`, // twice
      `${NAME}=${value()}; __Secure-${NAME}=${value()}`, // both spellings
      `__Secure-${NAME}=${value()}`, // the other spelling only
      `${NAME}=${value()}; cv.session_data=abc`, // a session-data cookie the library would clear
      `${NAME}=${value()}; cv.dont_remember=x`, // "do not remember me": the library decides on refreshes
      `${NAME}=${value(TOKEN, 'short=')}`, // not a signature's shape
      `${NAME}=${value('with.dot')}`,
      `${NAME}=%E0%A4%A`, // broken percent-encoding
      `${NAME}=`,
      'theme=dark',
    ];
    for (const header of cases) expect(presentedSessionCookie(header, NAME), header).toBeNull();
  });
});

describe('cookie session index', () => {
  const cookie = presentedSessionCookie(`${NAME}=${value()}`, NAME)!;

  it('knows a cookie only with the very signature the library accepted', () => {
    const index = createCookieSessionIndex();
    expect(index.sessionOf(cookie)).toBeNull();
    index.accepted(cookie, 'session-1');
    expect(index.sessionOf(cookie)).toBe('session-1');
    const otherSignature = presentedSessionCookie(`${NAME}=${value(TOKEN, `${'t'.repeat(42)}A=`)}`, NAME)!;
    expect(index.sessionOf(otherSignature)).toBeNull();
    index.forget(cookie);
    expect(index.sessionOf(cookie)).toBeNull();
  });

  it('is bounded: the cookie remembered longest goes first', () => {
    const index = createCookieSessionIndex(2);
    const cookies = ['a', 'b', 'c'].map((s) =>
      presentedSessionCookie(`${NAME}=${value(s.repeat(32))}`, NAME)!,
    );
    cookies.forEach((c, i) => index.accepted(c, `session-${i}`));
    expect(index.size).toBe(2);
    expect(cookies.map((c) => index.sessionOf(c))).toEqual([null, 'session-1', 'session-2']);
  });
});
