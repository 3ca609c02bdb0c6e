import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { emailOutbox } from '../../src/db/schema/index.ts';
import { createJobQueue, defineJob } from '../../src/jobs/queue.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { useTestApp } from '../app.ts';
import { TEST_ENGINE } from '../db.ts';
import { api, customer, emailsTo, register } from '../auth-helpers.ts';

declare module '../../src/jobs/queue.ts' {
  interface JobPayloads {
    'test.flaky': { n: number };
  }
}

describe(`e-mail delivery (${TEST_ENGINE})`, () => {
  const t = useTestApp({ seed: false, freezeTime: true });

  it('stores every message first and delivers it through the job queue', async () => {
    const { email } = await register(t.app);
    const [pending] = await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, email));
    expect(pending).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await t.container.jobs.drain()).toMatchObject({ completed: 1, failed: 0 });
    const [sent] = await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.id, pending!.id));
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(sent!.sentAt).toBeInstanceOf(Date);
    expect(t.mailer!.sent.at(-1)).toMatchObject({
      to: email,
      subject: sent!.subject,
      from: t.container.config.EMAIL_FROM,
    });
  });

  it('keeps a message whose delivery fails, retries it, and marks it failed only after the last attempt', async () => {
    t.mailer!.failNext(1);
    const { email } = await register(t.app);
    expect(await t.container.jobs.drain()).toMatchObject({ failed: 1 });
    const [row] = await emailsTo(t, email);
    expect(row).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: expect.stringMatching(/refused/),
    });
    await t.container.mail.deliver(row!.id, { finalAttempt: false });
    expect((await emailsTo(t, email))[0]).toMatchObject({ status: 'sent', attempts: 2 });

    t.mailer!.failNext(1);
    const other = await register(t.app);
    const [first] = await t.database.db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, other.email));
    await expect(t.container.mail.deliver(first!.id, { finalAttempt: true })).rejects.toThrow(/refused/);
    const [failed] = await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.id, first!.id));
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed!.html).toContain('/verify-email/');
    // Delivery is idempotent: a sent message is never sent twice.
    const before = t.mailer!.sent.length;
    await t.container.mail.deliver(row!.id, { finalAttempt: false });
    expect(t.mailer!.sent.length).toBe(before);
  });

  it('renders Spanish and English templates with the company name and logo from settings', async () => {
    await t.container.settings.set('company.name', 'Nube Andina');
    try {
      const es = await register(t.app, { language: 'es' });
      const en = await register(t.app, { language: 'en' });
      const [esMail] = await emailsTo(t, es.email);
      const [enMail] = await emailsTo(t, en.email);
      expect(esMail!.subject).toBe('Confirma tu correo en Nube Andina');
      expect(enMail!.subject).toBe('Confirm your e-mail at Nube Andina');
      for (const mail of [esMail!, enMail!]) {
        expect(mail.html).toContain('<img src="http://localhost:3000/logo.png" alt="Nube Andina"');
        expect(mail.text).toContain('Nube Andina');
      }
      expect(esMail!.text).toContain('caduca en 24 horas');
      expect(enMail!.text).toContain('expires in 24 hours');
    } finally {
      await t.container.settings.set('company.name', 'Cloud Vértice');
    }
  });

  it('writes the message and its job in the caller’s transaction: a rollback leaves neither', async () => {
    const to = 'rollback@example.test';
    await t.database.db
      .transaction(async (tx) => {
        await t.container.mail.queue(
          { to, template: 'reset-password', data: { name: 'X', link: 'http://x/y' } },
          tx,
        );
        throw new Error('business rule failed');
      })
      .catch(() => undefined);
    expect(await t.database.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, to))).toHaveLength(
      0,
    );
    expect(await t.container.jobs.drain()).toEqual({ completed: 0, failed: 0 });
  });
});

describe(`outbox mode: no SMTP configured (${TEST_ENGINE})`, () => {
  const t = useTestApp({ seed: false, smtp: false });

  it('keeps messages in the outbox, readable in full by the admin ("Correo saliente")', async () => {
    expect(t.container.demo.emailOutbox).toBe(true);
    const { email } = await register(t.app);
    await t.container.jobs.drain();
    const [row] = await emailsTo(t, email);
    expect(row).toMatchObject({ status: 'kept', attempts: 1, sentAt: null });
    const a = await customer(t, { role: 'admin' });
    const detail = await api(t.app, a.accessToken)({ method: 'GET', url: `/api/admin/outbox/${row!.id}` });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().text).toMatch(/http:\/\/localhost:3000\/verify-email\/[^\s…]+/);
  });
});

describe(`job queue (${TEST_ENGINE})`, () => {
  const t = useTestApp({ seed: false });

  it('retries a failing job and tells the handler when an attempt is the last one', async () => {
    const attempts: Array<{ retryCount: number; finalAttempt: boolean }> = [];
    const queue = createJobQueue({ database: t.database, logger: createLogger('silent') });
    queue.register([
      defineJob({
        name: 'test.flaky',
        payload: z.object({ n: z.number() }),
        retryLimit: 2,
        retryDelay: 0,
        retryBackoff: false,
        handler: async (_payload, context) => {
          attempts.push({ retryCount: context.retryCount, finalAttempt: context.finalAttempt });
          if (!context.finalAttempt) throw new Error('not yet');
        },
      }),
    ]);
    await queue.start({ work: false });
    try {
      // The compiler refuses a wrong payload; the queue still checks what reaches it at run time.
      await expect(queue.enqueue('test.flaky', { n: 'x' } as unknown as { n: number })).rejects.toThrow();
      await queue.enqueue('test.flaky', { n: 1 });
      expect(await queue.drain()).toEqual({ completed: 1, failed: 2 });
      expect(attempts).toEqual([
        { retryCount: 0, finalAttempt: false },
        { retryCount: 1, finalAttempt: false },
        { retryCount: 2, finalAttempt: true },
      ]);
    } finally {
      await queue.stop();
    }
  });
});
