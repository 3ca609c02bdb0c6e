import { percentOf, roundMinor } from '../../lib/money.ts';

export type TaxMode = 'inclusive' | 'exclusive';

export interface LineInput {
  description: string;
  quantity: number;
  unitPriceMinor: number;
  discountMinor?: number;
  periodStart?: Date | null;
  periodEnd?: Date | null;
}

export interface ComputedLine extends Required<LineInput> {
  taxMinor: number;
  totalMinor: number;
}

export interface InvoiceTotals {
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
}

/**
 * Tax per line, in integer minor units. Exclusive: the tax is added on top of the net amount. Inclusive: the amount
 * already contains the tax, which is extracted (net = amount / (1 + rate)), so the total stays what the customer saw.
 */
export function computeLine(line: LineInput, taxRate: number, taxMode: TaxMode): ComputedLine {
  const discountMinor = line.discountMinor ?? 0;
  const net = line.unitPriceMinor * line.quantity - discountMinor;
  const taxMinor =
    taxMode === 'exclusive' ? percentOf(net, taxRate) : net - roundMinor((net * 100) / (100 + taxRate));
  return {
    description: line.description,
    quantity: line.quantity,
    unitPriceMinor: line.unitPriceMinor,
    discountMinor,
    periodStart: line.periodStart ?? null,
    periodEnd: line.periodEnd ?? null,
    taxMinor,
    totalMinor: taxMode === 'exclusive' ? net + taxMinor : net,
  };
}

export function sumLines(lines: ComputedLine[]): InvoiceTotals {
  return lines.reduce(
    (acc, l) => ({
      subtotalMinor: acc.subtotalMinor + l.unitPriceMinor * l.quantity,
      discountMinor: acc.discountMinor + l.discountMinor,
      taxMinor: acc.taxMinor + l.taxMinor,
      totalMinor: acc.totalMinor + l.totalMinor,
    }),
    { subtotalMinor: 0, discountMinor: 0, taxMinor: 0, totalMinor: 0 },
  );
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break; formula-leading cells are neutralised. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: unknown[]): string {
  return values.map(csvField).join(',');
}
