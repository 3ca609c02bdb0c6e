import { useTranslation } from 'react-i18next';
import type { InvoiceDetail } from '../../../../api/models.ts';
import { useFormat } from '../../../../lib/format.ts';
import { taxLabel } from './invoiceDetailRules.ts';

/** Subtotal, discount (when any), tax and total under the lines. */
export function InvoiceTotals({ invoice }: { invoice: InvoiceDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = (minor: number) => format.money(minor, invoice.currency);
  const taxName = invoice.taxName || t('invoices.detail.tax');
  const rate = invoice.taxRate !== null ? format.number(invoice.taxRate) : null;
  const taxKey = taxLabel(invoice.taxMode, rate !== null);
  const taxRow = taxKey ? t(taxKey, { name: taxName, rate }) : taxName;
  const rows: Array<{ label: string; value: string; strong?: boolean }> = [
    { label: t('invoices.detail.subtotal'), value: money(invoice.subtotalMinor) },
  ];
  if (invoice.discountMinor > 0)
    rows.push({ label: t('invoices.detail.discount'), value: money(-invoice.discountMinor) });
  rows.push({ label: taxRow, value: money(invoice.taxMinor) });
  return (
    <dl className="mt-4 ml-auto flex w-full max-w-sm flex-col gap-1.5 text-sm" data-testid="invoice-totals">
      {rows.map((row) => (
        <div key={row.label} className="flex justify-between gap-4">
          <dt className="text-muted-foreground">{row.label}</dt>
          <dd className="tabular-nums">{row.value}</dd>
        </div>
      ))}
      <div className="mt-1 flex items-baseline justify-between gap-4 border-t border-border pt-2">
        <dt className="font-semibold">{t('invoices.detail.total')}</dt>
        <dd className="text-xl font-bold tabular-nums" data-testid="invoice-total">
          {money(invoice.totalMinor)}
        </dd>
      </div>
    </dl>
  );
}
