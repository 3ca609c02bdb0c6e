import { Receipt } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { downloadInvoicePdf, useInvoices } from '../../../api/billing.ts';
import type { Invoice } from '../../../api/models.ts';
import { PageHeader } from '../../../components/layout/PageHeader.tsx';
import { CardFields, CardHead, DataTable } from '../../../components/list/DataTable.tsx';
import { FilterBar } from '../../../components/list/filters.tsx';
import { PagedList } from '../../../components/list/ListState.tsx';
import { useListParams } from '../../../components/list/useListParams.ts';
import { Button, buttonVariants } from '../../../components/ui/Button.tsx';
import { EmptyState } from '../../../components/ui/EmptyState.tsx';
import { cn } from '../../../lib/cn.ts';
import { useFormat } from '../../../lib/format.ts';
import {
  DueText,
  InvoiceAmount,
  InvoiceBadge,
  invoiceRowData,
  invoiceStateColumns,
  isCreditNote,
  isUnpaid,
  PdfButton,
  useInvoiceConcept,
} from './invoiceBits.tsx';

const PAGE_SIZE = 20;
const FILTERS = ['all', 'unpaid'] as const;
type Filter = (typeof FILTERS)[number];
const PARAMS = ['status'] as const;

/** `/panel/invoices`: the customer's invoices and credit notes, newest first; pay the unpaid ones, download any. */
export function InvoicesPage() {
  const { t } = useTranslation();
  const { values, page, set, paging } = useListParams(PARAMS);
  const filter: Filter = values.status === 'unpaid' ? 'unpaid' : 'all';
  const invoices = useInvoices({
    status: filter === 'unpaid' ? 'unpaid' : undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const { data } = invoices;
  const setFilter = (value: Filter) => set({ status: value === 'unpaid' ? 'unpaid' : '' });

  return (
    <div className="flex flex-col gap-6">
      <title>{t('invoices.documentTitle')}</title>
      <PageHeader title={t('invoices.title')} subtitle={t('invoices.subtitle')} />

      <FilterBar
        spread
        className="items-center"
        count={data ? t('invoices.count', { count: data.total }) : null}
      >
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
              onClick={() => setFilter(value)}
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
      </FilterBar>

      <PagedList
        {...paging}
        pageSize={PAGE_SIZE}
        query={invoices}
        skeleton={{ rows: 4, height: 'h-16' }}
        empty={
          <EmptyState
            icon={Receipt}
            title={filter === 'unpaid' ? t('invoices.emptyUnpaid') : t('invoices.emptyTitle')}
            description={filter === 'unpaid' ? undefined : t('invoices.emptyText')}
            action={
              filter === 'unpaid' ? (
                <Button variant="outline" onClick={() => setFilter('all')}>
                  {t('invoices.filter.all')}
                </Button>
              ) : (
                <Link to="/pricing" className={buttonVariants()}>
                  {t('invoices.viewPlans')}
                </Link>
              )
            }
          />
        }
      >
        {(items) => <InvoiceList invoices={items} />}
      </PagedList>
    </div>
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
  const link = (invoice: Invoice, className: string) => (
    <Link
      to={`/panel/invoices/${invoice.id}`}
      className={cn('font-mono text-xs font-semibold hover:text-primary hover:underline', className)}
    >
      {invoice.invoiceNumber ?? '—'}
    </Link>
  );
  const issued = (issuedAt: string) => <time dateTime={issuedAt}>{format.date(issuedAt)}</time>;
  return (
    <DataTable
      rows={invoices}
      rowKey={(invoice) => invoice.id}
      rowData={invoiceRowData('invoice-row')}
      columns={[
        {
          id: 'number',
          header: t('invoices.colNumber'),
          cell: (invoice) => (
            <>
              {link(invoice, 'whitespace-nowrap')}
              {invoice.issuedAt && (
                <span className="block text-xs text-muted-foreground">{issued(invoice.issuedAt)}</span>
              )}
            </>
          ),
        },
        { id: 'concept', header: t('invoices.colConcept'), cell: concept },
        ...invoiceStateColumns<Invoice>({
          total: t('invoices.colTotal'),
          status: t('invoices.colStatus'),
          due: t('invoices.colDue'),
        }),
        {
          id: 'actions',
          header: t('invoices.colActions'),
          srOnlyHeader: true,
          className: 'text-right',
          cell: (invoice) => <RowActions invoice={invoice} />,
        },
      ]}
      cardData={(invoice) => ({ 'data-testid': 'invoice-card', 'data-status': invoice.status })}
      card={(invoice) => (
        <>
          <CardHead aside={<InvoiceBadge invoice={invoice} />}>
            {link(invoice, '')}
            <p className="font-medium">{concept(invoice)}</p>
          </CardHead>
          <CardFields
            fields={[
              { label: t('invoices.colDate'), value: invoice.issuedAt ? issued(invoice.issuedAt) : '—' },
              {
                label: t('invoices.colTotal'),
                value: <InvoiceAmount invoice={invoice} />,
                valueClassName: 'font-semibold',
              },
              { label: t('invoices.colDue'), value: <DueText invoice={invoice} />, className: 'col-span-2' },
            ]}
          />
          <RowActions invoice={invoice} />
        </>
      )}
    />
  );
}
