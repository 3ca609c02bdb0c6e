import { Ban, CheckCircle2, FileMinus } from 'lucide-react';
import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadAdminInvoicePdf } from '../../../api/admin.ts';
import { type AdminInvoice } from '../../../api/models.ts';
import { CardFields, CardHead, DataTable } from '../../../components/list/DataTable.tsx';
import { Button } from '../../../components/ui/Button.tsx';
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
} from '../../panel/invoices/invoiceBits.tsx';

/** The invoices list: a table on wide screens, cards on narrow ones, each row with the actions its state allows. */
/** An invoice row's action. */
export type Action = { kind: 'paid' | 'void' | 'credit'; invoice: AdminInvoice };

function RowActions({ invoice, onAction }: { invoice: AdminInvoice; onAction: (action: Action) => void }) {
  const { t } = useTranslation();
  const number = invoice.invoiceNumber ?? '';
  const button = (kind: Action['kind'], icon: ReactNode, label: string, text: string) => (
    <Button variant="outline" size="sm" aria-label={label} onClick={() => onAction({ kind, invoice })}>
      {icon}
      {text}
    </Button>
  );
  return (
    <span className="flex flex-wrap items-center justify-end gap-2">
      <PdfButton invoice={invoice} download={downloadAdminInvoicePdf} iconOnly />
      {isUnpaid(invoice) && (
        <>
          {button(
            'paid',
            <CheckCircle2 aria-hidden="true" />,
            t('admin.invoices.markPaidLabel', { number }),
            t('admin.invoices.markPaid'),
          )}
          {button(
            'void',
            <Ban aria-hidden="true" />,
            t('admin.invoices.voidLabel', { number }),
            t('admin.invoices.void'),
          )}
        </>
      )}
      {!isCreditNote(invoice) &&
        invoice.status === 'paid' &&
        button(
          'credit',
          <FileMinus aria-hidden="true" />,
          t('admin.invoices.creditLabel', { number }),
          t('admin.invoices.credit'),
        )}
    </span>
  );
}

function NumberCell({ invoice }: { invoice: AdminInvoice }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      <span className="block font-mono text-xs font-semibold whitespace-nowrap">
        {invoice.invoiceNumber ?? '—'}
      </span>
      {isCreditNote(invoice) && (
        <span className="block text-xs font-medium text-muted-foreground">
          {invoice.referenceInvoiceNumber
            ? t('invoices.concept.creditNoteOf', { number: invoice.referenceInvoiceNumber })
            : t('invoices.concept.creditNote')}
        </span>
      )}
      {invoice.issuedAt && (
        <span className="block text-xs text-muted-foreground">
          <time dateTime={invoice.issuedAt}>{format.date(invoice.issuedAt)}</time>
        </span>
      )}
    </>
  );
}

/** The invoices list: a table on wide screens, cards on narrow ones, each row with the actions its state allows. */
export function InvoiceTable({
  invoices,
  onAction,
}: {
  invoices: AdminInvoice[];
  onAction: (action: Action) => void;
}) {
  const { t } = useTranslation();
  return (
    <DataTable
      scroll
      rows={invoices}
      rowKey={(invoice) => invoice.id}
      rowData={invoiceRowData('admin-invoice-row')}
      columns={[
        {
          id: 'number',
          header: t('admin.invoices.colNumber'),
          cell: (invoice) => <NumberCell invoice={invoice} />,
        },
        {
          id: 'customer',
          header: t('admin.invoices.colCustomer'),
          className: 'max-w-52',
          cell: (invoice) => (
            <span className="block truncate" title={invoice.customerEmail}>
              {invoice.customerEmail}
            </span>
          ),
        },
        ...invoiceStateColumns<AdminInvoice>({
          total: t('admin.invoices.colTotal'),
          status: t('admin.invoices.colStatus'),
          due: t('admin.invoices.colDue'),
        }),
        {
          id: 'actions',
          header: t('admin.colActions'),
          srOnlyHeader: true,
          className: 'text-right',
          cell: (invoice) => <RowActions invoice={invoice} onAction={onAction} />,
        },
      ]}
      cardData={() => ({ 'data-testid': 'admin-invoice-card' })}
      card={(invoice) => (
        <>
          <CardHead aside={<InvoiceBadge invoice={invoice} />}>
            <NumberCell invoice={invoice} />
          </CardHead>
          <CardFields
            fields={[
              {
                label: t('admin.invoices.colCustomer'),
                value: invoice.customerEmail,
                className: 'col-span-2 min-w-0',
                valueClassName: 'truncate',
              },
              {
                label: t('admin.invoices.colTotal'),
                value: <InvoiceAmount invoice={invoice} />,
                valueClassName: 'font-semibold',
              },
              { label: t('admin.invoices.colDue'), value: <DueText invoice={invoice} /> },
            ]}
          />
          <RowActions invoice={invoice} onAction={onAction} />
        </>
      )}
    />
  );
}
