import { builtIn, defineEmail } from './editable.ts';
import type { Language } from './layout.ts';

/**
 * E-mails of the service lifecycle. Amounts and dates arrive formatted in the recipient's language; every message
 * that asks for money carries the amount and a one-click link to pay that invoice.
 */
export interface InvoiceReminderData {
  name: string;
  serverName: string;
  invoiceNumber: string;
  amount: string;
  dueDate: string;
  daysLeft: number;
  link: string;
}

export interface InvoiceOverdueData {
  name: string;
  serverName: string;
  invoiceNumber: string;
  amount: string;
  dueDate: string;
  suspendDate: string;
  link: string;
}

export interface ServiceSuspendedData {
  name: string;
  serverName: string;
  invoiceNumber: string;
  amount: string;
  terminateDate: string;
  link: string;
}

export interface TerminationWarningData extends ServiceSuspendedData {
  daysLeft: number;
}

export interface ServiceReactivatedData {
  name: string;
  serverName: string;
  expiresDate: string;
  link: string;
}

export interface ServiceEndedData {
  name: string;
  serverName: string;
  /** unpaid: terminated after the suspension; cancelled: the customer asked to end it at the period end. */
  reason: 'unpaid' | 'cancelled';
  link: string;
}

/** "3 días" / "3 days": the count with its word, as the template shows it. */
export const daysText = (n: number, language: Language) =>
  language === 'es' ? `${n} ${n === 1 ? 'día' : 'días'}` : `${n} ${n === 1 ? 'day' : 'days'}`;

const PAY_LINK = 'https://cloudvertice.example/panel/invoices/ejemplo?pay=1';
const INVOICE = { name: 'Ana', serverName: 'vmi123456', invoiceNumber: 'CV-2026-000123', amount: '€13,00' };

const invoiceReminder = defineEmail({
  key: 'invoice-reminder',
  description: { es: 'Recordatorio de renovación', en: 'Renewal reminder' },
  variables: { ...INVOICE, dueDate: '15 de enero de 2026', days: '3 días', link: PAY_LINK },
  prepare: (d: InvoiceReminderData, language) => {
    const { daysLeft, ...rest } = d;
    return { ...rest, days: daysText(daysLeft, language) };
  },
  sampleData: { ...INVOICE, dueDate: '15 de enero de 2026', daysLeft: 3, link: PAY_LINK },
  es: {
    subject: 'Tu servidor <%= it.serverName %> vence en <%= it.days %> — factura <%= it.invoiceNumber %>',
    greeting: 'Hola <%= it.name %>,',
    paragraphs: [
      'La renovación de tu servidor <%= it.serverName %> vence el <%= it.dueDate %>.',
      'Factura <%= it.invoiceNumber %>: <%= it.amount %>.',
      'Págala antes de esa fecha para que tu servidor siga funcionando sin interrupciones.',
    ],
    action: { label: 'Pagar <%= it.amount %>', url: '<%= it.link %>' },
  },
  en: {
    subject: 'Your server <%= it.serverName %> is due in <%= it.days %> — invoice <%= it.invoiceNumber %>',
    greeting: 'Hello <%= it.name %>,',
    paragraphs: [
      'The renewal of your server <%= it.serverName %> is due on <%= it.dueDate %>.',
      'Invoice <%= it.invoiceNumber %>: <%= it.amount %>.',
      'Pay it before that date to keep your server running without interruption.',
    ],
    action: { label: 'Pay <%= it.amount %>', url: '<%= it.link %>' },
  },
});

const overdueSample = {
  ...INVOICE,
  dueDate: '15 de enero de 2026',
  suspendDate: '18 de enero de 2026',
  link: PAY_LINK,
};
const invoiceOverdue = defineEmail({
  key: 'invoice-overdue',
  description: { es: 'Factura vencida, aviso de suspensión', en: 'Overdue invoice, suspension warning' },
  variables: overdueSample,
  prepare: (d: InvoiceOverdueData) => ({ ...d }),
  sampleData: overdueSample,
  es: {
    subject: 'Factura vencida <%= it.invoiceNumber %> — <%= it.serverName %>',
    greeting: 'Hola <%= it.name %>,',
    paragraphs: [
      'La factura <%= it.invoiceNumber %> de tu servidor <%= it.serverName %> venció el <%= it.dueDate %> y sigue pendiente: <%= it.amount %>.',
      'Si no recibimos el pago, el servidor se suspenderá el <%= it.suspendDate %> (se apagará y no podrás usarlo hasta pagar).',
    ],
    action: { label: 'Pagar <%= it.amount %>', url: '<%= it.link %>' },
  },
  en: {
    subject: 'Overdue invoice <%= it.invoiceNumber %> — <%= it.serverName %>',
    greeting: 'Hello <%= it.name %>,',
    paragraphs: [
      'Invoice <%= it.invoiceNumber %> for your server <%= it.serverName %> was due on <%= it.dueDate %> and is still unpaid: <%= it.amount %>.',
      'If we do not receive the payment, the server will be suspended on <%= it.suspendDate %> (stopped, and locked until paid).',
    ],
    action: { label: 'Pay <%= it.amount %>', url: '<%= it.link %>' },
  },
});

const suspendedSample = { ...INVOICE, terminateDate: '1 de febrero de 2026', link: PAY_LINK };
const serviceSuspended = defineEmail({
  key: 'service-suspended',
  description: { es: 'Servidor suspendido por falta de pago', en: 'Server suspended for non-payment' },
  variables: suspendedSample,
  prepare: (d: ServiceSuspendedData) => ({ ...d }),
  sampleData: suspendedSample,
  es: {
    subject: 'Servidor suspendido: <%= it.serverName %>',
    greeting: 'Hola <%= it.name %>,',
    paragraphs: [
      'Suspendimos tu servidor <%= it.serverName %> porque la factura <%= it.invoiceNumber %> (<%= it.amount %>) no está pagada. El servidor está apagado y sus datos se conservan.',
      'Al pagar, lo reactivamos y lo encendemos automáticamente. Si sigue sin pagarse, se dará de baja el <%= it.terminateDate %>.',
    ],
    action: { label: 'Pagar <%= it.amount %>', url: '<%= it.link %>' },
  },
  en: {
    subject: 'Server suspended: <%= it.serverName %>',
    greeting: 'Hello <%= it.name %>,',
    paragraphs: [
      'We suspended your server <%= it.serverName %> because invoice <%= it.invoiceNumber %> (<%= it.amount %>) is unpaid. The server is stopped and its data is kept.',
      'Once paid, we reactivate and start it automatically. If it stays unpaid, the server will be terminated on <%= it.terminateDate %>.',
    ],
    action: { label: 'Pay <%= it.amount %>', url: '<%= it.link %>' },
  },
});

const terminationWarning = defineEmail({
  key: 'termination-warning',
  description: {
    es: 'Aviso de baja de un servidor suspendido',
    en: 'Termination warning of a suspended server',
  },
  variables: { ...suspendedSample, days: '3 días' },
  prepare: (d: TerminationWarningData, language) => {
    const { daysLeft, ...rest } = d;
    return { ...rest, days: daysText(daysLeft, language) };
  },
  sampleData: { ...suspendedSample, daysLeft: 3 },
  es: {
    subject: 'Tu servidor <%= it.serverName %> se dará de baja en <%= it.days %>',
    greeting: 'Hola <%= it.name %>,',
    paragraphs: [
      'Tu servidor <%= it.serverName %> sigue suspendido por la factura <%= it.invoiceNumber %> (<%= it.amount %>).',
      'El <%= it.terminateDate %> se dará de baja y su contenido se borrará sin posibilidad de recuperarlo. Paga antes para conservarlo.',
    ],
    action: { label: 'Pagar <%= it.amount %>', url: '<%= it.link %>' },
  },
  en: {
    subject: 'Your server <%= it.serverName %> will be terminated in <%= it.days %>',
    greeting: 'Hello <%= it.name %>,',
    paragraphs: [
      'Your server <%= it.serverName %> is still suspended for invoice <%= it.invoiceNumber %> (<%= it.amount %>).',
      'On <%= it.terminateDate %> it will be terminated and its contents erased for good. Pay before then to keep it.',
    ],
    action: { label: 'Pay <%= it.amount %>', url: '<%= it.link %>' },
  },
});

const reactivatedSample = {
  name: 'Ana',
  serverName: 'vmi123456',
  expiresDate: '15 de febrero de 2026',
  link: 'https://cloudvertice.example/panel/servers/ejemplo',
};
const serviceReactivated = defineEmail({
  key: 'service-reactivated',
  description: { es: 'Servidor reactivado tras el pago', en: 'Server reactivated after payment' },
  variables: reactivatedSample,
  prepare: (d: ServiceReactivatedData) => ({ ...d }),
  sampleData: reactivatedSample,
  es: {
    subject: 'Servidor reactivado: <%= it.serverName %>',
    greeting: 'Hola <%= it.name %>,',
    paragraphs: [
      'Recibimos tu pago. Tu servidor <%= it.serverName %> está activo de nuevo y lo estamos encendiendo.',
      'Próximo vencimiento: <%= it.expiresDate %>.',
    ],
    action: { label: 'Abrir mi servidor', url: '<%= it.link %>' },
  },
  en: {
    subject: 'Server reactivated: <%= it.serverName %>',
    greeting: 'Hello <%= it.name %>,',
    paragraphs: [
      'We received your payment. Your server <%= it.serverName %> is active again and starting now.',
      'Next due date: <%= it.expiresDate %>.',
    ],
    action: { label: 'Open my server', url: '<%= it.link %>' },
  },
});

const serviceEnded = defineEmail({
  key: 'service-ended',
  description: { es: 'Servidor dado de baja', en: 'Server terminated' },
  variables: {
    name: 'Ana',
    serverName: 'vmi123456',
    cancelled: '',
    link: 'https://cloudvertice.example/panel/invoices',
  },
  // `cancelled` is non-empty when the customer asked to end the service at the period end (else: unpaid).
  prepare: ({ reason, ...d }: ServiceEndedData) => ({ ...d, cancelled: reason === 'cancelled' ? 'yes' : '' }),
  sampleData: {
    name: 'Ana',
    serverName: 'vmi123456',
    reason: 'cancelled',
    link: 'https://cloudvertice.example/panel/invoices',
  },
  es: {
    subject: 'Servidor dado de baja: <%= it.serverName %>',
    greeting: 'Hola <%= it.name %>,',
    paragraphs: [
      '<% if (it.cancelled) { %>Como pediste, tu servidor <%= it.serverName %> terminó al final de su periodo y se dio de baja.<% } else { %>Tu servidor <%= it.serverName %> se dio de baja porque su factura no se pagó.<% } %>',
      'Tus facturas y tu cuenta siguen disponibles en el panel. Cuando quieras, puedes contratar un servidor nuevo.',
    ],
    action: { label: 'Ver mis facturas', url: '<%= it.link %>' },
  },
  en: {
    subject: 'Server terminated: <%= it.serverName %>',
    greeting: 'Hello <%= it.name %>,',
    paragraphs: [
      '<% if (it.cancelled) { %>As you asked, your server <%= it.serverName %> ended with its period and was terminated.<% } else { %>Your server <%= it.serverName %> was terminated because its invoice was not paid.<% } %>',
      'Your invoices and your account stay available in the panel. You can order a new server any time.',
    ],
    action: { label: 'See my invoices', url: '<%= it.link %>' },
  },
});

export const BILLING_EMAILS = [
  invoiceReminder,
  invoiceOverdue,
  serviceSuspended,
  terminationWarning,
  serviceReactivated,
  serviceEnded,
];

export const BILLING_TEMPLATES = {
  'invoice-reminder': builtIn(invoiceReminder),
  'invoice-overdue': builtIn(invoiceOverdue),
  'service-suspended': builtIn(serviceSuspended),
  'termination-warning': builtIn(terminationWarning),
  'service-reactivated': builtIn(serviceReactivated),
  'service-ended': builtIn(serviceEnded),
} as const;
