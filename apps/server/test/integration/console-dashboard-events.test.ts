import { describe, expect, it } from 'vitest';
import { useTestApp } from '../app.ts';
import { admin, customer } from '../auth-helpers.ts';
import { TEST_ENGINE } from '../db.ts';

const t = useTestApp({ seed: false });

/** Reads an SSE response until `needle` shows up in what arrived since the last call. */
function sseReader(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let received = '';
  return {
    async until(needle: RegExp): Promise<string> {
      while (!needle.test(received)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}; got: ${received}`);
        received += decoder.decode(value);
      }
      const all = received;
      received = '';
      return all;
    },
  };
}

describe(`dashboard live events (${TEST_ENGINE})`, () => {
  it('is for staff only', async () => {
    const url = '/api/admin/dashboard/events';
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    const c = await customer(t);
    const res = await t.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${c.accessToken}` },
    });
    expect(res.statusCode).toBe(403);
  });

  it('tells an open dashboard to refetch after a paid order, a server change or ticket activity, in one push per burst', async () => {
    const a = await admin(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    const controller = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/api/admin/dashboard/events`, {
      headers: { authorization: `Bearer ${a.accessToken}` },
      signal: controller.signal,
    });
    try {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const stream = sseReader(res);
      await stream.until(/event: ready/);

      // A paid order rings the staff bell (a notification for the admins): the dashboard hears it too.
      await t.container.notifications.announce({ userId: null, audience: 'admins' });
      expect(await stream.until(/event: dashboard\ndata: .*\n\n/)).toContain('{"reasons":["payment"]}');

      // A customer's own notification says nothing about the business: no push for it. A burst of a server status
      // change and ticket activity comes as one push naming both.
      await t.container.notifications.announce({ userId: a.userId, audience: 'user' });
      const at = new Date().toISOString();
      await t.container.events.publish({
        type: 'vps.status',
        vpsId: 'v',
        userId: 'u',
        status: 'running',
        at,
      });
      await t.container.events.publish({
        type: 'ticket.message',
        ticketId: 't',
        userId: 'u',
        visibleToCustomer: true,
        at,
      });
      const burst = await stream.until(/event: dashboard\ndata: .*\n\n/);
      expect(burst.match(/event: dashboard/g)).toHaveLength(1);
      expect(burst).toContain('{"reasons":["ticket","vps"]}');
    } finally {
      controller.abort();
    }
  });
});
