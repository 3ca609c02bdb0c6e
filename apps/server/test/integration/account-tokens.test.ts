import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import { useTestApp } from '../app.ts';
import { advance, api, bearer, customer, linkToken, login, uniqueEmail } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';

// #15 defect 2 (every reset link spent after a reset, a password change or an e-mail change) and defect 9
// (an e-mail change applies only once the new address is confirmed, for unverified accounts too).
const t = useTestApp({ freezeTime: true });

async function resetLink(email: string): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/forgot-password', payload: { email } });
  expect(res.statusCode).toBe(202);
  return linkToken(t, email, 'reset-password');
}

const reset = (token: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/reset-password', payload: { token, password } });

describe(`reset links (${TEST_ENGINE})`, () => {
  it('a reset spends every other live reset link of the account', async () => {
    const c = await customer(t);
    const first = await resetLink(c.email);
    const second = await resetLink(c.email);
    expect(first).not.toBe(second);
    expect((await reset(second, 'Primera-clave-nueva-1')).statusCode).toBe(200);
    const old = await reset(first, 'Atacante-clave-2026!');
    expect(old.statusCode).toBe(400);
    expect((await login(t.app, c.email, 'Primera-clave-nueva-1')).statusCode).toBe(200);
  });

  it('a password change spends every reset link', async () => {
    const c = await customer(t);
    const link = await resetLink(c.email);
    const change = await api(
      t.app,
      c.accessToken,
    )({
      method: 'POST',
      url: '/api/account/change-password',
      payload: { currentPassword: c.password, newPassword: 'Cambiada-por-mi-2026' },
    });
    expect(change.statusCode, change.body).toBe(200);
    expect((await reset(link, 'Atacante-clave-2026!')).statusCode).toBe(400);
    expect((await login(t.app, c.email, 'Cambiada-por-mi-2026')).statusCode).toBe(200);
  });

  it('an e-mail change spends the reset links sent to the old address', async () => {
    const c = await customer(t);
    const link = await resetLink(c.email);
    const newEmail = uniqueEmail('moved');
    await api(
      t.app,
      c.accessToken,
    )({ method: 'POST', url: '/api/account/change-email', payload: { newEmail } });
    const confirm = await linkToken(t, newEmail, 'verify-email');
    expect((await t.app.inject(`/api/auth/verify-email/${confirm}`)).statusCode).toBe(200);
    expect((await reset(link, 'Atacante-clave-2026!')).statusCode).toBe(400);
  });
});

describe(`e-mail change of an unverified account (${TEST_ENGINE})`, () => {
  it('keeps the old address until the new one is confirmed', async () => {
    const c = await customer(t, { verified: false });
    const newEmail = uniqueEmail('squat');
    const res = await api(
      t.app,
      c.accessToken,
    )({ method: 'POST', url: '/api/account/change-email', payload: { newEmail } });
    expect(res.statusCode).toBe(202);
    const me = async () =>
      (await t.app.inject({ url: '/api/auth/me', headers: bearer(c.accessToken) })).json().user.email;
    expect(await me()).toBe(c.email.toLowerCase());
    const confirm = await linkToken(t, newEmail, 'verify-email');
    expect((await t.app.inject(`/api/auth/verify-email/${confirm}`)).statusCode).toBe(200);
    expect(await me()).toBe(newEmail.toLowerCase());
  });
});

describe(`a session's "last used" (${TEST_ENGINE})`, () => {
  it('"last used" moves at most once a minute, committed without waiting for the disk', async () => {
    const c = await customer(t);
    const call = api(t.app, c.accessToken);
    const sessionId = (await call({ method: 'GET', url: '/api/account/sessions' })).json().items[0].id;
    const db = t.database.db;
    // Records each write of this session's "last used" with the commit mode its transaction ran in.
    await db.execute(sql.raw('create table touch_log (sync text not null, at timestamptz not null)'));
    await db.execute(
      sql.raw(`create function log_touch() returns trigger language plpgsql as $$
        begin insert into touch_log values (current_setting('synchronous_commit'), new.updated_at); return new; end $$`),
    );
    await db.execute(
      sql.raw(`create trigger log_touch after update on sessions for each row
        when (new.id = '${sessionId}' and old.updated_at is distinct from new.updated_at) execute function log_touch()`),
    );
    try {
      const touches = () =>
        queryRows<{ sync: string; at: string | Date }>(
          db,
          sql.raw('select sync, at from touch_log order by at'),
        );
      advance(t.clock, 30_000);
      expect((await call({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
      expect(await touches()).toEqual([]); // used less than a minute ago: no write
      advance(t.clock, 31_000);
      const touchedAt = t.clock.now();
      expect((await call({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
      expect((await call({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
      const written = await touches();
      expect(written.map((w) => [w.sync, new Date(w.at).toISOString()])).toEqual([
        ['off', touchedAt.toISOString()],
      ]);
      // Ordered with the next request: the list shows the time just written.
      const listed = (await call({ method: 'GET', url: '/api/account/sessions' })).json().items[0];
      expect(listed.lastUsedAt).toBe(touchedAt.toISOString());
    } finally {
      await db.execute(sql.raw('drop trigger log_touch on sessions'));
      await db.execute(sql.raw('drop function log_touch()'));
      await db.execute(sql.raw('drop table touch_log'));
    }
    // Local to that write's transaction: the connection keeps the server's default (PGlite has one connection, so
    // this reads the very one that wrote).
    expect(await queryRows(db, sql.raw('show synchronous_commit'))).toEqual([{ synchronous_commit: 'on' }]);
  });

  it('a request by cookie sends no "last used" statement at all within the minute, and one after it', async () => {
    const c = await customer(t);
    const db = t.database.db;
    // A statement-level trigger fires for every UPDATE statement on sessions, even one that changes no row.
    await db.execute(sql.raw('create table touch_statements (at timestamptz not null default now())'));
    await db.execute(
      sql.raw(`create function log_touch_statement() returns trigger language plpgsql as $$
        begin insert into touch_statements default values; return null; end $$`),
    );
    await db.execute(
      sql.raw(`create trigger log_touch_statement after update on sessions
        for each statement execute function log_touch_statement()`),
    );
    const byCookie = () =>
      t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: c.cookie } });
    const statements = async () =>
      Number(
        (await queryRows<{ n: string }>(db, sql.raw('select count(*) as n from touch_statements')))[0]!.n,
      );
    try {
      advance(t.clock, 30_000);
      for (let i = 0; i < 3; i++) expect((await byCookie()).statusCode).toBe(200);
      expect(await statements()).toBe(0);
      advance(t.clock, 31_000);
      expect((await byCookie()).statusCode).toBe(200);
      expect(await statements()).toBe(1);
    } finally {
      await db.execute(sql.raw('drop trigger log_touch_statement on sessions'));
      await db.execute(sql.raw('drop function log_touch_statement()'));
      await db.execute(sql.raw('drop table touch_statements'));
    }
  });
});
