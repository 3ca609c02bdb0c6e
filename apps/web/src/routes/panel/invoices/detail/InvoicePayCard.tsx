import { CreditCard } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { InvoiceDetail } from '../../../../api/models.ts';
import { Button } from '../../../../components/ui/Button.tsx';
import { Card } from '../../../../components/ui/Card.tsx';
import { cn } from '../../../../lib/cn.ts';
import { useFormat } from '../../../../lib/format.ts';
import { isOverdue } from './invoiceDetailRules.ts';

/** The call to pay an unpaid invoice: amber while pending, red once overdue. */
export function InvoicePayCard({ invoice, onPay }: { invoice: InvoiceDetail; onPay: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const amount = format.money(invoice.totalMinor, invoice.currency);
  const overdue = isOverdue(invoice);
  return (
    <Card
      data-testid="invoice-pay-card"
      className={cn(
        'flex flex-col gap-4 p-5 sm:flex-row sm:items-center',
        overdue ? 'border-red-300 dark:border-red-800' : 'border-amber-300 dark:border-amber-700',
      )}
    >
      <div className="flex-1">
        <h2 className="font-semibold">
          {overdue ? t('invoices.detail.overdueTitle') : t('invoices.detail.pendingTitle')}
        </h2>
        <p className="text-sm text-muted-foreground">
          {invoice.dueAt
            ? t(overdue ? 'invoices.detail.overdueText' : 'invoices.detail.pendingText', {
                amount,
                date: format.date(invoice.dueAt),
              })
            : t('invoices.detail.pendingNoDate', { amount })}
        </p>
      </div>
      <Button onClick={onPay}>
        <CreditCard aria-hidden="true" />
        {t('invoices.detail.pay', { amount })}
      </Button>
    </Card>
  );
}
