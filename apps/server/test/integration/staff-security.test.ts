import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, users } from '../../src/db/schema/index.ts';
import { useTestApp } from '../app.ts';
import { admin, api, support } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';

const t = useTestApp({ seed: false, env: { RATE_LIMIT_DISABLED: 'true' } });

describe(`"require 2FA for staff" setting (${TEST_ENGINE})`, () => {
  it('the admin turns "require 2FA for staff" on and off from the staff page, audited, never locking themself out', async () => {
    const boss = await admin(t);
    const as = api(t.app, boss.accessToken);
    const url = '/api/admin/staff/security';
    expect((await as({ method: 'GET', url })).json()).toEqual({ requireTwoFactor: false });
    const own = await as({ method: 'PUT', url, payload: { requireTwoFactor: true } });
    expect(own.statusCode).toBe(409);
    expect(own.json().error.details.reason).toBe('own_two_factor_required');
    for (const payload of [{ requireTwoFactor: 'yes' }, { requireTwoFactor: true, extra: 1 }, {}]) {
      expect((await as({ method: 'PUT', url, payload })).statusCode, JSON.stringify(payload)).toBe(400);
    }
    await t.database.db.update(users).set({ twoFactorEnabled: true }).where(eq(users.id, boss.userId));
    expect((await as({ method: 'PUT', url, payload: { requireTwoFactor: true } })).json()).toEqual({
      requireTwoFactor: true,
    });
    expect(await t.container.settings.get('security.requireAdmin2fa')).toBe(true);
    const member = await support(t);
    const refused = await api(t.app, member.accessToken)({ method: 'GET', url: '/api/admin/orders' });
    expect(refused.json().error.code).toBe('two_factor_enrolment_required');
    expect((await as({ method: 'PUT', url, payload: { requireTwoFactor: false } })).statusCode).toBe(200);
    expect((await as({ method: 'GET', url })).json()).toEqual({ requireTwoFactor: false });
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'settings.staff-security.updated'));
    expect(audits.map((a) => (a.metadata as { requireTwoFactor: boolean }).requireTwoFactor)).toEqual([
      true,
      false,
    ]);
  });
});
