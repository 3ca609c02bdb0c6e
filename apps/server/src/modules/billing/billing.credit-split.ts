import { AppError } from '../../lib/errors.ts';
import { roundMinor } from '../../lib/money.ts';
import type { InvoiceTotals } from './billing.compute.ts';
import type { InvoiceItemRow, InvoiceRow } from './billing.repo.ts';

/** A credit note's line before it is stored (the invoice's own lines, or one line for a partial credit). */
export type CreditLine = Omit<InvoiceItemRow, 'id' | 'invoiceId' | 'sortOrder'>;

/** What is still creditable on a paid invoice, and the amount asked for (checked against it). */
export function creditableAmount(
  invoice: InvoiceRow,
  previous: InvoiceRow[],
  asked: number | undefined,
): number {
  if (invoice.type !== 'invoice' || invoice.status !== 'paid')
    throw new AppError('conflict', 'Only a paid invoice takes a credit note; void an unpaid one instead');
  const left = invoice.totalMinor - previous.reduce((sum, c) => sum + c.totalMinor, 0);
  if (left <= 0) throw new AppError('conflict', 'The invoice is fully credited already');
  const amount = asked ?? left;
  if (amount > left) {
    throw new AppError('bad_request', `At most ${left} can still be credited on this invoice`, [
      { field: 'body.amountMinor', message: `must be at most ${left}` },
    ]);
  }
  return amount;
}

/**
 * The lines and totals of a credit note for `amount` of `invoice`. Crediting the whole invoice copies its lines and
 * totals (`items` are the invoice's lines). A partial credit is one line whose tax is split at the invoice's rate
 * (none when the invoice charged no tax): net = amount / (1 + rate), rounded to the cent, tax = amount − net; its unit
 * price is the gross amount on a tax-inclusive invoice and the net on a tax-exclusive one, as the invoice showed it.
 */
export function creditNoteContent(
  invoice: InvoiceRow,
  items: InvoiceItemRow[],
  amount: number,
  description: string,
): { lines: CreditLine[]; totals: InvoiceTotals } {
  if (amount === invoice.totalMinor) {
    return {
      lines: items.map(({ id: _id, invoiceId: _inv, sortOrder: _s, ...line }) => line),
      totals: {
        subtotalMinor: invoice.subtotalMinor,
        discountMinor: invoice.discountMinor,
        taxMinor: invoice.taxMinor,
        totalMinor: invoice.totalMinor,
      },
    };
  }
  const rate = invoice.taxMinor > 0 ? (invoice.taxRate ?? 0) : 0;
  const net = roundMinor((amount * 100) / (100 + rate));
  const unit = invoice.taxMode === 'inclusive' ? amount : net;
  const line: CreditLine = {
    description,
    quantity: 1,
    unitPriceMinor: unit,
    discountMinor: 0,
    taxMinor: amount - net,
    totalMinor: amount,
    periodStart: null,
    periodEnd: null,
  };
  return {
    lines: [line],
    totals: { subtotalMinor: unit, discountMinor: 0, taxMinor: amount - net, totalMinor: amount },
  };
}
