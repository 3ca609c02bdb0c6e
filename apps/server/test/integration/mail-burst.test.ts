import type { AddressInfo } from 'node:net';
import { inArray } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../app.ts';
import { TEST_ENGINE } from '../db.ts';

/** A real SMTP server on 127.0.0.1 (smtp-server, in this process) that records what it accepts. */
async function startSmtp() {
  const received: Array<{ to: string; subject: string }> = [];
  const rejectedOnce = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      // One recipient is refused the first time (a transient 451), to see that only that message is retried.
      if (address.address.startsWith('flaky') && !rejectedOnce.has(address.address)) {
        rejectedOnce.add(address.address);
        return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const subject = /^Subject: (.*)$/m.exec(Buffer.concat(chunks).toString('utf8'))?.[1] ?? '';
        for (const to of session.envelope.rcptTo) received.push({ to: to.address, subject });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    received,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(r)),
  };
}

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let t: TestApp;
beforeAll(async () => {
  smtp = await startSmtp();
  t = await createTestApp({ seed: false, smtp: false, env: { SMTP_URL: smtp.url } });
  // The worker role: pg-boss polls and runs `email.send` batches itself (no drain()).
  await t.container.jobs.stop();
  await t.container.jobs.start({ work: true });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe(`outbox throughput (${TEST_ENGINE})`, () => {
  it('delivers a burst concurrently over pooled SMTP: every message exactly once, each with its own state', async () => {
    const N = 150;
    const queued: string[] = [];
    for (let i = 0; i < N; i++) {
      const to = i === 7 ? 'flaky-7@example.test' : `burst-${i}@example.test`;
      const { id } = await t.container.mail.queue({
        to,
        template: 'password-changed',
        data: { name: `N${i}`, when: '2026-01-15 12:00', link: 'http://localhost:3000/forgot-password' },
      });
      queued.push(id);
    }
    const rows = () => t.database.db.select().from(emailOutbox).where(inArray(emailOutbox.id, queued));
    const deadline = Date.now() + 120_000;
    for (;;) {
      const all = await rows();
      const settled = all.filter((r) => r.status === 'sent' || r.attempts > 0).length;
      if (settled === N) break;
      if (Date.now() > deadline) throw new Error(`only ${settled} of ${N} settled`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const all = await rows();
    // The refused one is still pending with its attempt and error recorded (pg-boss retries it later);
    // a failure in a batch did not fail the other messages of that batch.
    const flaky = all.find((r) => r.toAddress === 'flaky-7@example.test')!;
    expect(flaky).toMatchObject({ status: 'pending', attempts: 1 });
    expect(flaky.lastError).toMatch(/451|Try again/);
    const sent = all.filter((r) => r.status === 'sent');
    expect(sent).toHaveLength(N - 1);
    expect(sent.every((r) => r.attempts === 1 && r.sentAt)).toBe(true);
    const recipients = smtp.received.map((m) => m.to).filter((to) => to.startsWith('burst-'));
    expect(recipients).toHaveLength(N - 1);
    expect(new Set(recipients).size).toBe(N - 1); // exactly once each
  });
});
