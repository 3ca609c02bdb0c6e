import { describe, expect, it } from 'vitest';
import { useTestApp } from '../app.ts';
import { admin, api, customer } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';

// #15 defect 14: typing the password again inside a session is limited like a login (5 a minute per account), so a
// stolen session cannot guess the password through the VPS credentials, password change or 2FA endpoints.
const t = useTestApp();

describe(`password re-entry limit (${TEST_ENGINE})`, () => {
  it('refuses the sixth attempt within a minute, the right password included, across endpoints', async () => {
    const asAdmin = api(t.app, (await admin(t)).accessToken);
    const c = await customer(t);
    const as = api(t.app, c.accessToken);
    const instance = (await asAdmin({ method: 'GET', url: '/api/admin/contabo/instances?assigned=false' }))
      .json()
      .items.find((i: { status: string }) => i.status === 'running');
    const vps = (
      await asAdmin({
        method: 'POST',
        url: '/api/admin/vps/assign',
        payload: { contaboInstanceId: instance.instanceId, userId: c.userId, rootPassword: 'Root-Pass-123!' },
      })
    ).json();
    const reveal = (password: string) =>
      as({ method: 'POST', url: `/api/vps/${vps.id}/credentials`, payload: { password } });
    const wrong: number[] = [];
    for (let i = 0; i < 4; i++) wrong.push((await reveal(`guess-${i}-password`)).statusCode);
    expect(wrong.every((code) => code >= 400 && code < 429)).toBe(true);
    expect((await reveal(c.password)).statusCode).toBe(200);
    const sixth = await reveal(c.password);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.code).toBe('rate_limited');
    const change = await as({
      method: 'POST',
      url: '/api/account/change-password',
      payload: { currentPassword: c.password, newPassword: 'Otra-clave-segura-2026' },
    });
    expect(change.statusCode).toBe(429);
    const codes = await as({
      method: 'POST',
      url: '/api/account/2fa/setup',
      payload: { password: c.password },
    });
    expect(codes.statusCode).toBe(429);
  });
});
