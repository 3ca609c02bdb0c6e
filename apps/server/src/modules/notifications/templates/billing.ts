import { layout, type Brand, type Language, type RenderedEmail } from './layout.ts';

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

const days = (n: number, language: Language) =>
  language === 'es' ? `${n} ${n === 1 ? 'día' : 'días'}` : `${n} ${n === 1 ? 'day' : 'days'}`;

export const BILLING_TEMPLATES = {
  'invoice-reminder': (d: InvoiceReminderData, brand: Brand, language: Language): RenderedEmail =>
    language === 'es'
      ? layout(brand, language, {
          subject: `Tu servidor ${d.serverName} vence en ${days(d.daysLeft, language)} — factura ${d.invoiceNumber}`,
          greeting: `Hola ${d.name},`,
          paragraphs: [
            `La renovación de tu servidor ${d.serverName} vence el ${d.dueDate}.`,
            `Factura ${d.invoiceNumber}: ${d.amount}.`,
            'Págala antes de esa fecha para que tu servidor siga funcionando sin interrupciones.',
          ],
          action: { label: `Pagar ${d.amount}`, url: d.link },
        })
      : layout(brand, language, {
          subject: `Your server ${d.serverName} is due in ${days(d.daysLeft, language)} — invoice ${d.invoiceNumber}`,
          greeting: `Hello ${d.name},`,
          paragraphs: [
            `The renewal of your server ${d.serverName} is due on ${d.dueDate}.`,
            `Invoice ${d.invoiceNumber}: ${d.amount}.`,
            'Pay it before that date to keep your server running without interruption.',
          ],
          action: { label: `Pay ${d.amount}`, url: d.link },
        }),

  'invoice-overdue': (d: InvoiceOverdueData, brand: Brand, language: Language): RenderedEmail =>
    language === 'es'
      ? layout(brand, language, {
          subject: `Factura vencida ${d.invoiceNumber} — ${d.serverName}`,
          greeting: `Hola ${d.name},`,
          paragraphs: [
            `La factura ${d.invoiceNumber} de tu servidor ${d.serverName} venció el ${d.dueDate} y sigue pendiente: ${d.amount}.`,
            `Si no recibimos el pago, el servidor se suspenderá el ${d.suspendDate} (se apagará y no podrás usarlo hasta pagar).`,
          ],
          action: { label: `Pagar ${d.amount}`, url: d.link },
        })
      : layout(brand, language, {
          subject: `Overdue invoice ${d.invoiceNumber} — ${d.serverName}`,
          greeting: `Hello ${d.name},`,
          paragraphs: [
            `Invoice ${d.invoiceNumber} for your server ${d.serverName} was due on ${d.dueDate} and is still unpaid: ${d.amount}.`,
            `If we do not receive the payment, the server will be suspended on ${d.suspendDate} (stopped, and locked until paid).`,
          ],
          action: { label: `Pay ${d.amount}`, url: d.link },
        }),

  'service-suspended': (d: ServiceSuspendedData, brand: Brand, language: Language): RenderedEmail =>
    language === 'es'
      ? layout(brand, language, {
          subject: `Servidor suspendido: ${d.serverName}`,
          greeting: `Hola ${d.name},`,
          paragraphs: [
            `Suspendimos tu servidor ${d.serverName} porque la factura ${d.invoiceNumber} (${d.amount}) no está pagada. El servidor está apagado y sus datos se conservan.`,
            `Al pagar, lo reactivamos y lo encendemos automáticamente. Si sigue sin pagarse, se dará de baja el ${d.terminateDate}.`,
          ],
          action: { label: `Pagar ${d.amount}`, url: d.link },
        })
      : layout(brand, language, {
          subject: `Server suspended: ${d.serverName}`,
          greeting: `Hello ${d.name},`,
          paragraphs: [
            `We suspended your server ${d.serverName} because invoice ${d.invoiceNumber} (${d.amount}) is unpaid. The server is stopped and its data is kept.`,
            `Once paid, we reactivate and start it automatically. If it stays unpaid, the server will be terminated on ${d.terminateDate}.`,
          ],
          action: { label: `Pay ${d.amount}`, url: d.link },
        }),

  'termination-warning': (d: TerminationWarningData, brand: Brand, language: Language): RenderedEmail =>
    language === 'es'
      ? layout(brand, language, {
          subject: `Tu servidor ${d.serverName} se dará de baja en ${days(d.daysLeft, language)}`,
          greeting: `Hola ${d.name},`,
          paragraphs: [
            `Tu servidor ${d.serverName} sigue suspendido por la factura ${d.invoiceNumber} (${d.amount}).`,
            `El ${d.terminateDate} se dará de baja y su contenido se borrará sin posibilidad de recuperarlo. Paga antes para conservarlo.`,
          ],
          action: { label: `Pagar ${d.amount}`, url: d.link },
        })
      : layout(brand, language, {
          subject: `Your server ${d.serverName} will be terminated in ${days(d.daysLeft, language)}`,
          greeting: `Hello ${d.name},`,
          paragraphs: [
            `Your server ${d.serverName} is still suspended for invoice ${d.invoiceNumber} (${d.amount}).`,
            `On ${d.terminateDate} it will be terminated and its contents erased for good. Pay before then to keep it.`,
          ],
          action: { label: `Pay ${d.amount}`, url: d.link },
        }),

  'service-reactivated': (d: ServiceReactivatedData, brand: Brand, language: Language): RenderedEmail =>
    language === 'es'
      ? layout(brand, language, {
          subject: `Servidor reactivado: ${d.serverName}`,
          greeting: `Hola ${d.name},`,
          paragraphs: [
            `Recibimos tu pago. Tu servidor ${d.serverName} está activo de nuevo y lo estamos encendiendo.`,
            `Próximo vencimiento: ${d.expiresDate}.`,
          ],
          action: { label: 'Abrir mi servidor', url: d.link },
        })
      : layout(brand, language, {
          subject: `Server reactivated: ${d.serverName}`,
          greeting: `Hello ${d.name},`,
          paragraphs: [
            `We received your payment. Your server ${d.serverName} is active again and starting now.`,
            `Next due date: ${d.expiresDate}.`,
          ],
          action: { label: 'Open my server', url: d.link },
        }),

  'service-ended': (d: ServiceEndedData, brand: Brand, language: Language): RenderedEmail =>
    language === 'es'
      ? layout(brand, language, {
          subject: `Servidor dado de baja: ${d.serverName}`,
          greeting: `Hola ${d.name},`,
          paragraphs: [
            d.reason === 'cancelled'
              ? `Como pediste, tu servidor ${d.serverName} terminó al final de su periodo y se dio de baja.`
              : `Tu servidor ${d.serverName} se dio de baja porque su factura no se pagó.`,
            'Tus facturas y tu cuenta siguen disponibles en el panel. Cuando quieras, puedes contratar un servidor nuevo.',
          ],
          action: { label: 'Ver mis facturas', url: d.link },
        })
      : layout(brand, language, {
          subject: `Server terminated: ${d.serverName}`,
          greeting: `Hello ${d.name},`,
          paragraphs: [
            d.reason === 'cancelled'
              ? `As you asked, your server ${d.serverName} ended with its period and was terminated.`
              : `Your server ${d.serverName} was terminated because its invoice was not paid.`,
            'Your invoices and your account stay available in the panel. You can order a new server any time.',
          ],
          action: { label: 'See my invoices', url: d.link },
        }),
} as const;
