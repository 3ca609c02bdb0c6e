import { Receipt } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { downloadInvoicePdf, useInvoices } from '../../../api/billing.ts';
import type { Invoice } from '../../../api/types.ts';
import { Button, buttonVariants } from '../../../components/ui/Button.tsx';
import { EmptyState } from '../../../components/ui/EmptyState.tsx';
import { ErrorState } from '../../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../../components/ui/Skeleton.tsx';
import { cn } from '../../../lib/cn.ts';
import { useFormat } from '../../../lib/format.ts';
import { Pagination } from '../../admin/adminBits.tsx';
import {
  DueText,
  InvoiceBadge,
  isCreditNote,
  isUnpaid,
  PdfButton,
  useInvoiceConcept,
} from './invoiceBits.tsx';

const PAGE_SIZE = 20;
const FILTERS = ['all', 'unpaid'] as const;
type Filter = (typeof FILTERS)[number];

/** `/panel/invoices`: the customer's invoices and credit notes, newest first; pay the unpaid ones, download any. */
export function InvoicesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter: Filter = params.get('status') === 'unpaid' ? 'unpaid' : 'all';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const { data, isPending, error, refetch, isPlaceholderData } = useInvoices({
    status: filter === 'unpaid' ? 'unpaid' : undefined,
    page,
    pageSize: PAGE_SIZE,
  });

  const update = (changes: { filter?: Filter; page?: number }) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (changes.filter !== undefined) {
          if (changes.filter === 'unpaid') next.set('status', 'unpaid');
          else next.delete('status');
          next.delete('page');
        }
        if (changes.page !== undefined) {
          if (changes.page > 1) next.set('page', String(changes.page));
          else next.delete('page');
        }
        return next;
      },
      { replace: true, preventScrollReset: true },
    );

  return (
    <div className="flex flex-col gap-6">
      <title>{t('invoices.documentTitle')}</title>
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t('invoices.title')}</h1>
        <p className="text-muted-foreground">{t('invoices.subtitle')}</p>
      </div>

      <div className="flex flex-wrap items-center justify-between gap-3">
        <div
          role="group"
          aria-label={t('invoices.filterLabel')}
          className="inline-flex rounded-lg border border-border bg-card p-1"
        >
          {FILTERS.map((value) => (
            <button
              key={value}
              type="button"
              aria-pressed={filter === value}
              onClick={() => update({ filter: value })}
              className={cn(
                'h-9 rounded-md px-4 text-sm font-medium transition-colors',
                'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring',
                filter === value
                  ? 'bg-primary text-primary-foreground'
                  : 'text-muted-foreground hover:bg-muted hover:text-foreground',
              )}
            >
              {t(`invoices.filter.${value}`)}
            </button>
          ))}
        </div>
        <p aria-live="polite" className="min-h-5 text-sm text-muted-foreground">
          {data && t('invoices.count', { count: data.total })}
        </p>
      </div>

      <div className={cn('transition-opacity', isPlaceholderData && 'opacity-60')} aria-busy={isPending}>
        {error && !data ? (
          <ErrorState error={error} onRetry={() => void refetch()} />
        ) : isPending ? (
          <div className="flex flex-col gap-3">
            {Array.from({ length: 4 }, (_, i) => (
              <Skeleton key={i} className="h-16 w-full rounded-xl" />
            ))}
          </div>
        ) : data.items.length === 0 ? (
          <EmptyState
            icon={Receipt}
            title={filter === 'unpaid' ? t('invoices.emptyUnpaid') : t('invoices.emptyTitle')}
            description={filter === 'unpaid' ? undefined : t('invoices.emptyText')}
            action={
              filter === 'unpaid' ? (
                <Button variant="outline" onClick={() => update({ filter: 'all' })}>
                  {t('invoices.filter.all')}
                </Button>
              ) : (
                <Link to="/pricing" className={buttonVariants()}>
                  {t('invoices.viewPlans')}
                </Link>
              )
            }
          />
        ) : (
          <InvoiceList invoices={data.items} />
        )}
      </div>

      {data && (
        <Pagination page={page} total={data.total} pageSize={PAGE_SIZE} onPage={(p) => update({ page: p })} />
      )}
    </div>
  );
}

function Amount({ invoice }: { invoice: Invoice }) {
  const format = useFormat();
  return (
    <>
      {format.money(
        isCreditNote(invoice) ? -Math.abs(invoice.totalMinor) : invoice.totalMinor,
        invoice.currency,
      )}
    </>
  );
}

function RowActions({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  return (
    <span className="flex items-center justify-end gap-2">
      <PdfButton invoice={invoice} download={downloadInvoicePdf} iconOnly />
      {isUnpaid(invoice) ? (
        <Link
          to={`/panel/invoices/${invoice.id}?pay=1`}
          aria-label={t('invoices.payLabel', { number: invoice.invoiceNumber ?? '' })}
          className={buttonVariants({ size: 'sm' })}
        >
          {t('invoices.pay')}
        </Link>
      ) : (
        <Link
          to={`/panel/invoices/${invoice.id}`}
          aria-label={
            isCreditNote(invoice)
              ? t('invoices.viewCreditLabel', { number: invoice.invoiceNumber ?? '' })
              : t('invoices.viewLabel', { number: invoice.invoiceNumber ?? '' })
          }
          className={buttonVariants({ variant: 'outline', size: 'sm' })}
        >
          {t('invoices.view')}
        </Link>
      )}
    </span>
  );
}

/** A table on desktop, cards on phones. */
function InvoiceList({ invoices }: { invoices: Invoice[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const concept = useInvoiceConcept();
  const th = 'px-3 py-2.5 font-medium';
  return (
    <>
      <div className="hidden overflow-hidden rounded-xl border border-border bg-card md:block">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-border bg-muted/60 text-xs text-muted-foreground uppercase">
            <tr>
              <th scope="col" className={th}>
                {t('invoices.colNumber')}
              </th>
              <th scope="col" className={th}>
                {t('invoices.colConcept')}
              </th>
              <th scope="col" className={cn(th, 'text-right')}>
                {t('invoices.colTotal')}
              </th>
              <th scope="col" className={th}>
                {t('invoices.colStatus')}
              </th>
              <th scope="col" className={th}>
                {t('invoices.colDue')}
              </th>
              <th scope="col" className={th}>
                <span className="sr-only">{t('invoices.colActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {invoices.map((invoice) => (
              <tr
                key={invoice.id}
                data-testid="invoice-row"
                data-status={invoice.status}
                data-number={invoice.invoiceNumber ?? ''}
              >
                <td className="px-3 py-3">
                  <Link
                    to={`/panel/invoices/${invoice.id}`}
                    className="font-mono text-xs font-semibold whitespace-nowrap hover:text-primary hover:underline"
                  >
                    {invoice.invoiceNumber ?? '—'}
                  </Link>
                  {invoice.issuedAt && (
                    <span className="block text-xs text-muted-foreground">
                      <time dateTime={invoice.issuedAt}>{format.date(invoice.issuedAt)}</time>
                    </span>
                  )}
                </td>
                <td className="px-3 py-3">{concept(invoice)}</td>
                <td className="px-3 py-3 text-right font-semibold whitespace-nowrap">
                  <Amount invoice={invoice} />
                </td>
                <td className="px-3 py-3">
                  <InvoiceBadge invoice={invoice} />
                </td>
                <td className="px-3 py-3 whitespace-nowrap">
                  <DueText invoice={invoice} />
                </td>
                <td className="px-3 py-3 text-right">
                  <RowActions invoice={invoice} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="flex flex-col gap-3 md:hidden">
        {invoices.map((invoice) => (
          <li
            key={invoice.id}
            data-testid="invoice-card"
            data-status={invoice.status}
            className="flex flex-col gap-3 rounded-xl border border-border bg-card p-4"
          >
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0">
                <Link
                  to={`/panel/invoices/${invoice.id}`}
                  className="font-mono text-xs font-semibold hover:text-primary hover:underline"
                >
                  {invoice.invoiceNumber ?? '—'}
                </Link>
                <p className="font-medium">{concept(invoice)}</p>
              </div>
              <InvoiceBadge invoice={invoice} />
            </div>
            <dl className="grid grid-cols-2 gap-2 text-sm">
              <div>
                <dt className="text-xs text-muted-foreground">{t('invoices.colDate')}</dt>
                <dd>
                  {invoice.issuedAt ? (
                    <time dateTime={invoice.issuedAt}>{format.date(invoice.issuedAt)}</time>
                  ) : (
                    '—'
                  )}
                </dd>
              </div>
              <div>
                <dt className="text-xs text-muted-foreground">{t('invoices.colTotal')}</dt>
                <dd className="font-semibold">
                  <Amount invoice={invoice} />
                </dd>
              </div>
              <div className="col-span-2">
                <dt className="text-xs text-muted-foreground">{t('invoices.colDue')}</dt>
                <dd>
                  <DueText invoice={invoice} />
                </dd>
              </div>
            </dl>
            <RowActions invoice={invoice} />
          </li>
        ))}
      </ul>
    </>
  );
}
