import { z } from 'zod';

const ZIsoDay = z.iso.date();

export const ZSalesQuery = z
  .object({
    /** First day included (UTC). */
    from: ZIsoDay,
    /** Last day included (UTC). */
    to: ZIsoDay,
    group: z.enum(['day', 'week', 'month']).default('month'),
    dimension: z.enum(['none', 'plan', 'region', 'method', 'kind']).default('none'),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict();

export const ZTaxQuery = z
  .object({ from: ZIsoDay, to: ZIsoDay, format: z.enum(['json', 'csv']).default('json') })
  .strict();

export const ZSalesFigures = z.object({
  revenueMinor: z.number().int(),
  refundsMinor: z.number().int(),
  netMinor: z.number().int(),
  taxMinor: z.number().int(),
  costMinor: z.number().int(),
  marginMinor: z.number().int(),
  invoices: z.number().int(),
  creditNotes: z.number().int(),
});

export const ZSalesRow = ZSalesFigures.extend({
  /** First day of the period (YYYY-MM-DD). */
  period: z.string().nullable(),
  /** The dimension's value (plan id, region code, payment method, `new`/`renewal`), null when none applies. */
  key: z.string().nullable(),
  label: z.string().nullable(),
});

export const ZUnconverted = z.object({ documents: z.number().int(), currencies: z.array(z.string()) });

export const ZSalesReport = z.object({
  currency: z.string(),
  from: z.string(),
  to: z.string(),
  group: z.enum(['day', 'week', 'month']),
  dimension: z.enum(['none', 'plan', 'region', 'method', 'kind']),
  rows: z.array(ZSalesRow),
  totals: ZSalesFigures,
  /** Documents left out because no exchange rate to the base currency is known (set one in the report settings). */
  unconverted: ZUnconverted,
});

export const ZTaxRow = z.object({
  country: z.string().nullable(),
  /** Taxable base: what was invoiced without tax, net of credit notes. */
  taxableMinor: z.number().int(),
  taxMinor: z.number().int(),
  totalMinor: z.number().int(),
  invoices: z.number().int(),
  creditNotes: z.number().int(),
});

export const ZTaxReport = z.object({
  currency: z.string(),
  from: z.string(),
  to: z.string(),
  rows: z.array(ZTaxRow),
  totals: ZTaxRow.omit({ country: true }),
  unconverted: ZUnconverted,
});

export type TSalesQuery = z.infer<typeof ZSalesQuery>;
export type TTaxQuery = z.infer<typeof ZTaxQuery>;
export type TSalesFigures = z.infer<typeof ZSalesFigures>;
export type TSalesRow = z.infer<typeof ZSalesRow>;
export type TSalesReport = z.infer<typeof ZSalesReport>;
export type TTaxReport = z.infer<typeof ZTaxReport>;
