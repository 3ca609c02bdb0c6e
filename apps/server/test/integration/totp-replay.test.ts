import { describe, expect, it } from 'vitest';
import { useTestApp } from '../app.ts';
import { advance, api, customer, login, PASSWORD } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { totp } from '../totp.ts';

// #15 defect 11: a TOTP code is accepted once (RFC 6238 §5.2), also when two requests race with it.
const t = useTestApp({ freezeTime: true });

describe(`TOTP replay (${TEST_ENGINE})`, () => {
  it('refuses a code that was already used within its window, and lets only one of two racing logins in', async () => {
    const c = await customer(t);
    const call = api(t.app, c.accessToken);
    const { secret } = (
      await call({ method: 'POST', url: '/api/account/2fa/setup', payload: { password: PASSWORD } })
    ).json();
    const enable = await call({
      method: 'POST',
      url: '/api/account/2fa/enable',
      payload: { code: totp(secret, t.clock.now().getTime()) },
    });
    expect(enable.statusCode, enable.body).toBe(200);

    advance(t.clock, 60_000);
    const code = totp(secret, t.clock.now().getTime());
    expect((await login(t.app, c.email, PASSWORD, { totpCode: code })).statusCode).toBe(200);
    const replay = await login(t.app, c.email, PASSWORD, { totpCode: code });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.code).toBe('invalid_two_factor_code');

    advance(t.clock, 60_000);
    const fresh = totp(secret, t.clock.now().getTime());
    const raced = await Promise.all([
      login(t.app, c.email, PASSWORD, { totpCode: fresh }),
      login(t.app, c.email, PASSWORD, { totpCode: fresh }),
    ]);
    expect(raced.map((r) => r.statusCode).sort()).toEqual([200, 400]);
  });
});
