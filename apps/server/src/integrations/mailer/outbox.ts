import type { Mailer } from './mailer.ts';

/** No SMTP configured: messages are kept in `email_outbox` and read by the admin in "Correo saliente". */
export function createOutboxMailer(): Mailer {
  return {
    kind: 'outbox',
    async send() {
      return { delivered: false };
    },
  };
}
