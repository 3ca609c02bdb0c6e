import { useTranslation } from 'react-i18next';
import type { InvoiceDetail } from '../../../../api/models.ts';
import { useFormat } from '../../../../lib/format.ts';

/** The invoice's dates that are set (issued, due, paid, voided, billed period). */
export function InvoiceDates({ invoice }: { invoice: InvoiceDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const rows: Array<{ label: string; value: string | null }> = [
    { label: t('invoices.detail.issuedAt'), value: invoice.issuedAt && format.date(invoice.issuedAt) },
    { label: t('invoices.detail.dueAt'), value: invoice.dueAt && format.date(invoice.dueAt) },
    { label: t('invoices.detail.paidAt'), value: invoice.paidAt && format.date(invoice.paidAt) },
    { label: t('invoices.detail.voidedAt'), value: invoice.voidedAt && format.date(invoice.voidedAt) },
    {
      label: t('invoices.detail.period'),
      value:
        invoice.periodStart && invoice.periodEnd
          ? t('invoices.detail.periodRange', {
              from: format.date(invoice.periodStart),
              to: format.date(invoice.periodEnd),
            })
          : null,
    },
  ];
  return (
    <dl className="flex flex-col divide-y divide-border text-sm">
      {rows
        .filter((row) => row.value)
        .map((row) => (
          <div key={row.label} className="flex flex-wrap justify-between gap-x-4 gap-y-0.5 py-2">
            <dt className="text-muted-foreground">{row.label}</dt>
            <dd className="font-medium">{row.value}</dd>
          </div>
        ))}
    </dl>
  );
}
