// Pieces shared by the invoice pages (customer list and detail, the admin list): what an invoice is for, its due
// date in words, its amount and the PDF download button.
import { useMutation } from '@tanstack/react-query';
import { Download, Loader2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Invoice } from '../../../api/models.ts';
import type { Column } from '../../../components/list/DataTable.tsx';
import { Button, type ButtonProps } from '../../../components/ui/Button.tsx';
import { StatusBadge } from '../../../components/ui/StatusBadge.tsx';
import { toast } from '../../../components/ui/Toast.tsx';
import { cn } from '../../../lib/cn.ts';
import { errorMessageKey } from '../../../lib/errors.ts';
import { useFormat } from '../../../lib/format.ts';
import { daysUntil } from '../../../lib/vps.ts';

export const isCreditNote = (invoice: Pick<Invoice, 'type'>) => invoice.type === 'credit_note';

/** Issued or overdue: the customer still owes it. */
export const isUnpaid = (invoice: Pick<Invoice, 'status' | 'type'>) =>
  !isCreditNote(invoice) && (invoice.status === 'issued' || invoice.status === 'overdue');

/** The state badge; a credit note in force reads "Emitida", never "Pendiente". */
export function InvoiceBadge({
  invoice,
  className,
}: {
  invoice: Pick<Invoice, 'type' | 'status'>;
  className?: string;
}) {
  const status = isCreditNote(invoice) && invoice.status !== 'void' ? 'credit_note' : invoice.status;
  return <StatusBadge kind="invoice" status={status} className={className} />;
}

/** The total in the invoice's currency; a credit note's is negative. */
export function InvoiceAmount({ invoice }: { invoice: Pick<Invoice, 'type' | 'totalMinor' | 'currency'> }) {
  const format = useFormat();
  const minor = isCreditNote(invoice) ? -Math.abs(invoice.totalMinor) : invoice.totalMinor;
  return <>{format.money(minor, invoice.currency)}</>;
}

/** The total, state and due date columns of an invoice list (the customer's and the administrator's). */
export function invoiceStateColumns<T extends Invoice>(headers: {
  total: string;
  status: string;
  due: string;
}): Column<T>[] {
  return [
    {
      id: 'total',
      header: headers.total,
      alignRight: true,
      className: 'font-semibold whitespace-nowrap',
      cell: (invoice) => <InvoiceAmount invoice={invoice} />,
    },
    { id: 'status', header: headers.status, cell: (invoice) => <InvoiceBadge invoice={invoice} /> },
    {
      id: 'due',
      header: headers.due,
      className: 'whitespace-nowrap',
      cell: (invoice) => <DueText invoice={invoice} />,
    },
  ];
}

/** The data attributes of a row of an invoice list (the browser tests find rows by them). */
export const invoiceRowData = (testId: string) => (invoice: Pick<Invoice, 'status' | 'invoiceNumber'>) => ({
  'data-testid': testId,
  'data-status': invoice.status,
  'data-number': invoice.invoiceNumber ?? '',
});

/** "Factura CV-2026-000012" / "Nota de crédito CV-2026-000013". */
export function useInvoiceTitle() {
  const { t } = useTranslation();
  return (invoice: Pick<Invoice, 'type' | 'invoiceNumber'>) =>
    isCreditNote(invoice)
      ? t('invoices.creditNoteNumbered', { number: invoice.invoiceNumber ?? '—' })
      : t('invoices.numbered', { number: invoice.invoiceNumber ?? '—' });
}

/** What the invoice is for, in a few words (the lines say the rest). */
export function useInvoiceConcept() {
  const { t } = useTranslation();
  return (invoice: Pick<Invoice, 'type' | 'orderId' | 'vpsInstanceId' | 'referenceInvoiceNumber'>) => {
    if (isCreditNote(invoice))
      return invoice.referenceInvoiceNumber
        ? t('invoices.concept.creditNoteOf', { number: invoice.referenceInvoiceNumber })
        : t('invoices.concept.creditNote');
    if (invoice.orderId) return t('invoices.concept.order');
    if (invoice.vpsInstanceId) return t('invoices.concept.renewal');
    return t('invoices.concept.orders');
  };
}

/** "Vence el 3 mar 2026" / "Venció hace 2 días", in red when the date has passed. */
export function DueText({ invoice, className }: { invoice: Invoice; className?: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!invoice.dueAt || !isUnpaid(invoice)) {
    return invoice.dueAt ? (
      <time dateTime={invoice.dueAt} className={className}>
        {format.date(invoice.dueAt)}
      </time>
    ) : (
      <span className={cn('text-muted-foreground', className)}>—</span>
    );
  }
  const days = daysUntil(invoice.dueAt);
  const late = days < 0 || invoice.status === 'overdue';
  return (
    <span className={cn('flex flex-col', className)}>
      <time dateTime={invoice.dueAt}>{format.date(invoice.dueAt)}</time>
      <span
        className={cn(
          'text-xs font-medium',
          late ? 'text-red-700 dark:text-red-300' : 'text-amber-800 dark:text-amber-300',
        )}
      >
        {days > 0
          ? t('invoices.due.in', { count: days })
          : days === 0
            ? t('invoices.due.today')
            : t('invoices.due.ago', { count: -days })}
      </span>
    </span>
  );
}

/**
 * Saves the invoice's PDF (fetched with the session, saved under the server's file name). `download` is the fetcher:
 * the customer's and the admin's are the same endpoint, each bundle brings its own.
 */
export function PdfButton({
  invoice,
  download,
  iconOnly = false,
  variant = 'outline',
  size = 'sm',
  className,
}: {
  invoice: Pick<Invoice, 'id' | 'invoiceNumber' | 'type'>;
  download: (invoice: Pick<Invoice, 'id' | 'invoiceNumber'>) => Promise<unknown>;
  iconOnly?: boolean;
  variant?: ButtonProps['variant'];
  size?: ButtonProps['size'];
  className?: string;
}) {
  const { t } = useTranslation();
  const mutation = useMutation({
    mutationFn: () => download(invoice),
    onError: (error) => toast.error(t('invoices.pdfFailed'), t(errorMessageKey(error))),
  });
  const number = invoice.invoiceNumber ?? '—';
  const label = isCreditNote(invoice)
    ? t('invoices.pdfCreditLabel', { number })
    : t('invoices.pdfLabel', { number });
  return (
    <Button
      variant={variant}
      size={iconOnly ? 'icon' : size}
      className={className}
      aria-label={label}
      title={iconOnly ? label : undefined}
      aria-busy={mutation.isPending || undefined}
      disabled={mutation.isPending}
      data-testid="invoice-pdf"
      onClick={() => {
        if (!mutation.isPending) mutation.mutate();
      }}
    >
      {mutation.isPending ? (
        <Loader2 aria-hidden="true" className="animate-spin" />
      ) : (
        <Download aria-hidden="true" />
      )}
      {!iconOnly && t('invoices.pdf')}
    </Button>
  );
}
