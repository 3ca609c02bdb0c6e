import type { TFunction } from 'i18next';

// In-app notification types the server writes with `params` (see the server's `modules/notifications/in-app.ts`);
// each has `notices.<type>.title` and `.body` in both locale files, rendered with its parameters in the reader's
// language. A notification stored before params existed (params null) or of an unknown type shows its stored text.
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
export const NOTICE_TYPES = [...CUSTOMER_NOTICE_TYPES, ...STAFF_NOTICE_TYPES] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];
export const isNoticeType = (type: string): type is NoticeType =>
  (NOTICE_TYPES as readonly string[]).includes(type);

export type NoticeParams = Record<string, string | number>;

/** Example parameters of each type, as the server stores them (used to check every translation renders fully). */
export const NOTICE_EXAMPLES: Record<NoticeType, NoticeParams> = {
  'vps.ready': { serverName: 'web-01', ip: '203.0.113.10' },
  'invoice.issued': {
    invoiceNumber: 'CV-2026-000012',
    amountMinor: 1299,
    currency: 'USD',
    dueDate: '2026-03-10T00:00:00.000Z',
  },
  'service.suspension_warning': {
    serverName: 'web-01',
    invoiceNumber: 'CV-2026-000012',
    suspendDate: '2026-03-13T00:00:00.000Z',
  },
  'service.suspended': { serverName: 'web-01' },
  'ticket.new': { number: 'T-000042', subject: 'No arranca', customer: 'Ana Pérez' },
  'ticket.customer_reply': { number: 'T-000042', subject: 'No arranca', customer: 'Ana Pérez' },
  'renewal.overdue': {
    invoiceNumber: 'CV-2026-000012',
    serverName: 'web-01',
    customer: 'ana@example.com',
    amountMinor: 1299,
    currency: 'USD',
  },
  'renewal.payment_failed': { reference: 'CV-2026-000012', provider: 'stripe' },
  'contabo.error': {
    operation: 'GET /v1/compute/instances',
    outcome: 'server_error',
    status: 503,
    windowMinutes: 15,
  },
  'order.paid': { count: 2, provider: 'sandbox' },
  'payment.mismatch': {
    paymentId: '0b7d3f7e-52c1-4f7b-9a51-3f0a8a3c2d11',
    provider: 'mercadopago',
    reportedMinor: 4499,
    reportedCurrency: 'USD',
    expectedMinor: 4599,
    expectedCurrency: 'USD',
  },
  'payment.duplicate_refunded': {
    paymentId: '0b7d3f7e-52c1-4f7b-9a51-3f0a8a3c2d11',
    provider: 'stripe',
    reference: 'P-2026-000007',
    amountMinor: 4599,
    currency: 'USD',
  },
  'payment.invoice_already_paid': {
    paymentId: '0b7d3f7e-52c1-4f7b-9a51-3f0a8a3c2d11',
    provider: 'paypal',
    reference: 'CV-2026-000012',
    amountMinor: 1299,
    currency: 'USD',
  },
  'payment.auto_refund_failed': {
    paymentId: '0b7d3f7e-52c1-4f7b-9a51-3f0a8a3c2d11',
    provider: 'stripe',
    reference: 'P-2026-000007',
    error: 'charge_already_refunded',
  },
};

/** How stored values read in the reader's language. */
export interface NoticeNames {
  money: (minor: number, currency: string) => string;
  date: (iso: string) => string;
}

/** A payment gateway's name for staff (Stripe, PayPal…; the sandbox and bank transfer by their customer names). */
export const providerName = (id: string, t: TFunction): string =>
  t(`admin.settings.payments.${id}.name`, {
    defaultValue: t(`payment.providers.${id}.name`, { defaultValue: id }),
  });

/**
 * The i18next options of a coded notice: amounts from minor units and currency, dates in the reader's format, a
 * payment gateway's name, a Contabo failure as its status and translated outcome, a count of orders as `count`.
 */
export function noticeOptions(params: NoticeParams, names: NoticeNames, t: TFunction): NoticeParams {
  const options: NoticeParams = { ...params };
  const money = (minor: string, currency: string, into: string) => {
    const [amount, code] = [options[minor], options[currency]];
    if (typeof amount === 'number' && typeof code === 'string') options[into] = names.money(amount, code);
  };
  money('amountMinor', 'currency', 'amount');
  money('reportedMinor', 'reportedCurrency', 'reported');
  money('expectedMinor', 'expectedCurrency', 'expected');
  for (const key of ['dueDate', 'suspendDate']) {
    const value = options[key];
    if (typeof value === 'string') options[key] = names.date(value);
  }
  if (typeof options.provider === 'string') options.provider = providerName(options.provider, t);
  if (typeof options.outcome === 'string') {
    const outcome = t(`notices.outcomes.${options.outcome}`, { defaultValue: options.outcome });
    options.result = options.status === undefined ? outcome : `${options.status} (${outcome})`;
  }
  return options;
}

/** A notification's title and body in the reader's language: translated when coded, else as stored. */
export function noticeText(
  notice: { type: string; title: string; body: string; params?: NoticeParams | null },
  names: NoticeNames,
  t: TFunction,
): { title: string; body: string } {
  if (!notice.params || !isNoticeType(notice.type)) return { title: notice.title, body: notice.body };
  const options = noticeOptions(notice.params, names, t);
  return {
    title: t(`notices.${notice.type}.title`, options),
    body: t(`notices.${notice.type}.body`, options),
  };
}
