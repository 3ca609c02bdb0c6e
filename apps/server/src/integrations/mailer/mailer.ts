/**
 * Outgoing e-mail. Every message is first stored in `email_outbox`; a job then hands it to the configured mailer.
 * `smtp` delivers through nodemailer; `outbox` (no SMTP configured) keeps it for the admin to read ("Correo saliente").
 */
export interface MailMessage {
  from: string;
  to: string;
  /** Replies go here (a ticket's signed reply address). */
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
}

export interface Mailer {
  readonly kind: 'smtp' | 'outbox';
  /** Delivers the message; `delivered: false` means it stays in the outbox on purpose (no SMTP configured). */
  send(message: MailMessage): Promise<{ delivered: boolean; messageId?: string }>;
  close?(): Promise<void>;
}
