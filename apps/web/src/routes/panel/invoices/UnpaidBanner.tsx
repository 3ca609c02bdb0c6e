import { AlertOctagon, Receipt } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useInvoiceSummary } from '../../../api/billing.ts';
import { buttonVariants } from '../../../components/ui/Button.tsx';
import { cn } from '../../../lib/cn.ts';
import { useFormat } from '../../../lib/format.ts';

/**
 * "Tienes 2 facturas pendientes por 24,00 US$ — Pagar", on every panel page while something is unpaid; red when an
 * invoice is overdue (the server is about to be suspended). Nothing while the summary loads or fails.
 */
export function UnpaidBanner() {
  const { t } = useTranslation();
  const format = useFormat();
  const { data } = useInvoiceSummary();
  if (!data || data.unpaidCount === 0) return null;
  const overdue = data.overdueCount > 0;
  const amount = data.totals.map((total) => format.money(total.totalMinor, total.currency)).join(' + ');
  const Icon = overdue ? AlertOctagon : Receipt;
  const payTo = data.firstUnpaidId
    ? `/panel/invoices/${data.firstUnpaidId}?pay=1`
    : '/panel/invoices?status=unpaid';
  return (
    <section
      aria-labelledby="unpaid-banner-title"
      data-testid="unpaid-banner"
      data-overdue={overdue}
      className={cn(
        'mb-6 flex flex-col gap-3 rounded-xl border p-4 text-sm sm:flex-row sm:items-center',
        overdue
          ? 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950/60 dark:text-red-100'
          : 'border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-100',
      )}
    >
      <Icon aria-hidden="true" className="size-5 shrink-0" />
      <div className="min-w-0 flex-1">
        <p id="unpaid-banner-title" className="font-semibold">
          {t('invoices.banner.title', { count: data.unpaidCount, amount })}
        </p>
        <p>
          {overdue
            ? t('invoices.banner.overdue', { count: data.overdueCount })
            : data.nextDueAt
              ? t('invoices.banner.nextDue', { date: format.date(data.nextDueAt) })
              : t('invoices.banner.text')}
        </p>
      </div>
      <div className="flex flex-wrap gap-2">
        {data.unpaidCount > 1 && (
          <Link
            to="/panel/invoices?status=unpaid"
            className={buttonVariants({ variant: 'outline', size: 'sm' })}
          >
            {t('invoices.banner.viewAll')}
          </Link>
        )}
        <Link
          to={payTo}
          className={buttonVariants({
            size: 'sm',
            variant: overdue ? 'danger' : 'primary',
          })}
        >
          {t('invoices.banner.pay')}
        </Link>
      </div>
    </section>
  );
}
