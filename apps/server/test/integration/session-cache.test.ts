// Issue #21: a bearer request's session is kept in memory while the process hears every change to sessions and users
// (migration 0008's triggers, NOTIFY on `cv_auth`). These tests prove both halves: the lookup is not repeated, and no
// change — through the API, or written by another connection — is missed on the next request.
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { sessions, users } from '../../src/db/schema/index.ts';
import { useTestApp } from '../app.ts';
import { bearer, customer, customerToBan } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';

const t = useTestApp({ seed: false, postgresEvents: true });

const me = (token: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });

/** A write that raises no notification (triggers off for its transaction), so only a kept copy can still answer. */
async function unheard(query: ReturnType<typeof sql>) {
  await t.database.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(query);
  });
}

/** A write by a connection that is not this process's (on PGlite, one process by design, the same database). */
async function elsewhere(query: string, params: unknown[]) {
  if (TEST_ENGINE === 'pglite') return void (await t.database.pglite!.query(query, params));
  const client = new pg.Client({ connectionString: t.database.url });
  await client.connect();
  try {
    await client.query(query, params);
  } finally {
    await client.end();
  }
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe(`bearer sessions kept in memory (${TEST_ENGINE})`, () => {
  it('answers from memory while nothing changed, and sees a logout or a ban made through the API at once', async () => {
    const c = await customer(t);
    expect((await me(c.accessToken)).statusCode).toBe(200);
    const past = new Date(t.clock.now().getTime() - 1_000);
    // The database now says "expired", but nobody was told: the kept session still answers (no query was made).
    await unheard(sql`update ${sessions} set expires_at = ${past} where user_id = ${c.userId}`);
    expect((await me(c.accessToken)).statusCode).toBe(200);
    // A change told (an earlier expiry; the same value again would change nothing): refused on the very next request.
    const earlier = new Date(past.getTime() - 1_000);
    await t.database.db.update(sessions).set({ expiresAt: earlier }).where(eq(sessions.userId, c.userId));
    expect((await me(c.accessToken)).statusCode).toBe(401);

    const other = await customer(t);
    expect((await me(other.accessToken)).statusCode).toBe(200);
    const logout = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: bearer(other.accessToken),
    });
    expect(logout.statusCode).toBe(204);
    expect((await me(other.accessToken)).statusCode).toBe(401);

    const banned = await customerToBan(t);
    expect((await me(banned.accessToken)).statusCode).toBe(200);
    await banned.ban();
    expect((await me(banned.accessToken)).statusCode).toBe(401);
  });

  it('sees a role change and a deleted session written by another connection', async () => {
    const c = await customer(t);
    const customersList = () =>
      t.app.inject({ method: 'GET', url: '/api/admin/customers', headers: bearer(c.accessToken) });
    expect((await customersList()).statusCode).toBe(403);
    expect((await me(c.accessToken)).json().user.role).toBe('customer');

    await elsewhere('update users set role = $1 where id = $2', ['admin', c.userId]);
    await until(async () => (await customersList()).statusCode === 200, 'the new role');
    expect((await me(c.accessToken)).json().user.role).toBe('admin');
    // "Last used" and other columns the guard does not read raise nothing; the e-mail it shows does.
    await elsewhere('update users set email = $1 where id = $2', [`renamed-${c.email}`, c.userId]);
    await until(
      async () => (await me(c.accessToken)).json().user.email === `renamed-${c.email}`,
      'the new e-mail',
    );

    await elsewhere('delete from sessions where user_id = $1', [c.userId]);
    await until(
      async () => (await me(c.accessToken)).statusCode === 401,
      'the deleted session to be refused',
    );
    const [row] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.id, c.userId));
    expect(row).toBeDefined();
  });

  it("hears this process's own change before the query that made it resolves", async () => {
    const c = await customer(t);
    let heard = new Set<string>();
    const unlisten = await t.database.listen('cv_auth', (payload) => heard.add(payload));
    try {
      for (let i = 1; i <= 20; i++) {
        heard = new Set();
        await t.database.db
          .update(users)
          .set({ role: i % 2 ? 'support' : 'customer' })
          .where(eq(users.id, c.userId));
        expect(
          [...heard].map((payload) => JSON.parse(payload)),
          `change ${i}`,
        ).toEqual([{ userId: c.userId }]);
      }
      // A session ended inside a transaction: PGlite tells at commit; PostgreSQL's NOTICE comes as the statement runs
      // (an early "forget it" is harmless, and the NOTIFY to every process still waits for the commit).
      const other = await customer(t);
      const [session] = await t.database.db
        .select({ id: sessions.id })
        .from(sessions)
        .where(eq(sessions.userId, other.userId));
      const ended = JSON.stringify({ sessionId: session!.id });
      const heardEnded = () => [...heard].some((payload) => JSON.stringify(JSON.parse(payload)) === ended);
      await t.database.db.transaction(async (tx) => {
        await tx.delete(sessions).where(eq(sessions.id, session!.id));
        expect(heardEnded()).toBe(TEST_ENGINE === 'postgres');
      });
      expect(heardEnded()).toBe(true);
    } finally {
      await unlisten();
    }
  });
});
