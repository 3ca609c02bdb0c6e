import { layout, type Brand, type Language, type RenderedEmail } from './layout.ts';

/**
 * Support ticket e-mails. Message text is the customer's or staff's plain text: each line becomes its own paragraph
 * (the layout escapes it), so line breaks survive in HTML and nothing in it is ever rendered as markup.
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

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.length > 0);

export const TICKET_TEMPLATES = {
  /** To the customer: a staff reply (never an internal note). */
  'ticket-reply': (d: TicketReplyData, brand: Brand, language: Language): RenderedEmail =>
    language === 'es'
      ? layout(brand, language, {
          subject: `[${d.number}] ${d.subject}`,
          greeting: `Hola ${d.name},`,
          paragraphs: [`${d.staffName} respondió a tu ticket ${d.number}:`, ...lines(d.reply)],
          action: { label: 'Ver el ticket', url: d.link },
          after: ['Puedes responder desde tu panel o contestando a este correo.'],
        })
      : layout(brand, language, {
          subject: `[${d.number}] ${d.subject}`,
          greeting: `Hello ${d.name},`,
          paragraphs: [`${d.staffName} replied to your ticket ${d.number}:`, ...lines(d.reply)],
          action: { label: 'View the ticket', url: d.link },
          after: ['You can reply from your panel or by answering this e-mail.'],
        }),

  /** To the customer: the ticket closed itself after waiting on them for N days. */
  'ticket-auto-closed': (d: TicketAutoClosedData, brand: Brand, language: Language): RenderedEmail =>
    language === 'es'
      ? layout(brand, language, {
          subject: `[${d.number}] Cerramos tu ticket: ${d.subject}`,
          greeting: `Hola ${d.name},`,
          paragraphs: [
            `Cerramos el ticket ${d.number} porque no recibimos respuesta en ${d.days} días.`,
            'Si aún necesitas ayuda, responde en el ticket y lo volveremos a abrir.',
          ],
          action: { label: 'Ver el ticket', url: d.link },
        })
      : layout(brand, language, {
          subject: `[${d.number}] We closed your ticket: ${d.subject}`,
          greeting: `Hello ${d.name},`,
          paragraphs: [
            `We closed ticket ${d.number} because we had no answer for ${d.days} days.`,
            'If you still need help, reply on the ticket and we will reopen it.',
          ],
          action: { label: 'View the ticket', url: d.link },
        }),

  /** To staff: a new ticket. */
  'ticket-new-staff': (d: TicketStaffData, brand: Brand, language: Language): RenderedEmail =>
    language === 'es'
      ? layout(brand, language, {
          subject: `[${d.number}] Nuevo ticket: ${d.subject}`,
          greeting: 'Hola,',
          paragraphs: [
            `${d.customer} abrió el ticket ${d.number} (${d.department}, prioridad ${d.priority}):`,
            ...lines(d.message),
          ],
          action: { label: 'Atender el ticket', url: d.link },
        })
      : layout(brand, language, {
          subject: `[${d.number}] New ticket: ${d.subject}`,
          greeting: 'Hello,',
          paragraphs: [
            `${d.customer} opened ticket ${d.number} (${d.department}, ${d.priority} priority):`,
            ...lines(d.message),
          ],
          action: { label: 'Handle the ticket', url: d.link },
        }),

  /** To staff: the customer replied. */
  'ticket-customer-reply-staff': (d: TicketStaffData, brand: Brand, language: Language): RenderedEmail =>
    language === 'es'
      ? layout(brand, language, {
          subject: `[${d.number}] Respuesta del cliente: ${d.subject}`,
          greeting: 'Hola,',
          paragraphs: [`${d.customer} respondió en el ticket ${d.number}:`, ...lines(d.message)],
          action: { label: 'Atender el ticket', url: d.link },
        })
      : layout(brand, language, {
          subject: `[${d.number}] Customer reply: ${d.subject}`,
          greeting: 'Hello,',
          paragraphs: [`${d.customer} replied on ticket ${d.number}:`, ...lines(d.message)],
          action: { label: 'Handle the ticket', url: d.link },
        }),
} as const;
