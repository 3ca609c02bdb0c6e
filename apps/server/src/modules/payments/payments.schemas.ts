import { z } from 'zod';
import { INVOICE_STATUSES } from '../../db/statuses.ts';
import { ORDER_STATUSES } from '../orders/orders.state.ts';
import { zInt32 } from '../../lib/input.ts';

export const PROVIDERS = ['stripe', 'mercadopago', 'paypal', 'bank_transfer', 'sandbox'] as const;
export type ProviderId = (typeof PROVIDERS)[number];

export const ZPayRequest = z.object({
  provider: z.enum(PROVIDERS),
  /** `order` pays this order; `checkout` pays every unpaid order placed with it from the same cart. */
  scope: z.enum(['order', 'checkout']).default('order'),
});

export const ZInvoicePayRequest = z.object({ provider: z.enum(PROVIDERS) });

export const ZBankInstructions = z.object({
  bankName: z.string(),
  accountHolder: z.string(),
  accountNumber: z.string(),
  swift: z.string(),
  reference: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
  note: z.string(),
});

export const ZPayment = z.object({
  id: z.uuid(),
  provider: z.enum(PROVIDERS),
  status: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
  providerAmountMinor: z.number().int().nullable(),
  providerCurrency: z.string().nullable(),
  orders: z.array(
    z.object({
      id: z.uuid(),
      orderNumber: z.string(),
      status: z.enum(ORDER_STATUSES),
      totalMinor: z.number().int(),
    }),
  ),
  /** Set when the payment is for an invoice (a renewal) rather than for orders. */
  invoice: z
    .object({
      id: z.uuid(),
      invoiceNumber: z.string().nullable(),
      status: z.enum(INVOICE_STATUSES),
      totalMinor: z.number().int(),
      currency: z.string(),
    })
    .nullable(),
  redirectUrl: z.string().nullable(),
  instructions: ZBankInstructions.nullable(),
  createdAt: z.date(),
});

export const ZProviderInfo = z.object({
  id: z.enum(PROVIDERS),
  currency: z.string(),
  sandbox: z.boolean(),
});

export const ZManualPayment = z.object({
  reference: z.string().trim().min(3).max(255),
  amountMinor: zInt32().positive().optional(),
});

export type TPayRequest = z.infer<typeof ZPayRequest>;
export type TInvoicePayRequest = z.infer<typeof ZInvoicePayRequest>;
export type TPayment = z.infer<typeof ZPayment>;
export type TBankInstructions = z.infer<typeof ZBankInstructions>;
export type TProviderInfo = z.infer<typeof ZProviderInfo>;
