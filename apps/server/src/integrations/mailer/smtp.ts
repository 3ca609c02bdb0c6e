import nodemailer from 'nodemailer';
import type { Mailer } from './mailer.ts';

export interface SmtpOptions {
  smtpUrl?: string;
  sendgridApiKey?: string;
}

/** SMTP through nodemailer: `SMTP_URL`, or SendGrid's SMTP relay when only `SENDGRID_API_KEY` is set. */
export function createSmtpMailer({ smtpUrl, sendgridApiKey }: SmtpOptions): Mailer {
  const transport = smtpUrl
    ? nodemailer.createTransport(smtpUrl)
    : nodemailer.createTransport({
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
