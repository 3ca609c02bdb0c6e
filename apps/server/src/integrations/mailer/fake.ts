import type { MailMessage, Mailer } from './mailer.ts';

/** Test double: records what would have been sent; `failNext(n)` makes the next n sends throw. */
export function createFakeMailer() {
  const sent: MailMessage[] = [];
  let failures = 0;
  const mailer: Mailer & { sent: MailMessage[]; failNext(times: number): void } = {
    kind: 'smtp',
    sent,
    failNext(times) {
      failures = times;
    },
    async send(message) {
      if (failures > 0) {
        failures--;
        throw new Error('SMTP connection refused (fake)');
      }
      sent.push(message);
      return { delivered: true, messageId: `fake-${sent.length}` };
    },
  };
  return mailer;
}

export type FakeMailer = ReturnType<typeof createFakeMailer>;
