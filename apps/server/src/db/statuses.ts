/** The values `invoices.status` takes; the response schemas of every module that shows an invoice use this list. */
export const INVOICE_STATUSES = ['draft', 'issued', 'paid', 'overdue', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
