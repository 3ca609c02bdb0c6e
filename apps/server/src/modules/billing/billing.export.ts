import { AppError } from '../../lib/errors.ts';
import { csvRow } from './billing.compute.ts';
import type { InvoiceListsRepo } from './billing.lists.repo.ts';
import { presentParty } from './billing.presenter.ts';

/** Accounting export: every invoice issued and every transaction created in [from, to). */
export async function exportBillingCsv(
  repo: Pick<InvoiceListsRepo, 'invoicesIssuedBetween' | 'transactionsBetween'>,
  from: Date,
  to: Date,
): Promise<string> {
  if (to <= from) throw new AppError('bad_request', '`to` must be after `from`');
  const [invoiceRows, txRows] = await Promise.all([
    repo.invoicesIssuedBetween(from, to),
    repo.transactionsBetween(from, to),
  ]);
  const header = [
    'record',
    'id',
    'number',
    'date',
    'status',
    'customer_email',
    'customer_name',
    'customer_tax_id',
    'currency',
    'subtotal_minor',
    'discount_minor',
    'tax_minor',
    'total_minor',
    'provider',
    'provider_tx_id',
    'invoice_number',
    'reference',
  ];
  const lines = [csvRow(header)];
  for (const { invoice: i, email, referenceNumber } of invoiceRows) {
    const billTo = presentParty(i.billTo);
    // Credit notes are exported negative, with the invoice they correct.
    const credit = i.type === 'credit_note';
    const sign = credit ? -1 : 1;
    lines.push(
      csvRow([
        credit ? 'credit_note' : 'invoice',
        i.id,
        i.invoiceNumber,
        i.issuedAt,
        i.status,
        email,
        billTo.companyName || billTo.name,
        billTo.taxId,
        i.currency,
        sign * i.subtotalMinor,
        sign * i.discountMinor,
        sign * i.taxMinor,
        sign * i.totalMinor,
        '',
        '',
        credit ? referenceNumber : i.invoiceNumber,
        i.idempotencyKey,
      ]),
    );
  }
  for (const { tx, email, invoiceNumber } of txRows) {
    lines.push(
      csvRow([
        'transaction',
        tx.id,
        '',
        tx.createdAt,
        tx.status,
        email,
        '',
        '',
        tx.currency,
        '',
        '',
        '',
        tx.kind === 'refund' ? -tx.amountMinor : tx.amountMinor,
        tx.provider,
        tx.providerTxId,
        invoiceNumber,
        tx.reference,
      ]),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
