import nodemailer from 'nodemailer';
import type { Mailer } from './mailer.ts';

export interface SmtpOptions {
  smtpUrl?: string;
  sendgridApiKey?: string;
  /** Open SMTP connections kept and reused (default 5); messages are sent over them concurrently. */
  maxConnections?: number;
}

/**
 * SMTP through nodemailer: `SMTP_URL`, or SendGrid's SMTP relay when only `SENDGRID_API_KEY` is set. A pooled
 * transport: a few connections stay open and carry many messages each, so a burst (a billing day's reminders, many
 * sign-ups) is not paced by one TCP + TLS + AUTH handshake per message.
 */
export function createSmtpMailer({ smtpUrl, sendgridApiKey, maxConnections = 5 }: SmtpOptions): Mailer {
  const pool = { pool: true, maxConnections, maxMessages: 200 } as const;
  const transport = smtpUrl
    ? nodemailer.createTransport({ ...pool, url: smtpUrl })
    : nodemailer.createTransport({
        ...pool,
        host: 'smtp.sendgrid.net',
        port: 587,
        auth: { user: 'apikey', pass: sendgridApiKey },
      });
  return {
    kind: 'smtp',
    async send(message) {
      const info = await transport.sendMail(message);
      return { delivered: true, messageId: info.messageId };
    },
    async close() {
      transport.close();
    },
  };
}
