// Issue #16 item 10: the web app asks "who is signed in?" on every page; a visitor gets `user: null`, not a 401
// (which the browser logs as a console error on every public page).
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sessions } from '../../src/db/schema/index.ts';
import { useTestApp } from '../app.ts';
import { bearer, customer } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';

const t = useTestApp({ seed: false });

describe(`GET /api/auth/session (${TEST_ENGINE})`, () => {
  it('answers 200 with null for a visitor or a stale cookie, and the user for a session', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/auth/session' });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({ user: null });
    const stale = await t.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: 'cv.session_token=not-a-session' },
    });
    expect(stale.statusCode).toBe(200);
    expect(stale.json()).toEqual({ user: null });

    const c = await customer(t);
    const signedIn = await t.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: c.cookie },
    });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().user).toMatchObject({ email: c.email, role: 'customer' });
    expect(signedIn.json().user).not.toHaveProperty('passwordHash');
    // /api/auth/me keeps its contract (401 for a visitor) for API clients.
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });
});

describe(`access tokens and the session behind them (${TEST_ENGINE})`, () => {
  it('refuses a still-signed access token once its session has expired, and accepts it while it lives', async () => {
    const c = await customer(t);
    const me = () => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(c.accessToken) });
    expect((await me()).statusCode).toBe(200);
    const [row] = await t.database.db
      .update(sessions)
      .set({ expiresAt: new Date(t.clock.now().getTime() - 1_000) })
      .where(eq(sessions.userId, c.userId))
      .returning({ id: sessions.id });
    expect(row).toBeDefined();
    const refused = await me();
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('unauthorized');
    await t.database.db
      .update(sessions)
      .set({ expiresAt: new Date(t.clock.now().getTime() + 3_600_000) })
      .where(eq(sessions.userId, c.userId));
    expect((await me()).statusCode).toBe(200);
  });
});
