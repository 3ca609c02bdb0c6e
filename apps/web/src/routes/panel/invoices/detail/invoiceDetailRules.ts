// The invoice page's pure rules: line amounts, the tax row's wording, how a transaction reads, when it is overdue.
import type { InvoiceDetail } from '../../../../api/models.ts';
import { daysUntil } from '../../../../lib/vps.ts';

type Line = Pick<InvoiceDetail['items'][number], 'unitPriceMinor' | 'quantity' | 'discountMinor'>;
type Transaction = Pick<
  NonNullable<InvoiceDetail['transactions']>[number],
  'kind' | 'status' | 'amountMinor'
>;

/** A line's amount: unit price times quantity, less the line's discount. */
export function lineAmountMinor(line: Line): number {
  return line.unitPriceMinor * line.quantity - line.discountMinor;
}

/** Which sentence names the tax row: included in the prices or added on top, with the rate when it is known. */
export function taxLabel(
  taxMode: InvoiceDetail['taxMode'],
  hasRate: boolean,
): 'invoices.detail.taxIncludedRate' | 'invoices.detail.taxIncluded' | 'invoices.detail.taxRate' | null {
  if (taxMode === 'inclusive')
    return hasRate ? 'invoices.detail.taxIncludedRate' : 'invoices.detail.taxIncluded';
  // Added on top without a known rate: the row shows the tax's bare name.
  return hasRate ? 'invoices.detail.taxRate' : null;
}

/** A refund shows as a negative amount, and a refund that went through as "refunded". */
export function transactionView(tx: Transaction) {
  const refund = tx.kind === 'refund';
  return {
    refund,
    status: refund && tx.status === 'succeeded' ? ('refunded' as const) : tx.status,
    amountMinor: refund ? -Math.abs(tx.amountMinor) : tx.amountMinor,
  };
}

/** Overdue when the API says so, or once the due date has passed (the daily job may not have run yet). */
export function isOverdue(invoice: Pick<InvoiceDetail, 'status' | 'dueAt'>, now = new Date()): boolean {
  return invoice.status === 'overdue' || (invoice.dueAt ? daysUntil(invoice.dueAt, now) < 0 : false);
}
