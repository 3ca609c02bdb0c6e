import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema/index.ts';
import { useTestApp } from '../app.ts';
import { admin, api } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';

const t = useTestApp({ seed: false, env: { RATE_LIMIT_DISABLED: 'true' } });

describe(`the dashboard warns while staff 2FA is optional (${TEST_ENGINE})`, () => {
  it('says whether "require 2FA for staff" is on', async () => {
    const a = await admin(t);
    const asAdmin = api(t.app, a.accessToken);
    const off = await asAdmin({ method: 'GET', url: '/api/admin/dashboard' });
    expect(off.statusCode).toBe(200);
    expect(off.json().security).toEqual({ staffTwoFactorRequired: false });

    // With the setting on, only staff with 2FA get in: give this admin a second factor first.
    await t.database.db.update(users).set({ twoFactorEnabled: true }).where(eq(users.id, a.userId));
    await t.container.settings.set('security.requireAdmin2fa', true);
    const on = await asAdmin({ method: 'GET', url: '/api/admin/dashboard' });
    expect(on.statusCode).toBe(200);
    expect(on.json().security).toEqual({ staffTwoFactorRequired: true });
  });
});
