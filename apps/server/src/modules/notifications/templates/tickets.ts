import { builtIn, defineEmail } from './editable.ts';
import { daysText } from './billing.ts';

/**
 * Support ticket e-mails. Message text is the customer's or staff's plain text: it is a quoted block, escaped in HTML
 * and shown with its line breaks, so nothing in it is ever rendered as markup.
 */
export interface TicketReplyData {
  name: string;
  number: string;
  subject: string;
  reply: string;
  staffName: string;
  link: string;
}
export interface TicketAutoClosedData {
  name: string;
  number: string;
  subject: string;
  days: number;
  link: string;
}
export interface TicketStaffData {
  number: string;
  subject: string;
  customer: string;
  department: string;
  priority: string;
  message: string;
  link: string;
}

/** Trailing spaces and blank lines dropped, as the e-mail shows a message. */
const tidy = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.length > 0)
    .join('\n');

const TICKET = { number: 'CV-T-000123', subject: 'Mi servidor no arranca' };
const CUSTOMER_LINK = 'https://cloudvertice.example/panel/support/ejemplo';
const STAFF_LINK = 'https://cloudvertice.example/admin/tickets/ejemplo';

const replySample = {
  ...TICKET,
  name: 'Ana',
  reply: 'Hola Ana,\nya reiniciamos tu servidor.',
  staffName: 'Sofía',
  link: CUSTOMER_LINK,
};
/** To the customer: a staff reply (never an internal note). */
const ticketReply = defineEmail({
  key: 'ticket-reply',
  description: { es: 'Respuesta del equipo a un ticket', en: 'Staff reply on a ticket' },
  variables: replySample,
  prepare: (d: TicketReplyData) => ({ ...d, reply: tidy(d.reply) }),
  sampleData: replySample,
  es: {
    subject: '[<%= it.number %>] <%= it.subject %>',
    greeting: 'Hola <%= it.name %>,',
    paragraphs: ['<%= it.staffName %> respondió a tu ticket <%= it.number %>:'],
    quote: '<%= it.reply %>',
    action: { label: 'Ver el ticket', url: '<%= it.link %>' },
    after: ['Puedes responder desde tu panel o contestando a este correo.'],
  },
  en: {
    subject: '[<%= it.number %>] <%= it.subject %>',
    greeting: 'Hello <%= it.name %>,',
    paragraphs: ['<%= it.staffName %> replied to your ticket <%= it.number %>:'],
    quote: '<%= it.reply %>',
    action: { label: 'View the ticket', url: '<%= it.link %>' },
    after: ['You can reply from your panel or by answering this e-mail.'],
  },
});

/** To the customer: the ticket closed itself after waiting on them for N days. */
const ticketAutoClosed = defineEmail({
  key: 'ticket-auto-closed',
  description: { es: 'Ticket cerrado por falta de respuesta', en: 'Ticket closed for lack of an answer' },
  variables: { ...TICKET, name: 'Ana', days: '5 días', link: CUSTOMER_LINK },
  prepare: (d: TicketAutoClosedData, language) => ({ ...d, days: daysText(d.days, language) }),
  sampleData: { ...TICKET, name: 'Ana', days: 5, link: CUSTOMER_LINK },
  es: {
    subject: '[<%= it.number %>] Cerramos tu ticket: <%= it.subject %>',
    greeting: 'Hola <%= it.name %>,',
    paragraphs: [
      'Cerramos el ticket <%= it.number %> porque no recibimos respuesta en <%= it.days %>.',
      'Si aún necesitas ayuda, responde en el ticket y lo volveremos a abrir.',
    ],
    action: { label: 'Ver el ticket', url: '<%= it.link %>' },
  },
  en: {
    subject: '[<%= it.number %>] We closed your ticket: <%= it.subject %>',
    greeting: 'Hello <%= it.name %>,',
    paragraphs: [
      'We closed ticket <%= it.number %> because we had no answer for <%= it.days %>.',
      'If you still need help, reply on the ticket and we will reopen it.',
    ],
    action: { label: 'View the ticket', url: '<%= it.link %>' },
  },
});

const staffSample = {
  ...TICKET,
  customer: 'Ana Pérez <ana@example.com>',
  department: 'technical',
  priority: 'high',
  message: 'Desde esta mañana no responde por SSH.',
  link: STAFF_LINK,
};
const prepareStaff = (d: TicketStaffData) => ({ ...d, message: tidy(d.message) });

/** To staff: a new ticket. */
const ticketNewStaff = defineEmail({
  key: 'ticket-new-staff',
  description: { es: 'Nuevo ticket (al equipo)', en: 'New ticket (to staff)' },
  variables: staffSample,
  prepare: prepareStaff,
  sampleData: staffSample,
  es: {
    subject: '[<%= it.number %>] Nuevo ticket: <%= it.subject %>',
    greeting: 'Hola,',
    paragraphs: [
      '<%= it.customer %> abrió el ticket <%= it.number %> (<%= it.department %>, prioridad <%= it.priority %>):',
    ],
    quote: '<%= it.message %>',
    action: { label: 'Atender el ticket', url: '<%= it.link %>' },
  },
  en: {
    subject: '[<%= it.number %>] New ticket: <%= it.subject %>',
    greeting: 'Hello,',
    paragraphs: [
      '<%= it.customer %> opened ticket <%= it.number %> (<%= it.department %>, <%= it.priority %> priority):',
    ],
    quote: '<%= it.message %>',
    action: { label: 'Handle the ticket', url: '<%= it.link %>' },
  },
});

/** To staff: the customer replied. */
const ticketCustomerReplyStaff = defineEmail({
  key: 'ticket-customer-reply-staff',
  description: { es: 'Respuesta del cliente (al equipo)', en: 'Customer reply (to staff)' },
  variables: staffSample,
  prepare: prepareStaff,
  sampleData: staffSample,
  es: {
    subject: '[<%= it.number %>] Respuesta del cliente: <%= it.subject %>',
    greeting: 'Hola,',
    paragraphs: ['<%= it.customer %> respondió en el ticket <%= it.number %>:'],
    quote: '<%= it.message %>',
    action: { label: 'Atender el ticket', url: '<%= it.link %>' },
  },
  en: {
    subject: '[<%= it.number %>] Customer reply: <%= it.subject %>',
    greeting: 'Hello,',
    paragraphs: ['<%= it.customer %> replied on ticket <%= it.number %>:'],
    quote: '<%= it.message %>',
    action: { label: 'Handle the ticket', url: '<%= it.link %>' },
  },
});

export const TICKET_EMAILS = [ticketReply, ticketAutoClosed, ticketNewStaff, ticketCustomerReplyStaff];

export const TICKET_TEMPLATES = {
  'ticket-reply': builtIn(ticketReply),
  'ticket-auto-closed': builtIn(ticketAutoClosed),
  'ticket-new-staff': builtIn(ticketNewStaff),
  'ticket-customer-reply-staff': builtIn(ticketCustomerReplyStaff),
} as const;
