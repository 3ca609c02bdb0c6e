import type { DbOrTx } from '../../db/client.ts';
import type { Logger } from '../../lib/logger.ts';
import type { NewNotification, NotificationsService } from './notifications.service.ts';

/**
 * The words of the in-app notifications other modules write. A customer's are in their language; staff ones are
 * shared by the whole team (one row for `audience = 'admins'`), so they are in Spanish like the rest of the console's
 * alerts. Links are paths inside the web app.
 */
type Lang = 'es' | 'en';
const lang = (language: string | null | undefined): Lang => (language === 'en' ? 'en' : 'es');

export const customerNotice = {
  serverReady: (
    userId: string,
    language: string | null,
    d: { serverName: string; vpsId: string; ip: string },
  ) =>
    note(userId, 'vps.ready', `/panel/servers/${d.vpsId}`, {
      es: [`Tu servidor ${d.serverName} está listo`, `Ya puedes usarlo: IP ${d.ip}.`],
      en: [`Your server ${d.serverName} is ready`, `You can use it now: IP ${d.ip}.`],
    })(language),

  invoiceIssued: (
    userId: string,
    language: string | null,
    d: { invoiceId: string; invoiceNumber: string; amount: string; dueDate: string },
  ) =>
    note(userId, 'invoice.issued', `/panel/invoices/${d.invoiceId}`, {
      es: [`Nueva factura ${d.invoiceNumber}`, `Renovación por ${d.amount}, vence el ${d.dueDate}.`],
      en: [`New invoice ${d.invoiceNumber}`, `Renewal for ${d.amount}, due on ${d.dueDate}.`],
    })(language),

  suspensionWarning: (
    userId: string,
    language: string | null,
    d: { invoiceId: string; serverName: string; invoiceNumber: string; suspendDate: string },
  ) =>
    note(userId, 'service.suspension_warning', `/panel/invoices/${d.invoiceId}?pay=1`, {
      es: [
        `Tu servidor ${d.serverName} se suspenderá el ${d.suspendDate}`,
        `La factura ${d.invoiceNumber} está vencida. Págala para evitar la suspensión.`,
      ],
      en: [
        `Your server ${d.serverName} will be suspended on ${d.suspendDate}`,
        `Invoice ${d.invoiceNumber} is overdue. Pay it to avoid the suspension.`,
      ],
    })(language),

  suspended: (userId: string, language: string | null, d: { invoiceId: string; serverName: string }) =>
    note(userId, 'service.suspended', `/panel/invoices/${d.invoiceId}?pay=1`, {
      es: [`Servidor suspendido: ${d.serverName}`, 'Paga la factura pendiente y lo reactivamos al momento.'],
      en: [`Server suspended: ${d.serverName}`, 'Pay the open invoice and we reactivate it at once.'],
    })(language),
};

export const staffNotice = {
  ticketNew: (d: { ticketId: string; number: string; subject: string; customer: string }) => ({
    type: 'ticket.new',
    title: `Nuevo ticket ${d.number}: ${d.subject}`,
    body: `${d.customer} abrió un ticket.`,
    link: `/admin/tickets/${d.ticketId}`,
  }),
  ticketCustomerReply: (d: { ticketId: string; number: string; subject: string; customer: string }) => ({
    type: 'ticket.customer_reply',
    title: `Respuesta del cliente en ${d.number}: ${d.subject}`,
    body: `${d.customer} respondió.`,
    link: `/admin/tickets/${d.ticketId}`,
  }),
  renewalOverdue: (d: { invoiceNumber: string; serverName: string; customer: string; amount: string }) => ({
    type: 'renewal.overdue',
    title: `Renovación vencida sin pagar: ${d.serverName} (${d.invoiceNumber})`,
    body: `${d.customer} no pagó ${d.amount}; el servidor se suspenderá si sigue sin pagarse.`,
    link: `/admin/invoices?search=${encodeURIComponent(d.invoiceNumber)}`,
  }),
  renewalPaymentFailed: (d: { reference: string; provider: string }) => ({
    type: 'renewal.payment_failed',
    title: `Falló el pago de una renovación (${d.reference})`,
    body: `${d.provider} rechazó el pago de la factura ${d.reference}.`,
    link: `/admin/invoices?search=${encodeURIComponent(d.reference)}`,
  }),
  contaboError: (d: {
    operation: string;
    outcome: string;
    status: number | null;
    windowMinutes: number;
  }) => ({
    type: 'contabo.error',
    title: 'Errores al llamar a la API de Contabo',
    body:
      `${d.operation} → ${d.status ?? d.outcome} (${d.outcome}). ` +
      `Avisamos como máximo una vez cada ${d.windowMinutes} minutos; revisa el panel y las métricas.`,
    link: '/admin',
  }),
};

function note(userId: string, type: string, link: string, text: Record<Lang, [string, string]>) {
  return (language: string | null): NewNotification => {
    const [title, body] = text[lang(language)];
    return { userId, audience: 'user', type, title, body, link };
  };
}

/**
 * Notifications written inside a caller's transaction, whose bells ring (over the live bus) only after it commits:
 * `write` in the transaction, `ring` after it. Without a notifications service both do nothing.
 */
export function createPendingBells(
  notifications: Pick<NotificationsService, 'notify' | 'announce'> | undefined,
  logger: Logger,
) {
  let pending: NewNotification[] = [];
  return {
    async write(tx: DbOrTx, notes: NewNotification[]): Promise<void> {
      if (!notifications) return;
      for (const note of notes) await notifications.notify(note, tx);
      pending.push(...notes);
    },
    async ring(): Promise<void> {
      const targets = new Map(pending.map((n) => [`${n.userId}:${n.audience}`, n]));
      pending = [];
      for (const n of targets.values()) {
        await notifications
          ?.announce({ userId: n.userId, audience: n.audience ?? (n.userId ? 'user' : 'admins') })
          .catch((error: unknown) => logger.warn({ err: error }, 'could not ring a notification bell'));
      }
    },
  };
}
