import { describe, expect, it } from 'vitest';
import { useTestApp } from '../app.ts';
import { admin, api, customer, support } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';
import { createNotification } from '../factories.ts';

const t = useTestApp({ seed: false });

describe(`notifications bell (${TEST_ENGINE})`, () => {
  it('staff notifications are read per member; customers see only their own', async () => {
    const [a, s, c, other] = [await admin(t), await support(t), await customer(t), await customer(t)];
    const staffNote = await createNotification(t.database.db, { title: 'Pago con importe distinto' });
    const mine = await createNotification(t.database.db, {
      audience: 'user',
      userId: c.userId,
      type: 'vps.ready',
      title: 'Tu servidor está listo',
    });
    await createNotification(t.database.db, { audience: 'user', userId: other.userId, title: 'Otro' });

    const asAdmin = api(t.app, a.accessToken);
    const asSupport = api(t.app, s.accessToken);
    const asCustomer = api(t.app, c.accessToken);
    expect((await asAdmin({ method: 'GET', url: '/api/notifications' })).json().unread).toBe(1);
    expect((await asSupport({ method: 'GET', url: '/api/notifications' })).json().unread).toBe(1);
    const customerView = (await asCustomer({ method: 'GET', url: '/api/notifications' })).json();
    expect(customerView.unread).toBe(1);
    expect(customerView.items.map((i: { id: string }) => i.id)).toEqual([mine.id]);

    const read = await asAdmin({ method: 'POST', url: `/api/notifications/${staffNote.id}/read` });
    expect(read.json()).toEqual({ unread: 0 });
    // Twice, or in parallel, is the same.
    await Promise.all(
      [1, 2].map(() => asAdmin({ method: 'POST', url: `/api/notifications/${staffNote.id}/read` })),
    );
    expect((await asSupport({ method: 'GET', url: '/api/notifications' })).json().unread).toBe(1);
    const adminList = (await asAdmin({ method: 'GET', url: '/api/notifications' })).json();
    expect(adminList.items.find((i: { id: string }) => i.id === staffNote.id).read).toBe(true);

    // Someone else's or a staff notification is not the customer's to mark.
    expect(
      (await asCustomer({ method: 'POST', url: `/api/notifications/${staffNote.id}/read` })).statusCode,
    ).toBe(404);
    expect((await asCustomer({ method: 'POST', url: '/api/notifications/not-a-uuid/read' })).statusCode).toBe(
      400,
    );
    expect((await asCustomer({ method: 'GET', url: '/api/notifications?limit=100000' })).statusCode).toBe(
      400,
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);

    expect((await asSupport({ method: 'POST', url: '/api/notifications/read-all' })).json()).toEqual({
      unread: 0,
    });
    expect((await asSupport({ method: 'GET', url: '/api/notifications' })).json().unread).toBe(0);
    expect((await asCustomer({ method: 'GET', url: '/api/notifications' })).json().unread).toBe(1);
  });

  it('the live stream pushes the new unread count when a staff notification is announced', async () => {
    const a = await admin(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address() as { port: number };
    const controller = new AbortController();
    const res = await fetch(`http://127.0.0.1:${address.port}/api/notifications/events`, {
      headers: { authorization: `Bearer ${a.accessToken}` },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    const readUntil = async (needle: RegExp) => {
      while (!needle.test(received)) received += decoder.decode((await reader.read()).value);
    };
    await readUntil(/data: \{"unread":\d+\}/);
    const before = Number(/"unread":(\d+)/.exec(received)![1]);
    received = '';
    await t.container.notifications.notify({
      userId: null,
      type: 'contabo.error',
      title: 'Contabo no responde',
    });
    await t.container.notifications.announce({ userId: null, audience: 'admins' });
    await readUntil(/data: \{"unread":\d+\}/);
    expect(Number(/"unread":(\d+)/.exec(received)![1])).toBe(before + 1);
    controller.abort();
  });
});
