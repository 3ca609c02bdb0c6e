import { FileMinus } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { downloadInvoicePdf, useInvoice } from '../../../api/billing.ts';
import type { InvoiceDetail } from '../../../api/models.ts';
import { DetailPage } from '../../../components/layout/DetailPage.tsx';
import { DetailHeader } from '../../../components/layout/PageHeader.tsx';
import { Card } from '../../../components/ui/Card.tsx';
import { Dialog } from '../../../components/ui/Dialog.tsx';
import { useFormat } from '../../../lib/format.ts';
import { PaymentForm } from '../../shop/PaymentForm.tsx';
import { PaymentCancelledNote, PaymentNoticeBanner, usePayParam } from '../../shop/PaymentNotice.tsx';
import { CreditNotes } from './detail/CreditNotes.tsx';
import { InvoiceDates } from './detail/InvoiceDates.tsx';
import { InvoiceLines } from './detail/InvoiceLines.tsx';
import { InvoiceParty } from './detail/InvoiceParty.tsx';
import { InvoicePayCard } from './detail/InvoicePayCard.tsx';
import { InvoiceTotals } from './detail/InvoiceTotals.tsx';
import { InvoiceTransactions } from './detail/InvoiceTransactions.tsx';
import {
  InvoiceBadge,
  isCreditNote,
  isUnpaid,
  PdfButton,
  useInvoiceConcept,
  useInvoiceTitle,
} from './invoiceBits.tsx';

/** `/panel/invoices/:id`: one invoice or credit note — lines, totals, parties, payments; pay it while unpaid. */
export function InvoiceDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const invoice = useInvoice(id);
  return (
    <DetailPage
      backTo="/panel/invoices"
      backLabel={t('invoices.detail.back')}
      query={invoice}
      skeletons={['h-9 w-72', 'h-64 w-full rounded-xl', 'h-40 w-full rounded-xl']}
      hideDataOnError
    >
      {(data) => <InvoiceView invoice={data} />}
    </DetailPage>
  );
}

function InvoiceView({ invoice }: { invoice: InvoiceDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const title = useInvoiceTitle()(invoice);
  const concept = useInvoiceConcept()(invoice);
  const payable = invoice.payable ?? isUnpaid(invoice);
  const { payOpen, paymentCancelled, setPayOpen } = usePayParam(payable);
  const amount = format.money(invoice.totalMinor, invoice.currency);

  return (
    <>
      <title>{t('invoices.detail.documentTitle', { title })}</title>
      <DetailHeader
        title={title}
        subtitle={
          <>
            {concept}
            {invoice.issuedAt && (
              <>
                {' · '}
                {t('invoices.detail.issued', { date: format.date(invoice.issuedAt) })}
              </>
            )}
          </>
        }
        aside={
          <>
            <span aria-live="polite" data-testid="invoice-status" data-status={invoice.status}>
              <InvoiceBadge invoice={invoice} className="text-sm" />
            </span>
            <PdfButton invoice={invoice} download={downloadInvoicePdf} size="md" />
          </>
        }
      />

      <PaymentNoticeBanner
        describe={(paid, number) =>
          paid
            ? { title: t('invoices.notice.paidTitle'), text: t('invoices.notice.paidText', { number }) }
            : { title: t('invoices.notice.failedTitle'), text: t('invoices.notice.failedText', { number }) }
        }
      />
      {paymentCancelled && (
        <PaymentCancelledNote>{t('invoices.detail.paymentCancelled')}</PaymentCancelledNote>
      )}

      {payable && <InvoicePayCard invoice={invoice} onPay={() => setPayOpen(true)} />}

      {isCreditNote(invoice) && invoice.referenceInvoiceId && (
        <p className="flex items-start gap-2 rounded-lg border border-border bg-muted/40 p-3 text-sm">
          <FileMinus aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
          <span>
            {t('invoices.detail.corrects')}{' '}
            <Link
              to={`/panel/invoices/${invoice.referenceInvoiceId}`}
              className="font-medium text-primary hover:underline"
            >
              {invoice.referenceInvoiceNumber ?? t('invoices.detail.originalInvoice')}
            </Link>
          </span>
        </p>
      )}

      <Card className="p-5">
        <h2 className="mb-3 text-lg font-semibold">{t('invoices.detail.linesTitle')}</h2>
        <InvoiceLines invoice={invoice} />
        <InvoiceTotals invoice={invoice} />
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card className="p-5">
          <h2 className="mb-3 text-lg font-semibold">{t('invoices.detail.billTo')}</h2>
          <InvoiceParty party={invoice.billTo} testId="invoice-bill-to" />
        </Card>
        <Card className="p-5">
          <h2 className="mb-3 text-lg font-semibold">{t('invoices.detail.seller')}</h2>
          <InvoiceParty party={invoice.seller} />
        </Card>
        <Card className="p-5">
          <h2 className="mb-3 text-lg font-semibold">{t('invoices.detail.datesTitle')}</h2>
          <InvoiceDates invoice={invoice} />
        </Card>
        <Card className="p-5">
          <h2 className="mb-3 text-lg font-semibold">{t('invoices.detail.transactionsTitle')}</h2>
          <InvoiceTransactions invoice={invoice} />
        </Card>
        {(invoice.creditNotes?.length ?? 0) > 0 && (
          <Card className="p-5 lg:col-span-2">
            <h2 className="mb-3 text-lg font-semibold">{t('invoices.detail.creditNotesTitle')}</h2>
            <CreditNotes invoice={invoice} />
          </Card>
        )}
      </div>

      <Dialog
        open={payOpen}
        onClose={() => setPayOpen(false)}
        title={t('invoices.detail.payTitle', { number: invoice.invoiceNumber ?? '—' })}
        description={t('invoices.detail.payText', { amount })}
      >
        {payOpen && (
          <PaymentForm invoiceId={invoice.id} amountMinor={invoice.totalMinor} currency={invoice.currency} />
        )}
      </Dialog>
    </>
  );
}
