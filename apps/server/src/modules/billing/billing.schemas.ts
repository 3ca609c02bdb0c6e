import { z } from 'zod';
import { ZPagination } from '../../lib/pagination.ts';

export const INVOICE_STATUSES = ['draft', 'issued', 'paid', 'overdue', 'void'] as const;

export const ZParty = z.object({
  name: z.string(),
  companyName: z.string().nullable().optional(),
  taxId: z.string().nullable().optional(),
  address: z.string().nullable().optional(),
  country: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
});

export const ZInvoiceItem = z.object({
  description: z.string(),
  quantity: z.number().int(),
  unitPriceMinor: z.number().int(),
  discountMinor: z.number().int(),
  taxMinor: z.number().int(),
  totalMinor: z.number().int(),
  periodStart: z.date().nullable(),
  periodEnd: z.date().nullable(),
});

export const ZInvoice = z.object({
  id: z.uuid(),
  invoiceNumber: z.string().nullable(),
  type: z.string(),
  status: z.enum(INVOICE_STATUSES),
  orderId: z.uuid().nullable(),
  vpsInstanceId: z.uuid().nullable(),
  currency: z.string(),
  subtotalMinor: z.number().int(),
  discountMinor: z.number().int(),
  taxMinor: z.number().int(),
  totalMinor: z.number().int(),
  taxName: z.string().nullable(),
  taxRate: z.number().nullable(),
  taxMode: z.enum(['inclusive', 'exclusive']),
  periodStart: z.date().nullable(),
  periodEnd: z.date().nullable(),
  issuedAt: z.date().nullable(),
  dueAt: z.date().nullable(),
  paidAt: z.date().nullable(),
  voidedAt: z.date().nullable(),
});

export const ZInvoiceDetail = ZInvoice.extend({
  language: z.string(),
  billTo: ZParty,
  seller: ZParty,
  items: z.array(ZInvoiceItem),
});

export const ZAdminInvoice = ZInvoice.extend({ userId: z.uuid(), customerEmail: z.string() });

export const ZInvoiceQuery = ZPagination;

export const ZAdminInvoiceQuery = ZPagination.extend({
  status: z.enum(INVOICE_STATUSES).optional(),
  /** Matches the invoice number or the customer's e-mail. */
  search: z.string().trim().min(1).max(200).optional(),
  /** Issued at or after (ISO date or date-time). */
  from: z.coerce.date().optional(),
  /** Issued before. */
  to: z.coerce.date().optional(),
});

export const ZExportQuery = z.object({ from: z.coerce.date(), to: z.coerce.date() });

export const ZVoidRequest = z.object({ reason: z.string().trim().max(500).optional() }).nullish();

export const ZMarkPaidRequest = z.object({ reference: z.string().trim().min(1).max(200) });

export type TInvoice = z.infer<typeof ZInvoice>;
export type TInvoiceDetail = z.infer<typeof ZInvoiceDetail>;
export type TAdminInvoice = z.infer<typeof ZAdminInvoice>;
export type TParty = z.infer<typeof ZParty>;
export type TAdminInvoiceQuery = z.infer<typeof ZAdminInvoiceQuery>;
