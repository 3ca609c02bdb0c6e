// Rules of the admin invoices page that need no screen: the date filter's days, the credit note form's checks and
// the request it sends, the export period's checks.
import { z } from 'zod';
import type { CreditNoteRequest } from '../../../api/models.ts';
import { requiredText } from '../../../components/form/validation.ts';
import { parseAmount } from '../../../lib/format.ts';

/** Ways a credit note's money can go back by hand (the gateway refund goes through the invoice's own gateway). */
export const REFUND_PROVIDERS = ['bank_transfer', 'stripe', 'mercadopago', 'paypal', 'sandbox'] as const;
const DAY_MS = 86_400_000;

/** `yyyy-mm-dd` of a local date. */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The day after `yyyy-mm-dd` (the API's `to` is exclusive; the form's "hasta" includes its day). */
export function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

export const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** A credit note: a reason, an optional partial amount (up to the invoice's total), how the money goes back. */
export function creditSchema(currency: string, maxMinor: number) {
  return z
    .object({
      reason: requiredText(500),
      amount: z.string().refine((value) => {
        if (value.trim() === '') return true;
        const minor = parseAmount(value, currency);
        return minor !== null && minor > 0 && minor <= maxMinor;
      }, 'validation.amount'),
      refund: z.enum(['none', 'gateway', 'manual']),
      provider: z.string(),
      reference: z.string().trim().max(200, 'validation.tooLong'),
    })
    .refine((values) => values.refund !== 'manual' || values.reference.length > 0, {
      path: ['reference'],
      message: 'validation.required',
    });
}
export type CreditValues = z.infer<ReturnType<typeof creditSchema>>;

/** The body of `POST /api/admin/invoices/:id/credit-notes`: no amount means the whole invoice. */
export function creditNoteBody(values: CreditValues, currency: string): CreditNoteRequest {
  const amountMinor = values.amount.trim() ? parseAmount(values.amount, currency) : null;
  return {
    reason: values.reason,
    ...(amountMinor !== null ? { amountMinor } : {}),
    ...(values.refund === 'gateway' ? { refund: { throughGateway: true as const } } : {}),
    ...(values.refund === 'manual'
      ? { refund: { provider: values.provider, reference: values.reference } }
      : {}),
  };
}

/** The export period: two days, the second not before the first (both included). */
export const exportSchema = z
  .object({
    from: z.string().refine(isDay, 'validation.required'),
    to: z.string().refine(isDay, 'validation.required'),
  })
  .refine((values) => values.to >= values.from, { path: ['to'], message: 'validation.dateRange' });
