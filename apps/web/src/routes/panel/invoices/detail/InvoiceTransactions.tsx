import { useTranslation } from 'react-i18next';
import type { InvoiceDetail } from '../../../../api/models.ts';
import { useFormat } from '../../../../lib/format.ts';
import { useProviderName } from '../../../shop/PaymentForm.tsx';
import { PaymentStatusBadge } from '../../../shop/PaymentStatusBadge.tsx';
import { transactionView } from './invoiceDetailRules.ts';

/** Payments and refunds against the invoice, newest as the API lists them. */
export function InvoiceTransactions({ invoice }: { invoice: InvoiceDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const providerName = useProviderName();
  const items = invoice.transactions ?? [];
  if (items.length === 0)
    return <p className="text-sm text-muted-foreground">{t('invoices.detail.noTransactions')}</p>;
  return (
    <ul className="flex flex-col divide-y divide-border" data-testid="invoice-transactions">
      {items.map((tx) => {
        const { refund, status, amountMinor } = transactionView(tx);
        return (
          <li key={tx.id} className="flex items-start justify-between gap-4 py-2.5 text-sm">
            <div className="min-w-0 flex-1">
              <p className="font-medium">
                {refund ? t('invoices.detail.refund') : t('invoices.detail.payment')} ·{' '}
                {providerName(tx.provider)}
              </p>
              <p className="text-xs text-muted-foreground">
                <time dateTime={tx.createdAt}>{format.dateTime(tx.createdAt)}</time>
                {tx.reference && <span className="block font-mono break-all">{tx.reference}</span>}
              </p>
            </div>
            <div className="flex shrink-0 flex-col items-end gap-1">
              <PaymentStatusBadge status={status} />
              <span className="font-semibold whitespace-nowrap tabular-nums">
                {format.money(amountMinor, tx.currency)}
              </span>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
