import { describe, expect, it } from 'vitest';
import { useTestApp, type TestApp } from '../app.ts';
import { bearer, customer } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { bootstrapAdmin } from '../../src/modules/auth/auth.bootstrap.ts';

// #15 defect 1: the client address is the right-most X-Forwarded-For entry our own proxies did not add, so a client
// cannot forge it (rate limits, sessions and the audit log all use it). Defect 19: ADMIN_EMAIL alone boots.
async function sessionIp(t: TestApp, token: string): Promise<string | null> {
  const sessions = (await t.app.inject({ url: '/api/account/sessions', headers: bearer(token) })).json();
  return sessions.items[0].ipAddress;
}

async function loginFrom(t: TestApp, email: string, password: string, remoteAddress: string, xff?: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress,
    headers: xff ? { 'x-forwarded-for': xff } : {},
    payload: { email, password },
  });
}

describe(`client address behind proxies (${TEST_ENGINE})`, () => {
  describe('TRUST_PROXY as a hop count (one nginx in front)', () => {
    const t = useTestApp({ env: { TRUST_PROXY: '1' } });

    it('records the address the proxy saw, not the one the client wrote', async () => {
      const c = await customer(t);
      const res = await loginFrom(t, c.email, c.password, '127.0.0.1', '6.6.6.6, 203.0.113.7');
      expect(res.statusCode, res.body).toBe(200);
      const sessions = (
        await t.app.inject({ url: '/api/account/sessions', headers: bearer(res.json().accessToken) })
      ).json();
      expect(sessions.items.map((s: { ipAddress: string }) => s.ipAddress)).toContain('203.0.113.7');
      expect(sessions.items.map((s: { ipAddress: string }) => s.ipAddress)).not.toContain('6.6.6.6');
    });

    it('a client rotating forged left-most entries still hits the login limit', async () => {
      const c = await customer(t);
      const codes: number[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await loginFrom(
          t,
          c.email,
          'wrong-password-1',
          '127.0.0.1',
          `10.9.9.${i}, 198.51.100.23`,
        );
        codes.push(res.statusCode);
      }
      expect(codes.slice(0, 5).every((code) => code === 401)).toBe(true);
      expect(codes.at(-1)).toBe(429);
    });
  });

  describe('TRUST_PROXY as a list of proxy addresses', () => {
    const t = useTestApp({ env: { TRUST_PROXY: '10.0.0.0/8,127.0.0.1' } });

    it('skips every trusted proxy hop and stops at the first untrusted address', async () => {
      const c = await customer(t);
      const res = await loginFrom(t, c.email, c.password, '10.1.1.1', '6.6.6.6, 203.0.113.9, 10.2.2.2');
      expect(await sessionIp(t, res.json().accessToken)).toBe('203.0.113.9');
    });

    it('ignores X-Forwarded-For from an address that is not a proxy', async () => {
      const c = await customer(t);
      const res = await loginFrom(t, c.email, c.password, '198.51.100.1', '203.0.113.10');
      expect(await sessionIp(t, res.json().accessToken)).toBe('198.51.100.1');
    });
  });

  describe('ADMIN_EMAIL without ADMIN_PASSWORD', () => {
    const t = useTestApp({ env: { ADMIN_EMAIL: 'Boss@Example.test' } });

    it('creates the administrator with a generated password, once', async () => {
      const deps = { auth: t.container.authLibrary, repo: t.container.authRepo };
      const first = await bootstrapAdmin(deps, { adminEmail: 'Boss@Example.test', embedded: false });
      expect(first).toMatchObject({ kind: 'generated', email: 'boss@example.test' });
      const password = first.kind === 'generated' ? first.password : '';
      expect(password.length).toBeGreaterThanOrEqual(16);
      const login = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'boss@example.test', password },
      });
      expect(login.statusCode, login.body).toBe(200);
      expect(login.json().user.role).toBe('admin');
      const again = await bootstrapAdmin(deps, { adminEmail: 'Boss@Example.test', embedded: false });
      expect(again).toMatchObject({ kind: 'configured', outcome: 'exists' });
    });
  });
});
