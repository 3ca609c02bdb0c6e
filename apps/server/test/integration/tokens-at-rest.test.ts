import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import { auditLog, sessions } from '../../src/db/schema/index.ts';
import { useTestApp } from '../app.ts';
import { TEST_ENGINE } from '../db.ts';
import { bearer, customer, linkToken, login, logout, ORIGIN } from '../auth-helpers.ts';

const t = useTestApp({ seed: false, freezeTime: true });

const refresh = (refreshToken: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/refresh-token', payload: { refreshToken } });
const me = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers });

/** Every row of every table of the public schema, as text — what a database dump would show. */
async function dumpText(exceptTables: string[]): Promise<string> {
  const tables = await queryRows<{ name: string }>(
    t.database.db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    if (exceptTables.includes(name)) continue;
    const rows = await queryRows<{ row: string }>(
      t.database.db,
      sql`select t::text as row from ${sql.identifier(name)} t`,
    );
    parts.push(...rows.map((r) => `${name}: ${r.row}`));
  }
  return parts.join('\n');
}

describe(`tokens at rest (${TEST_ENGINE})`, () => {
  it('stores no session, refresh or password-reset token in plaintext, and they still work', async () => {
    const c = await customer(t);
    const second = (await login(t.app, c.email)).json();
    const rotated = (await refresh(second.refreshToken)).json();
    await t.app.inject({ method: 'POST', url: '/api/auth/forgot-password', payload: { email: c.email } });
    const resetToken = await linkToken(t, c.email, 'reset-password');
    const cookieToken = decodeURIComponent(c.cookie.split('=')[1]!).split('.')[0]!;

    // The outbox keeps the e-mail that has to carry the link to its reader; everything else is a dump.
    const dump = await dumpText(['email_outbox']);
    expect(dump).toContain(c.email.toLowerCase());
    for (const [name, token] of Object.entries({
      refresh: c.refreshToken,
      secondRefresh: second.refreshToken,
      rotatedRefresh: rotated.refreshToken,
      cookie: cookieToken,
      reset: resetToken,
    })) {
      expect(token.length, name).toBeGreaterThanOrEqual(24);
      expect(dump, `${name} token in the database`).not.toContain(token);
    }

    // Hashes at rest, but the tokens themselves still do their job.
    expect((await me({ cookie: c.cookie })).statusCode).toBe(200);
    expect((await refresh(rotated.refreshToken)).statusCode).toBe(200);
    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/auth/reset-password',
      payload: { token: resetToken, password: 'Otra-clave-segura-2026' },
    });
    expect(reset.statusCode).toBe(200);
  });

  it('a bearer (access token) caller can still log out although only the hash is stored', async () => {
    const c = await customer(t);
    const out = await logout(t.app, bearer(c.accessToken));
    expect(out.statusCode).toBe(204);
    expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, c.userId))).toHaveLength(0);
  });

  it('a stored hash is not a token: presenting it opens nothing', async () => {
    const c = await customer(t);
    const [row] = await t.database.db.select().from(sessions).where(eq(sessions.userId, c.userId));
    expect(row!.token).toMatch(/^[0-9a-f]{64}$/);
    expect((await refresh(row!.token)).statusCode).toBe(401);
    expect((await me({ cookie: `cv.session_token=${row!.token}` })).statusCode).toBe(401);
  });
});

describe(`refresh token rotation (${TEST_ENGINE})`, () => {
  it('every refresh answers a new refresh token; the old one is spent', async () => {
    const c = await customer(t);
    const first = await refresh(c.refreshToken);
    expect(first.statusCode).toBe(200);
    const body = first.json();
    expect(body).toEqual({
      accessToken: expect.any(String),
      expiresIn: 900,
      refreshToken: expect.any(String),
    });
    expect(body.refreshToken).not.toBe(c.refreshToken);
    expect((await me(bearer(body.accessToken))).statusCode).toBe(200);

    const next = await refresh(body.refreshToken);
    expect(next.statusCode).toBe(200);
    expect(next.json().refreshToken).not.toBe(body.refreshToken);
  });

  it('reusing a spent refresh token ends the whole session: its newest token and access tokens too', async () => {
    const c = await customer(t);
    const other = (await login(t.app, c.email)).json();
    const r2 = (await refresh(c.refreshToken)).json();
    const r3 = (await refresh(r2.refreshToken)).json();

    const reuse = await refresh(c.refreshToken);
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().error.code).toBe('unauthorized');
    // The family is gone: the latest refresh token and every access token of that session.
    expect((await refresh(r3.refreshToken)).statusCode).toBe(401);
    expect((await me(bearer(r3.accessToken))).statusCode).toBe(401);
    expect((await me(bearer(c.accessToken))).statusCode).toBe(401);
    // Another login of the same user is another family and keeps working.
    expect((await me(bearer(other.accessToken))).statusCode).toBe(200);
    expect((await refresh(other.refreshToken)).statusCode).toBe(200);

    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, c.userId), eq(auditLog.action, 'auth.refresh_token_reused')));
    expect(audit).toBeDefined();
    expect(JSON.stringify(audit)).not.toContain(c.refreshToken);
  });

  it('two refreshes racing with one token: at most one gets a successor', async () => {
    const c = await customer(t);
    const results = await Promise.all([refresh(c.refreshToken), refresh(c.refreshToken)]);
    const ok = results.filter((r) => r.statusCode === 200);
    expect(ok.length).toBeLessThanOrEqual(1);
    for (const r of results) expect([200, 401]).toContain(r.statusCode);
  });

  it('the web app’s cookie refresh keeps working (the cookie is not a refresh token)', async () => {
    const c = await customer(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/refresh-token',
      headers: { cookie: c.cookie, origin: ORIGIN },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().refreshToken).toBeUndefined();
  });
});
