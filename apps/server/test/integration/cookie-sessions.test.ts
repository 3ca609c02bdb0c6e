// Issue #21: the web app's requests (session cookie) skip better-auth once it has accepted the cookie, and take the
// session from the session cache like a bearer request. These tests prove the shortcut is taken, that nothing the
// library would refuse gets through it, and that the library still refreshes a session (and its cookie) when due.
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessions, users } from '../../src/db/schema/index.ts';
import { sessionCookieSettings } from '../../src/modules/auth/auth.library.ts';
import { useTestApp } from '../app.ts';
import { customer, customerToBan, ORIGIN } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';

const t = useTestApp({ seed: false, postgresEvents: true });

const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
const librarySessionReads = () => vi.spyOn(t.container.authLibrary.api, 'getSession');

/** The cookie with its value's token or signature replaced (same shape, so only the check can refuse it). */
function tampered(cookie: string, part: 'token' | 'signature'): string {
  const [name, value] = cookie.split(/=(.*)/s) as [string, string];
  const [token, signature] = decodeURIComponent(value).split('.') as [string, string];
  const forged =
    part === 'token'
      ? `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}.${signature}`
      : `${token}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
  return `${name}=${encodeURIComponent(forged)}`;
}

afterEach(() => vi.restoreAllMocks());

describe(`session cookies resolved without the library once accepted (${TEST_ENGINE})`, () => {
  it('asks the library once, then answers the same cookie from the session cache', async () => {
    const c = await customer(t);
    const reads = librarySessionReads();
    for (let i = 0; i < 4; i++) {
      const res = await me(c.cookie);
      expect(res.statusCode).toBe(200);
      expect(res.json().user.id).toBe(c.userId);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect(reads).toHaveBeenCalledTimes(1);
    // Other cookies beside it change nothing; a second session cookie makes it ambiguous: the library decides.
    expect((await me(`theme=dark; ${c.cookie}; lang=es`)).statusCode).toBe(200);
    expect(reads).toHaveBeenCalledTimes(1);
    await me(`${c.cookie}; ${c.cookie}`);
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it('refuses a logout, a ban and a deleted session on the very next request', async () => {
    const c = await customer(t);
    expect((await me(c.cookie)).statusCode).toBe(200);
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: c.cookie, origin: ORIGIN },
    });
    expect(out.statusCode).toBe(204);
    expect((await me(c.cookie)).statusCode).toBe(401);

    const banned = await customerToBan(t);
    expect((await me(banned.cookie)).statusCode).toBe(200);
    await banned.ban();
    expect((await me(banned.cookie)).statusCode).toBe(401);

    const gone = await customer(t);
    expect((await me(gone.cookie)).statusCode).toBe(200);
    await t.database.db.delete(sessions).where(eq(sessions.userId, gone.userId));
    expect((await me(gone.cookie)).statusCode).toBe(401);
  });

  it('never lets a forged signature or another token through, even for a cookie it knows', async () => {
    const c = await customer(t);
    expect((await me(c.cookie)).statusCode).toBe(200);
    const reads = librarySessionReads();
    expect((await me(tampered(c.cookie, 'signature'))).statusCode).toBe(401);
    expect((await me(tampered(c.cookie, 'token'))).statusCode).toBe(401);
    expect(reads).toHaveBeenCalledTimes(2); // both were the library's to refuse
    expect((await me(c.cookie)).statusCode).toBe(200); // and the real cookie still works
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it('leaves the daily refresh of the session and its cookie to the library, then answers fast again', async () => {
    const c = await customer(t);
    expect((await me(c.cookie)).statusCode).toBe(200);
    const { expiresIn, updateAge } = sessionCookieSettings(t.container.config);
    // A session last extended more than `updateAge` ago: the library extends it and sends the cookie again.
    const due = new Date(Date.now() + (expiresIn - updateAge - 60) * 1000);
    await t.database.db.update(sessions).set({ expiresAt: due }).where(eq(sessions.userId, c.userId));
    const reads = librarySessionReads();
    const refreshed = await me(c.cookie);
    expect(refreshed.statusCode).toBe(200);
    expect(String(refreshed.headers['set-cookie'])).toMatch(/cv\.session_token=.*Max-Age=\d+/);
    expect(reads).toHaveBeenCalledTimes(1);
    const [row] = await t.database.db.select().from(sessions).where(eq(sessions.userId, c.userId));
    expect(row!.expiresAt.getTime()).toBeGreaterThan(due.getTime() + 60_000);
    expect((await me(c.cookie)).statusCode).toBe(200);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('shows a role change at once', async () => {
    const c = await customer(t);
    expect((await me(c.cookie)).json().user.role).toBe('customer');
    await t.database.db.update(users).set({ role: 'support' }).where(eq(users.id, c.userId));
    expect((await me(c.cookie)).json().user.role).toBe('support');
  });
});
