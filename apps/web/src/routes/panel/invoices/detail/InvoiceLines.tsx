import { useTranslation } from 'react-i18next';
import type { InvoiceDetail } from '../../../../api/models.ts';
import { cn } from '../../../../lib/cn.ts';
import { useFormat } from '../../../../lib/format.ts';
import { lineAmountMinor } from './invoiceDetailRules.ts';

/** The invoice's lines: a table on wide screens, a list on phones. */
export function InvoiceLines({ invoice }: { invoice: InvoiceDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = (minor: number) => format.money(minor, invoice.currency);
  const th = 'px-3 py-2.5 font-medium';
  return (
    <>
      <div className="hidden overflow-hidden rounded-lg border border-border sm:block">
        <table className="w-full text-left text-sm" data-testid="invoice-lines">
          <thead className="border-b border-border bg-muted/60 text-xs text-muted-foreground uppercase">
            <tr>
              <th scope="col" className={th}>
                {t('invoices.detail.colDescription')}
              </th>
              <th scope="col" className={cn(th, 'text-right')}>
                {t('invoices.detail.colQuantity')}
              </th>
              <th scope="col" className={cn(th, 'text-right whitespace-nowrap')}>
                {t('invoices.detail.colUnit')}
              </th>
              <th scope="col" className={cn(th, 'text-right')}>
                {t('invoices.detail.colAmount')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {invoice.items.map((item, i) => (
              <tr key={i}>
                <td className="px-3 py-3 break-words">
                  {item.description}
                  {item.discountMinor > 0 && (
                    <span className="block text-xs text-muted-foreground">
                      {t('invoices.detail.lineDiscount', { amount: money(item.discountMinor) })}
                    </span>
                  )}
                </td>
                <td className="px-3 py-3 text-right tabular-nums">{item.quantity}</td>
                <td className="px-3 py-3 text-right whitespace-nowrap tabular-nums">
                  {money(item.unitPriceMinor)}
                </td>
                <td className="px-3 py-3 text-right font-medium whitespace-nowrap tabular-nums">
                  {money(lineAmountMinor(item))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="flex flex-col divide-y divide-border rounded-lg border border-border sm:hidden">
        {invoice.items.map((item, i) => (
          <li key={i} className="flex flex-col gap-1 p-3 text-sm">
            <p className="break-words">{item.description}</p>
            <p className="flex justify-between gap-3 text-muted-foreground">
              <span>
                {item.quantity} × {money(item.unitPriceMinor)}
              </span>
              <span className="font-medium text-foreground">{money(lineAmountMinor(item))}</span>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
