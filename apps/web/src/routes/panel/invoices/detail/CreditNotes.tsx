import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { InvoiceDetail } from '../../../../api/models.ts';
import { useFormat } from '../../../../lib/format.ts';

/** The credit notes that correct this invoice, each as a negative amount. */
export function CreditNotes({ invoice }: { invoice: InvoiceDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ul className="flex flex-col divide-y divide-border" data-testid="invoice-credit-notes">
      {(invoice.creditNotes ?? []).map((note) => (
        <li
          key={note.id}
          className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2.5 text-sm"
        >
          <span className="min-w-0">
            <Link
              to={`/panel/invoices/${note.id}`}
              className="font-medium hover:text-primary hover:underline"
            >
              {t('invoices.creditNoteNumbered', { number: note.invoiceNumber ?? '—' })}
            </Link>
            {note.issuedAt && (
              <span className="block text-xs text-muted-foreground">
                <time dateTime={note.issuedAt}>{format.date(note.issuedAt)}</time>
              </span>
            )}
          </span>
          <span className="font-semibold tabular-nums">
            {format.money(-Math.abs(note.totalMinor), invoice.currency)}
          </span>
        </li>
      ))}
    </ul>
  );
}
