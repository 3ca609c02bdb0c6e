import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Payment, PaymentInvoice } from '../../api/models.ts';
import { StatusBadge } from '../../components/ui/StatusBadge.tsx';
import { useFormat } from '../../lib/format.ts';

/**
 * The invoice a payment is for (a renewal), or null for a payment of orders — whose answer may also name the invoice
 * issued for them once paid.
 */
export function invoiceOf(payment: Pick<Payment, 'orders' | 'invoice'>): PaymentInvoice | null {
  return payment.orders.length === 0 ? (payment.invoice ?? null) : null;
}

/** The invoice a payment settles, linking to it. */
export function InvoiceLine({ invoice }: { invoice: PaymentInvoice }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ul className="flex w-full max-w-md flex-col divide-y divide-border rounded-lg border border-border text-left">
      <li className="flex flex-wrap items-center justify-between gap-2 px-3 py-2.5 text-sm">
        <Link to={`/panel/invoices/${invoice.id}`} className="font-medium hover:text-primary hover:underline">
          {t('invoices.numbered', { number: invoice.invoiceNumber ?? '—' })}
        </Link>
        <span className="flex min-w-0 flex-wrap items-center justify-end gap-x-3 gap-y-1">
          {invoice.status !== 'draft' && <StatusBadge kind="invoice" status={invoice.status} />}
          <span className="font-semibold">{format.money(invoice.totalMinor, invoice.currency)}</span>
        </span>
      </li>
    </ul>
  );
}
