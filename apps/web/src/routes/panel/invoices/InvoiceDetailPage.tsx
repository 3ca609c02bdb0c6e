import { CreditCard, FileMinus } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { downloadInvoicePdf, useInvoice } from '../../../api/billing.ts';
import type { InvoiceDetail, InvoiceParty } from '../../../api/models.ts';
import { DetailPage } from '../../../components/layout/DetailPage.tsx';
import { DetailHeader } from '../../../components/layout/PageHeader.tsx';
import { Button } from '../../../components/ui/Button.tsx';
import { Card } from '../../../components/ui/Card.tsx';
import { Dialog } from '../../../components/ui/Dialog.tsx';
import { cn } from '../../../lib/cn.ts';
import { useFormat } from '../../../lib/format.ts';
import { daysUntil } from '../../../lib/vps.ts';
import { countryName } from '../account/countries.ts';
import { PaymentForm, useProviderName } from '../../shop/PaymentForm.tsx';
import { PaymentStatusBadge } from '../../shop/PaymentStatusBadge.tsx';
import { PaymentCancelledNote, PaymentNoticeBanner, usePayParam } from '../../shop/PaymentNotice.tsx';
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
  const overdue = invoice.status === 'overdue' || (invoice.dueAt ? daysUntil(invoice.dueAt) < 0 : false);

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

      {payable && (
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
          <Button onClick={() => setPayOpen(true)}>
            <CreditCard aria-hidden="true" />
            {t('invoices.detail.pay', { amount })}
          </Button>
        </Card>
      )}

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
        <Lines invoice={invoice} />
        <Totals invoice={invoice} />
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card className="p-5">
          <h2 className="mb-3 text-lg font-semibold">{t('invoices.detail.billTo')}</h2>
          <Party party={invoice.billTo} testId="invoice-bill-to" />
        </Card>
        <Card className="p-5">
          <h2 className="mb-3 text-lg font-semibold">{t('invoices.detail.seller')}</h2>
          <Party party={invoice.seller} />
        </Card>
        <Card className="p-5">
          <h2 className="mb-3 text-lg font-semibold">{t('invoices.detail.datesTitle')}</h2>
          <Dates invoice={invoice} />
        </Card>
        <Card className="p-5">
          <h2 className="mb-3 text-lg font-semibold">{t('invoices.detail.transactionsTitle')}</h2>
          <Transactions invoice={invoice} />
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

function Lines({ invoice }: { invoice: InvoiceDetail }) {
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
                  {money(item.unitPriceMinor * item.quantity - item.discountMinor)}
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
              <span className="font-medium text-foreground">
                {money(item.unitPriceMinor * item.quantity - item.discountMinor)}
              </span>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

function Totals({ invoice }: { invoice: InvoiceDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = (minor: number) => format.money(minor, invoice.currency);
  const taxName = invoice.taxName || t('invoices.detail.tax');
  const rate = invoice.taxRate !== null ? format.number(invoice.taxRate) : null;
  const inclusive = invoice.taxMode === 'inclusive';
  const taxLabel = inclusive
    ? rate !== null
      ? t('invoices.detail.taxIncludedRate', { name: taxName, rate })
      : t('invoices.detail.taxIncluded', { name: taxName })
    : rate !== null
      ? t('invoices.detail.taxRate', { name: taxName, rate })
      : taxName;
  const rows: Array<{ label: string; value: string; strong?: boolean }> = [
    { label: t('invoices.detail.subtotal'), value: money(invoice.subtotalMinor) },
  ];
  if (invoice.discountMinor > 0)
    rows.push({ label: t('invoices.detail.discount'), value: money(-invoice.discountMinor) });
  rows.push({ label: taxLabel, value: money(invoice.taxMinor) });
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

function Party({ party, testId }: { party: InvoiceParty; testId?: string }) {
  const { t, i18n } = useTranslation();
  const lines = [
    party.companyName,
    party.name,
    party.taxId ? t('invoices.detail.taxId', { id: party.taxId }) : null,
    party.address,
    party.country ? countryName(party.country, i18n.language) : null,
    party.email,
    party.phone,
  ].filter((line): line is string => Boolean(line && line.trim()));
  return (
    <address className="flex flex-col gap-0.5 text-sm not-italic" data-testid={testId}>
      {lines.map((line, i) => (
        <span key={i} className={cn('break-words', i === 0 && 'font-medium')}>
          {line}
        </span>
      ))}
    </address>
  );
}

function Dates({ invoice }: { invoice: InvoiceDetail }) {
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

function Transactions({ invoice }: { invoice: InvoiceDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const providerName = useProviderName();
  const items = invoice.transactions ?? [];
  if (items.length === 0)
    return <p className="text-sm text-muted-foreground">{t('invoices.detail.noTransactions')}</p>;
  return (
    <ul className="flex flex-col divide-y divide-border" data-testid="invoice-transactions">
      {items.map((tx) => {
        const refund = tx.kind === 'refund';
        return (
          <li key={tx.id} className="flex items-start justify-between gap-4 py-2.5 text-sm">
            <div className="min-w-0 flex-1">
              <p className="font-medium">
                {refund ? t('invoices.detail.refund') : t('invoices.detail.payment')} ·{' '}
                {providerName(tx.provider)}
              </p>
              <p className="text-xs text-muted-foreground">
                <time dateTime={tx.createdAt}>{format.dateTime(tx.createdAt)}</time>
                {tx.reference && <span className="block font-mono break-all">{tx.reference}</span>}
              </p>
            </div>
            <div className="flex shrink-0 flex-col items-end gap-1">
              <PaymentStatusBadge status={refund && tx.status === 'succeeded' ? 'refunded' : tx.status} />
              <span className="font-semibold whitespace-nowrap tabular-nums">
                {format.money(refund ? -Math.abs(tx.amountMinor) : tx.amountMinor, tx.currency)}
              </span>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function CreditNotes({ invoice }: { invoice: InvoiceDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ul className="flex flex-col divide-y divide-border" data-testid="invoice-credit-notes">
      {(invoice.creditNotes ?? []).map((note) => (
        <li
          key={note.id}
          className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2.5 text-sm"
        >
          <span className="min-w-0">
            <Link
              to={`/panel/invoices/${note.id}`}
              className="font-medium hover:text-primary hover:underline"
            >
              {t('invoices.creditNoteNumbered', { number: note.invoiceNumber ?? '—' })}
            </Link>
            {note.issuedAt && (
              <span className="block text-xs text-muted-foreground">
                <time dateTime={note.issuedAt}>{format.date(note.issuedAt)}</time>
              </span>
            )}
          </span>
          <span className="font-semibold tabular-nums">
            {format.money(-Math.abs(note.totalMinor), invoice.currency)}
          </span>
        </li>
      ))}
    </ul>
  );
}
