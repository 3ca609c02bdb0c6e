import type { DbOrTx } from '../../db/client.ts';
import { formatDay } from '../../lib/dates.ts';
import type { Logger } from '../../lib/logger.ts';
import { formatMoney } from '../../lib/money.ts';
import type { NewNotification, NotificationsService } from './notifications.service.ts';

/**
 * The in-app notifications other modules write, each stored as its `type` (a code) and `params`, which the web
 * renders in the reader's language (`notices.<type>.title|body` in apps/web/src/i18n/*.json, its list of types in
 * apps/web/src/lib/notices.ts; a test checks both agree). `title`/`body` keep a fallback text for rows written before
 * params existed: a customer's in their language, the staff's in Spanish (one row for the whole team). Money is
 * stored as minor units and currency, dates as ISO timestamps, so the web formats them per language. Links are paths
 * inside the web app.
 */
type Lang = 'es' | 'en';
const lang = (language: string | null | undefined): Lang => (language === 'en' ? 'en' : 'es');
const money = (minor: number, currency: string, language?: string | null) =>
  formatMoney(minor, currency, lang(language));

export type NoticeParams = Record<string, string | number>;

export const CUSTOMER_NOTICE_TYPES = [
  'vps.ready',
  'invoice.issued',
  'service.suspension_warning',
  'service.suspended',
] as const;
export const STAFF_NOTICE_TYPES = [
  'ticket.new',
  'ticket.customer_reply',
  'renewal.overdue',
  'renewal.payment_failed',
  'contabo.error',
  'order.paid',
  'payment.mismatch',
  'payment.duplicate_refunded',
  'payment.invoice_already_paid',
  'payment.auto_refund_failed',
] as const;
export type StaffNoticeType = (typeof STAFF_NOTICE_TYPES)[number];

export const customerNotice = {
  serverReady: (
    userId: string,
    language: string | null,
    d: { serverName: string; vpsId: string; ip: string },
  ) =>
    note(
      userId,
      'vps.ready',
      `/panel/servers/${d.vpsId}`,
      { serverName: d.serverName, ip: d.ip },
      {
        es: [`Tu servidor ${d.serverName} está listo`, `Ya puedes usarlo: IP ${d.ip}.`],
        en: [`Your server ${d.serverName} is ready`, `You can use it now: IP ${d.ip}.`],
      },
    )(language),

  invoiceIssued: (
    userId: string,
    language: string | null,
    d: { invoiceId: string; invoiceNumber: string; totalMinor: number; currency: string; dueAt: Date },
  ) => {
    const [amount, dueDate] = [money(d.totalMinor, d.currency, language), formatDay(d.dueAt, lang(language))];
    return note(
      userId,
      'invoice.issued',
      `/panel/invoices/${d.invoiceId}`,
      {
        invoiceNumber: d.invoiceNumber,
        amountMinor: d.totalMinor,
        currency: d.currency,
        dueDate: d.dueAt.toISOString(),
      },
      {
        es: [`Nueva factura ${d.invoiceNumber}`, `Renovación por ${amount}, vence el ${dueDate}.`],
        en: [`New invoice ${d.invoiceNumber}`, `Renewal for ${amount}, due on ${dueDate}.`],
      },
    )(language);
  },

  suspensionWarning: (
    userId: string,
    language: string | null,
    d: { invoiceId: string; serverName: string; invoiceNumber: string; suspendAt: Date },
  ) => {
    const suspendDate = formatDay(d.suspendAt, lang(language));
    return note(
      userId,
      'service.suspension_warning',
      `/panel/invoices/${d.invoiceId}?pay=1`,
      { serverName: d.serverName, invoiceNumber: d.invoiceNumber, suspendDate: d.suspendAt.toISOString() },
      {
        es: [
          `Tu servidor ${d.serverName} se suspenderá el ${suspendDate}`,
          `La factura ${d.invoiceNumber} está vencida. Págala para evitar la suspensión.`,
        ],
        en: [
          `Your server ${d.serverName} will be suspended on ${suspendDate}`,
          `Invoice ${d.invoiceNumber} is overdue. Pay it to avoid the suspension.`,
        ],
      },
    )(language);
  },

  suspended: (userId: string, language: string | null, d: { invoiceId: string; serverName: string }) =>
    note(
      userId,
      'service.suspended',
      `/panel/invoices/${d.invoiceId}?pay=1`,
      { serverName: d.serverName },
      {
        es: [
          `Servidor suspendido: ${d.serverName}`,
          'Paga la factura pendiente y lo reactivamos al momento.',
        ],
        en: [`Server suspended: ${d.serverName}`, 'Pay the open invoice and we reactivate it at once.'],
      },
    )(language),
};

/** A staff notice: its code, parameters, link and the Spanish fallback text. */
export interface StaffNotice {
  type: StaffNoticeType;
  title: string;
  body: string;
  link: string;
  params: NoticeParams;
}

const staff = (type: StaffNoticeType, link: string, params: NoticeParams, title: string, body: string) =>
  ({ type, title, body, link, params }) satisfies StaffNotice;

export const staffNotice = {
  ticketNew: (d: { ticketId: string; number: string; subject: string; customer: string }) =>
    staff(
      'ticket.new',
      `/admin/tickets/${d.ticketId}`,
      { number: d.number, subject: d.subject, customer: d.customer },
      `Nuevo ticket ${d.number}: ${d.subject}`,
      `${d.customer} abrió un ticket.`,
    ),
  ticketCustomerReply: (d: { ticketId: string; number: string; subject: string; customer: string }) =>
    staff(
      'ticket.customer_reply',
      `/admin/tickets/${d.ticketId}`,
      { number: d.number, subject: d.subject, customer: d.customer },
      `Respuesta del cliente en ${d.number}: ${d.subject}`,
      `${d.customer} respondió.`,
    ),
  renewalOverdue: (d: {
    invoiceNumber: string;
    serverName: string;
    customer: string;
    totalMinor: number;
    currency: string;
  }) =>
    staff(
      'renewal.overdue',
      `/admin/invoices?search=${encodeURIComponent(d.invoiceNumber)}`,
      {
        invoiceNumber: d.invoiceNumber,
        serverName: d.serverName,
        customer: d.customer,
        amountMinor: d.totalMinor,
        currency: d.currency,
      },
      `Renovación vencida sin pagar: ${d.serverName} (${d.invoiceNumber})`,
      `${d.customer} no pagó ${money(d.totalMinor, d.currency)}; el servidor se suspenderá si sigue sin pagarse.`,
    ),
  renewalPaymentFailed: (d: { reference: string; provider: string }) =>
    staff(
      'renewal.payment_failed',
      `/admin/invoices?search=${encodeURIComponent(d.reference)}`,
      { reference: d.reference, provider: d.provider },
      `Falló el pago de una renovación (${d.reference})`,
      `${d.provider} rechazó el pago de la factura ${d.reference}.`,
    ),
  /** `outcome`: timeout | network | server_error | auth_refused; `status` the HTTP status when there was one. */
  contaboError: (d: { operation: string; outcome: string; status: number | null; windowMinutes: number }) =>
    staff(
      'contabo.error',
      '/admin',
      {
        operation: d.operation,
        outcome: d.outcome,
        windowMinutes: d.windowMinutes,
        ...(d.status === null ? {} : { status: d.status }),
      },
      'Errores al llamar a la API de Contabo',
      `${d.operation} → ${d.status ?? d.outcome} (${d.outcome}). ` +
        `Avisamos como máximo una vez cada ${d.windowMinutes} minutos; revisa el panel y las métricas.`,
    ),
  ordersPaid: (d: { count: number; provider: string }) =>
    staff(
      'order.paid',
      '/admin/orders?status=paid',
      { count: d.count, provider: d.provider },
      d.count === 1 ? 'Pedido pagado, listo para preparar' : 'Pedidos pagados, listos para preparar',
      `${d.count} pedido(s) pagado(s) con ${d.provider}.`,
    ),
  paymentMismatch: (d: {
    paymentId: string;
    provider: string;
    reported: { amountMinor: number; currency: string };
    expected: { amountMinor: number; currency: string };
  }) =>
    staff(
      'payment.mismatch',
      `/admin/payments/${d.paymentId}`,
      {
        paymentId: d.paymentId,
        provider: d.provider,
        reportedMinor: d.reported.amountMinor,
        reportedCurrency: d.reported.currency,
        expectedMinor: d.expected.amountMinor,
        expectedCurrency: d.expected.currency,
      },
      'Pago con importe distinto al pedido',
      `${d.provider} informó ${money(d.reported.amountMinor, d.reported.currency)} para el pago ${d.paymentId}; ` +
        `se esperaba ${money(d.expected.amountMinor, d.expected.currency)}. Los pedidos no se marcaron como pagados.`,
    ),
  /** A payment for something already paid, refunded automatically: an order or an invoice (`type`). */
  duplicateRefunded: (d: {
    type: 'payment.duplicate_refunded' | 'payment.invoice_already_paid';
    paymentId: string;
    provider: string;
    reference: string;
    amountMinor: number;
    currency: string;
  }) =>
    staff(
      d.type,
      `/admin/payments/${d.paymentId}`,
      {
        paymentId: d.paymentId,
        provider: d.provider,
        reference: d.reference,
        amountMinor: d.amountMinor,
        currency: d.currency,
      },
      `Pago duplicado devuelto automáticamente (${d.reference})`,
      `El pago ${d.paymentId} de ${money(d.amountMinor, d.currency)} con ${d.provider} ` +
        (d.type === 'payment.duplicate_refunded'
          ? `llegó por un pedido que ya estaba pagado (${d.reference})`
          : `llegó para la factura ${d.reference}, que ya estaba pagada`) +
        `; se devolvió por ${d.provider}.`,
    ),
  autoRefundFailed: (d: { paymentId: string; provider: string; reference: string; error: string }) =>
    staff(
      'payment.auto_refund_failed',
      `/admin/payments/${d.paymentId}`,
      { paymentId: d.paymentId, provider: d.provider, reference: d.reference, error: d.error },
      `No se pudo devolver un pago duplicado (${d.reference})`,
      `${d.provider} rechazó la devolución del pago ${d.paymentId}: ${d.error}. Devuélvelo a mano.`,
    ),
};

function note(
  userId: string,
  type: (typeof CUSTOMER_NOTICE_TYPES)[number],
  link: string,
  params: NoticeParams,
  text: Record<Lang, [string, string]>,
) {
  return (language: string | null): NewNotification => {
    const [title, body] = text[lang(language)];
    return { userId, audience: 'user', type, title, body, link, params };
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
