// Issue #16 item 10: the web app asks "who is signed in?" on every page; a visitor gets `user: null`, not a 401
// (which the browser logs as a console error on every public page).
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../app.ts';
import { customer } from '../auth-helpers.ts';
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
