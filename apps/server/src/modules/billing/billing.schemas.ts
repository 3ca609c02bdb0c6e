import { z } from 'zod';
import { INVOICE_STATUSES } from '../../db/statuses.ts';
import { zInt32, zStrictDate } from '../../lib/input.ts';
import { ZPagination } from '../../lib/pagination.ts';

export { INVOICE_STATUSES };

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
  type: z.enum(['invoice', 'credit_note']),
  /** A credit note's invoice. */
  referenceInvoiceId: z.uuid().nullable(),
  referenceInvoiceNumber: z.string().nullable(),
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

export const ZInvoiceTransaction = z.object({
  id: z.uuid(),
  kind: z.enum(['payment', 'refund']),
  provider: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
  status: z.string(),
  reference: z.string().nullable(),
  createdAt: z.date(),
});

export const ZInvoiceDetail = ZInvoice.extend({
  language: z.string(),
  billTo: ZParty,
  seller: ZParty,
  items: z.array(ZInvoiceItem),
  /** Unpaid (issued or overdue) and so payable with any enabled payment method. */
  payable: z.boolean(),
  transactions: z.array(ZInvoiceTransaction),
  creditNotes: z.array(
    z.object({
      id: z.uuid(),
      invoiceNumber: z.string().nullable(),
      totalMinor: z.number().int(),
      issuedAt: z.date().nullable(),
    }),
  ),
});

export const ZInvoiceSummary = z.object({
  unpaidCount: z.number().int(),
  overdueCount: z.number().int(),
  totals: z.array(z.object({ currency: z.string(), totalMinor: z.number().int() })),
  nextDueAt: z.date().nullable(),
  firstUnpaidId: z.uuid().nullable(),
});

export const ZCreditNoteRequest = z.object({
  reason: z.string().trim().min(1).max(500),
  /** Total to credit, tax included; defaults to what is left of the invoice. */
  amountMinor: zInt32().positive().optional(),
  /**
   * The money given back: `{ throughGateway: true }` refunds it through the gateway that took the payment (Stripe,
   * MercadoPago, PayPal); `{ provider, reference }` records a refund made elsewhere (a bank transfer back …).
   */
  refund: z
    .union([
      z.object({ throughGateway: z.literal(true) }),
      z.object({
        provider: z.string().trim().min(1).max(30),
        reference: z.string().trim().min(1).max(200),
      }),
    ])
    .optional(),
});

export const ZJobRun = z.object({
  id: z.uuid(),
  job: z.string(),
  status: z.string(),
  counts: z.record(z.string(), z.number()),
  error: z.string().nullable(),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
});

export const ZAdminTask = z.object({
  id: z.uuid(),
  type: z.string(),
  /** Spanish fallback; with `params` the web renders `adminTasks.<type>` in the reader's language. */
  title: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
  /** What staff typed (and, on tasks written before params existed, the platform's notes). */
  notes: z.string().nullable(),
  status: z.string(),
  vpsInstanceId: z.uuid().nullable(),
  createdAt: z.date(),
  doneAt: z.date().nullable(),
});

export const ZTaskDoneRequest = z.object({ notes: z.string().trim().max(1000).optional() }).nullish();

export const ZAdminService = z.object({
  id: z.uuid(),
  displayName: z.string().nullable(),
  name: z.string().nullable(),
  contaboInstanceId: z.number().int(),
  userId: z.uuid(),
  customerEmail: z.string(),
  serviceStatus: z.string(),
  expiresAt: z.date().nullable(),
  suspendedAt: z.date().nullable(),
  terminatedAt: z.date().nullable(),
  terminatesAt: z.date().nullable(),
  autoRenew: z.boolean(),
  cancelAtPeriodEnd: z.boolean(),
  periodMonths: z.number().int(),
  openInvoiceId: z.uuid().nullable(),
});

export const ZRenewalRequest = z
  .object({ autoRenew: z.boolean().optional(), cancelAtPeriodEnd: z.boolean().optional() })
  .refine((v) => v.autoRenew !== undefined || v.cancelAtPeriodEnd !== undefined, {
    message: 'Give autoRenew or cancelAtPeriodEnd',
  });

export const ZBillingSettings = z.object({
  invoicePrefix: z
    .string()
    .min(1)
    .max(10)
    .regex(/^[A-Za-z0-9]+$/)
    // `P` is the order series: an invoice numbered like an order would bring the collision back.
    .refine((prefix) => prefix.toUpperCase() !== 'P', { message: 'P is reserved for order numbers' }),
  taxName: z.string().max(30),
  taxRate: z.number().min(0).max(100),
  taxMode: z.enum(['inclusive', 'exclusive']),
  taxRatesByCountry: z.record(z.string().regex(/^[A-Z]{2}$/), z.number().min(0).max(100)),
  renewalDaysBefore: z.number().int().min(1).max(60),
  reminderDays: z.array(z.number().int().min(1).max(60)).max(5),
  suspendAfterDays: z.number().int().min(0).max(60),
  terminateAfterDays: z.number().int().min(1).max(365),
  terminationWarningDays: z.number().int().min(1).max(30),
  cancelAtContabo: z.boolean(),
});

export const ZAdminInvoice = ZInvoice.extend({ userId: z.uuid(), customerEmail: z.string() });

export const ZInvoiceQuery = ZPagination.extend({
  /** unpaid = issued or overdue. */
  status: z.enum([...INVOICE_STATUSES, 'unpaid']).optional(),
});

export const ZAdminInvoiceQuery = ZPagination.extend({
  status: z.enum([...INVOICE_STATUSES, 'unpaid']).optional(),
  type: z.enum(['invoice', 'credit_note']).optional(),
  /** Matches the invoice number or the customer's e-mail. */
  search: z.string().trim().min(1).max(200).optional(),
  /** Issued at or after (ISO date or date-time). */
  from: zStrictDate().optional(),
  /** Issued before. */
  to: zStrictDate().optional(),
});

export const ZExportQuery = z.object({ from: zStrictDate(), to: zStrictDate() });

export const ZVoidRequest = z.object({ reason: z.string().trim().max(500).optional() }).nullish();

export const ZMarkPaidRequest = z.object({ reference: z.string().trim().min(1).max(200) });

export type TInvoice = z.infer<typeof ZInvoice>;
export type TInvoiceDetail = z.infer<typeof ZInvoiceDetail>;
export type TAdminInvoice = z.infer<typeof ZAdminInvoice>;
export type TParty = z.infer<typeof ZParty>;
export type TAdminInvoiceQuery = z.infer<typeof ZAdminInvoiceQuery>;
export type TInvoiceQuery = z.infer<typeof ZInvoiceQuery>;
export type TInvoiceSummary = z.infer<typeof ZInvoiceSummary>;
export type TCreditNoteRequest = z.infer<typeof ZCreditNoteRequest>;
export type TJobRun = z.infer<typeof ZJobRun>;
export type TAdminTask = z.infer<typeof ZAdminTask>;
export type TAdminService = z.infer<typeof ZAdminService>;
export type TBillingSettings = z.infer<typeof ZBillingSettings>;
