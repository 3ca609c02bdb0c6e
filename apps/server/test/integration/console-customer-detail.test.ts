import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, sessions, twoFactors, users, vpsInstances } from '../../src/db/schema/index.ts';
import { api, customer, emailsTo, login } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import {
  createAdmin,
  createSession,
  createSshKey,
  createTicket,
  createTwoFactor,
  createVpsInstance,
} from '../factories.ts';
import { useConsoleCustomersApp, t, adminUser, as, ids, list } from './console-customers.setup.ts';

useConsoleCustomersApp();

describe(`customer detail and actions (${TEST_ENGINE})`, () => {
  it('shows everything about one customer', async () => {
    await createSshKey(t.database.db, { userId: ids.a! });
    await createTicket(t.database.db, { userId: ids.a!, subject: 'No arranca' });
    await createSession(t.database.db, { userId: ids.a!, ipAddress: '198.51.100.4' });
    const res = await as({ method: 'GET', url: `/api/admin/customers/${ids.a}` });
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.profile).toMatchObject({
      email: 'valentina@example.test',
      phone: '+57 300 111 2233',
      banned: false,
    });
    expect(d.services).toHaveLength(2);
    expect(d.invoices).toHaveLength(1);
    expect(d.tickets).toEqual([expect.objectContaining({ subject: 'No arranca' })]);
    expect(d.sshKeyCount).toBe(1);
    expect(d.sessions).toEqual([expect.objectContaining({ ipAddress: '198.51.100.4', viewAs: false })]);
    expect(d.lifetime).toEqual({
      currency: 'USD',
      netMinor: 1000,
      taxMinor: 0,
      costMinor: 0,
      marginMinor: 1000,
    });
    expect(JSON.stringify(d)).not.toMatch(/"token"|password|secret/i);
  });

  it('answers 404 for staff and unknown ids, 400 for malformed ones', async () => {
    const staff = await createAdmin(t.database.db);
    for (const id of [staff.id, randomUUID()]) {
      expect((await as({ method: 'GET', url: `/api/admin/customers/${id}` })).statusCode).toBe(404);
      const ban = await as({
        method: 'POST',
        url: `/api/admin/customers/${id}/ban`,
        payload: { reason: 'x' },
      });
      expect(ban.statusCode).toBe(404);
    }
    expect((await as({ method: 'GET', url: '/api/admin/customers/not-a-uuid' })).statusCode).toBe(400);
    const [staffRow] = await t.database.db.select().from(users).where(eq(users.id, staff.id));
    expect(staffRow?.banned).toBeFalsy();
  });

  it('edits the profile, marks the e-mail verified and keeps notes, each audited', async () => {
    const patch = await as({
      method: 'PATCH',
      url: `/api/admin/customers/${ids.b}`,
      payload: { firstName: 'Bruno', lastName: 'Díaz Pardo', phone: '+57 1 555', country: 'CO' },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    expect((await as({ method: 'POST', url: `/api/admin/customers/${ids.b}/verify-email` })).statusCode).toBe(
      200,
    );
    const note = await as({
      method: 'POST',
      url: `/api/admin/customers/${ids.b}/notes`,
      payload: { body: 'Pidió factura a nombre de su empresa.' },
    });
    expect(note.statusCode).toBe(201);
    for (const payload of [{ body: 'a\u0000b' }, { body: '' }, { body: 'x'.repeat(5001) }, { text: 'x' }]) {
      const bad = await as({ method: 'POST', url: `/api/admin/customers/${ids.b}/notes`, payload });
      expect(bad.statusCode).toBe(400);
    }
    for (const payload of [{}, { phone: 'a\u0000' }, { country: 'Colombia' }, { role: 'admin' }]) {
      const bad = await as({ method: 'PATCH', url: `/api/admin/customers/${ids.b}`, payload });
      expect(bad.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const d = (await as({ method: 'GET', url: `/api/admin/customers/${ids.b}` })).json();
    expect(d.profile).toMatchObject({ name: 'Bruno Díaz Pardo', country: 'CO', emailVerified: true });
    expect(d.notes).toEqual([
      expect.objectContaining({
        body: 'Pidió factura a nombre de su empresa.',
        authorEmail: adminUser.email,
      }),
    ]);
    expect(d.audit.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['customer.profile.update', 'customer.email.verify', 'customer.note.add']),
    );
    expect(d.audit.every((a: { actorId: string }) => a.actorId === adminUser.userId)).toBe(true);
  });

  it('sends a password-reset e-mail', async () => {
    const c = await customer(t);
    const res = await as({ method: 'POST', url: `/api/admin/customers/${c.userId}/password-reset` });
    expect(res.statusCode).toBe(200);
    const mails = await emailsTo(t, c.email);
    expect(mails.some((m) => /reset-password\//.test(m.text))).toBe(true);
  });

  it('resets 2FA for a customer who lost their device', async () => {
    const c = await customer(t);
    await t.database.db.update(users).set({ twoFactorEnabled: true }).where(eq(users.id, c.userId));
    await createTwoFactor(t.database.db, { userId: c.userId });
    const res = await as({ method: 'POST', url: `/api/admin/customers/${c.userId}/two-factor/reset` });
    expect(res.statusCode).toBe(200);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, c.userId));
    expect(row?.twoFactorEnabled).toBe(false);
    expect(await t.database.db.select().from(twoFactors).where(eq(twoFactors.userId, c.userId))).toHaveLength(
      0,
    );
    // The customer logs in with the password alone now.
    const again = await login(t.app, c.email, c.password);
    expect(again.statusCode).toBe(200);
    expect(again.json().accessToken).toBeTruthy();
    const twice = await as({ method: 'POST', url: `/api/admin/customers/${c.userId}/two-factor/reset` });
    expect(twice.statusCode).toBe(409);
  });

  it('bans at once on every route (bearer and cookie), keeps services running, and unbans', async () => {
    const c = await customer(t);
    const vps = await createVpsInstance(t.database.db, { userId: c.userId, status: 'running' });
    const mine = api(t.app, c.accessToken);
    expect((await mine({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    // Two admins ban at the same moment: one ban, both answer.
    const [first, second] = await Promise.all(
      [1, 2].map(() =>
        as({
          method: 'POST',
          url: `/api/admin/customers/${c.userId}/ban`,
          payload: { reason: 'chargeback' },
        }),
      ),
    );
    expect([first!.statusCode, second!.statusCode]).toEqual([200, 200]);
    for (const url of ['/api/auth/me', '/api/vps', '/api/orders']) {
      const res = await mine({ method: 'GET', url });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(401);
      expect(res.statusCode, url).toBeLessThanOrEqual(403);
    }
    const cookieRes = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: c.cookie },
    });
    expect(cookieRes.statusCode).toBeGreaterThanOrEqual(401);
    expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, c.userId))).toHaveLength(0);
    const relogin = await login(t.app, c.email, c.password);
    expect(relogin.statusCode).toBe(403);
    expect(relogin.json().error.code).toBe('account_disabled');
    const [service] = await t.database.db.select().from(vpsInstances).where(eq(vpsInstances.id, vps.id));
    expect(service).toMatchObject({ serviceStatus: 'active', status: 'running' });
    const banned = (await list('filter=banned&search=' + encodeURIComponent(c.email))).items;
    expect(banned.map((i) => i.id)).toEqual([c.userId]);

    expect((await as({ method: 'POST', url: `/api/admin/customers/${c.userId}/unban` })).statusCode).toBe(
      200,
    );
    const back = await login(t.app, c.email, c.password);
    expect(back.statusCode).toBe(200);
    expect(
      (await api(t.app, back.json().accessToken)({ method: 'GET', url: '/api/auth/me' })).statusCode,
    ).toBe(200);
    const actions = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'user'), eq(auditLog.entityId, c.userId)));
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['customer.ban', 'customer.unban']));
  });

  it('revokes every session of a customer', async () => {
    const c = await customer(t);
    const res = await as({ method: 'POST', url: `/api/admin/customers/${c.userId}/sessions/revoke` });
    expect(res.json()).toEqual({ ok: true, sessionsEnded: 1 });
    expect((await api(t.app, c.accessToken)({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });
});
