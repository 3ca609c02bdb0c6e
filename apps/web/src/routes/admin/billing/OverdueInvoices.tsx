import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AdminInvoice } from '../../../api/models.ts';
import { useFormat } from '../../../lib/format.ts';

/** Invoices past their due date, each linking to it in the invoices list. */
export function OverdueInvoices({ invoices }: { invoices: AdminInvoice[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ul className="flex flex-col divide-y divide-border rounded-xl border border-border bg-card">
      {invoices.map((invoice) => (
        <li
          key={invoice.id}
          className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 text-sm"
        >
          <div className="min-w-0">
            <Link
              to={`/admin/invoices?search=${encodeURIComponent(invoice.invoiceNumber ?? invoice.customerEmail)}`}
              className="font-mono text-xs font-semibold hover:text-primary hover:underline"
            >
              {invoice.invoiceNumber ?? '—'}
            </Link>
            <span className="block truncate text-muted-foreground">{invoice.customerEmail}</span>
          </div>
          <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
            {invoice.dueAt && (
              <span className="text-xs font-medium text-red-700 dark:text-red-300">
                {t('admin.billing.dueOn', { date: format.date(invoice.dueAt) })}
              </span>
            )}
            <span className="font-semibold whitespace-nowrap">
              {format.money(invoice.totalMinor, invoice.currency)}
            </span>
          </div>
        </li>
      ))}
    </ul>
  );
}
