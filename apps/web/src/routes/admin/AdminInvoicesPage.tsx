import { zodResolver } from '@hookform/resolvers/zod';
import { Ban, CheckCircle2, FileDown, FileMinus, Receipt } from 'lucide-react';
import { useId, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import {
  downloadAdminInvoicePdf,
  downloadInvoicesCsv,
  useAdminInvoices,
  useCreateCreditNote,
  useMarkInvoicePaid,
  useVoidInvoice,
} from '../../api/admin.ts';
import { INVOICE_STATUSES, type AdminInvoice, type CreditNoteRequest } from '../../api/types.ts';
import { controlClass, SelectField, TextField } from '../../components/form/fields.tsx';
import { FormError, SubmitButton } from '../../components/form/FormBits.tsx';
import { applyApiError, optionalText, requiredText } from '../../components/form/validation.ts';
import { Button } from '../../components/ui/Button.tsx';
import { Dialog } from '../../components/ui/Dialog.tsx';
import { EmptyState } from '../../components/ui/EmptyState.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../components/ui/Skeleton.tsx';
import { toast } from '../../components/ui/Toast.tsx';
import { cn } from '../../lib/cn.ts';
import { useFormat } from '../../lib/format.ts';
import { DueText, InvoiceBadge, isCreditNote, isUnpaid, PdfButton } from '../panel/invoices/invoiceBits.tsx';
import { useProviderName } from '../shop/PaymentForm.tsx';
import {
  FilterSelect,
  PageHeader,
  Pagination,
  SearchBox,
  tableWrap,
  th,
  theadClass,
  useListParams,
} from './adminBits.tsx';

const PAGE_SIZE = 20;
const FILTERS = ['status', 'type', 'search', 'from', 'to'] as const;
const TYPES = ['invoice', 'credit_note'] as const;
const REFUND_PROVIDERS = ['bank_transfer', 'stripe', 'mercadopago', 'paypal', 'sandbox'] as const;
const DAY_MS = 86_400_000;

/** `yyyy-mm-dd` of a local date. */
function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The day after `yyyy-mm-dd` (the API's `to` is exclusive; the form's "hasta" includes its day). */
function dayAfter(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

type Action = { kind: 'paid' | 'void' | 'credit'; invoice: AdminInvoice };

/** `/admin/invoices`: every invoice and credit note; record a payment, void, credit, download, export the period. */
export function AdminInvoicesPage() {
  const { t } = useTranslation();
  const { values, page, set } = useListParams(FILTERS);
  const status = values.status === 'unpaid' ? 'unpaid' : INVOICE_STATUSES.find((s) => s === values.status);
  const type = TYPES.find((value) => value === values.type);
  const from = isDay(values.from) ? values.from : '';
  const to = isDay(values.to) ? values.to : '';
  const { data, isPending, error, refetch, isPlaceholderData } = useAdminInvoices({
    status,
    type,
    search: values.search || undefined,
    from: from || undefined,
    to: to ? dayAfter(to) : undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const filtered = Boolean(status || type || values.search || from || to);
  const [action, setAction] = useState<Action | null>(null);
  const [exporting, setExporting] = useState(false);
  const fromId = useId();
  const toId = useId();

  return (
    <div className="flex flex-col gap-6">
      <title>{t('admin.invoices.documentTitle')}</title>
      <PageHeader
        title={t('admin.invoices.title')}
        subtitle={t('admin.invoices.subtitle')}
        aside={
          <Button variant="outline" onClick={() => setExporting(true)}>
            <FileDown aria-hidden="true" />
            {t('admin.invoices.export')}
          </Button>
        }
      />

      <div className="flex flex-wrap items-end gap-3">
        <FilterSelect
          label={t('admin.invoices.statusFilter')}
          value={status ?? ''}
          onChange={(value) => set({ status: value })}
        >
          <option value="">{t('admin.invoices.allStatuses')}</option>
          <option value="unpaid">{t('admin.invoices.unpaid')}</option>
          {INVOICE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.invoice.${s}`)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          label={t('admin.invoices.typeFilter')}
          value={type ?? ''}
          onChange={(value) => set({ type: value })}
        >
          <option value="">{t('admin.invoices.allTypes')}</option>
          <option value="invoice">{t('admin.invoices.typeInvoice')}</option>
          <option value="credit_note">{t('admin.invoices.typeCreditNote')}</option>
        </FilterSelect>
        <SearchBox
          label={t('admin.invoices.search')}
          placeholder={t('admin.invoices.searchPlaceholder')}
          value={values.search}
          onChange={(value) => set({ search: value })}
        />
      </div>
      <div className="-mt-3 flex flex-wrap items-end gap-3">
        <div className="flex w-full gap-3 sm:w-auto">
          <div className="flex min-w-0 flex-1 flex-col gap-1.5">
            <label htmlFor={fromId} className="text-sm font-medium">
              {t('admin.invoices.from')}
            </label>
            <input
              id={fromId}
              type="date"
              value={from}
              max={to || undefined}
              onChange={(event) => set({ from: event.target.value })}
              className={cn(controlClass, 'h-10 sm:w-40')}
            />
          </div>
          <div className="flex min-w-0 flex-1 flex-col gap-1.5">
            <label htmlFor={toId} className="text-sm font-medium">
              {t('admin.invoices.to')}
            </label>
            <input
              id={toId}
              type="date"
              value={to}
              min={from || undefined}
              onChange={(event) => set({ to: event.target.value })}
              className={cn(controlClass, 'h-10 sm:w-40')}
            />
          </div>
        </div>
        <p aria-live="polite" className="ml-auto min-h-5 text-sm text-muted-foreground">
          {data && t('admin.invoices.count', { count: data.total })}
        </p>
      </div>

      <div className={cn('transition-opacity', isPlaceholderData && 'opacity-60')} aria-busy={isPending}>
        {error && !data ? (
          <ErrorState error={error} onRetry={() => void refetch()} />
        ) : isPending ? (
          <div className="flex flex-col gap-3">
            {Array.from({ length: 5 }, (_, i) => (
              <Skeleton key={i} className="h-16 w-full rounded-xl" />
            ))}
          </div>
        ) : data.items.length === 0 ? (
          <EmptyState
            icon={Receipt}
            title={filtered ? t('admin.invoices.emptyFiltered') : t('admin.invoices.emptyTitle')}
            action={
              filtered ? (
                <Button
                  variant="outline"
                  onClick={() => set({ status: '', type: '', search: '', from: '', to: '' })}
                >
                  {t('admin.clearFilters')}
                </Button>
              ) : undefined
            }
          />
        ) : (
          <InvoiceTable invoices={data.items} onAction={setAction} />
        )}
      </div>

      {data && (
        <Pagination page={page} total={data.total} pageSize={PAGE_SIZE} onPage={(p) => set({ page: p })} />
      )}

      {action?.kind === 'paid' && <MarkPaidDialog invoice={action.invoice} onClose={() => setAction(null)} />}
      {action?.kind === 'void' && <VoidDialog invoice={action.invoice} onClose={() => setAction(null)} />}
      {action?.kind === 'credit' && (
        <CreditNoteDialog invoice={action.invoice} onClose={() => setAction(null)} />
      )}
      {exporting && <ExportDialog onClose={() => setExporting(false)} />}
    </div>
  );
}

function Amount({ invoice }: { invoice: AdminInvoice }) {
  const format = useFormat();
  const minor = isCreditNote(invoice) ? -Math.abs(invoice.totalMinor) : invoice.totalMinor;
  return <>{format.money(minor, invoice.currency)}</>;
}

function RowActions({ invoice, onAction }: { invoice: AdminInvoice; onAction: (action: Action) => void }) {
  const { t } = useTranslation();
  const number = invoice.invoiceNumber ?? '';
  return (
    <span className="flex flex-wrap items-center justify-end gap-2">
      <PdfButton invoice={invoice} download={downloadAdminInvoicePdf} iconOnly />
      {isUnpaid(invoice) && (
        <>
          <Button
            variant="outline"
            size="sm"
            aria-label={t('admin.invoices.markPaidLabel', { number })}
            onClick={() => onAction({ kind: 'paid', invoice })}
          >
            <CheckCircle2 aria-hidden="true" />
            {t('admin.invoices.markPaid')}
          </Button>
          <Button
            variant="outline"
            size="sm"
            aria-label={t('admin.invoices.voidLabel', { number })}
            onClick={() => onAction({ kind: 'void', invoice })}
          >
            <Ban aria-hidden="true" />
            {t('admin.invoices.void')}
          </Button>
        </>
      )}
      {!isCreditNote(invoice) && invoice.status === 'paid' && (
        <Button
          variant="outline"
          size="sm"
          aria-label={t('admin.invoices.creditLabel', { number })}
          onClick={() => onAction({ kind: 'credit', invoice })}
        >
          <FileMinus aria-hidden="true" />
          {t('admin.invoices.credit')}
        </Button>
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

function InvoiceTable({
  invoices,
  onAction,
}: {
  invoices: AdminInvoice[];
  onAction: (action: Action) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <div className={tableWrap}>
        <table className="w-full text-left text-sm">
          <thead className={theadClass}>
            <tr>
              <th scope="col" className={th}>
                {t('admin.invoices.colNumber')}
              </th>
              <th scope="col" className={th}>
                {t('admin.invoices.colCustomer')}
              </th>
              <th scope="col" className={cn(th, 'text-right')}>
                {t('admin.invoices.colTotal')}
              </th>
              <th scope="col" className={th}>
                {t('admin.invoices.colStatus')}
              </th>
              <th scope="col" className={th}>
                {t('admin.invoices.colDue')}
              </th>
              <th scope="col" className={th}>
                <span className="sr-only">{t('admin.colActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {invoices.map((invoice) => (
              <tr
                key={invoice.id}
                data-testid="admin-invoice-row"
                data-status={invoice.status}
                data-number={invoice.invoiceNumber ?? ''}
              >
                <td className="px-3 py-3">
                  <NumberCell invoice={invoice} />
                </td>
                <td className="max-w-52 px-3 py-3">
                  <span className="block truncate" title={invoice.customerEmail}>
                    {invoice.customerEmail}
                  </span>
                </td>
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
                  <RowActions invoice={invoice} onAction={onAction} />
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
            data-testid="admin-invoice-card"
            className="flex flex-col gap-3 rounded-xl border border-border bg-card p-4"
          >
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0">
                <NumberCell invoice={invoice} />
              </div>
              <InvoiceBadge invoice={invoice} />
            </div>
            <dl className="grid grid-cols-2 gap-2 text-sm">
              <div className="col-span-2 min-w-0">
                <dt className="text-xs text-muted-foreground">{t('admin.invoices.colCustomer')}</dt>
                <dd className="truncate">{invoice.customerEmail}</dd>
              </div>
              <div>
                <dt className="text-xs text-muted-foreground">{t('admin.invoices.colTotal')}</dt>
                <dd className="font-semibold">
                  <Amount invoice={invoice} />
                </dd>
              </div>
              <div>
                <dt className="text-xs text-muted-foreground">{t('admin.invoices.colDue')}</dt>
                <dd>
                  <DueText invoice={invoice} />
                </dd>
              </div>
            </dl>
            <RowActions invoice={invoice} onAction={onAction} />
          </li>
        ))}
      </ul>
    </>
  );
}

const markPaidSchema = z.object({ reference: requiredText(200) });

function MarkPaidDialog({ invoice, onClose }: { invoice: AdminInvoice; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const number = invoice.invoiceNumber ?? '—';
  const mutation = useMarkInvoicePaid();
  const form = useForm<{ reference: string }>({
    resolver: zodResolver(markPaidSchema),
    defaultValues: { reference: '' },
  });
  return (
    <Dialog
      open
      onClose={onClose}
      busy={mutation.isPending}
      title={t('admin.invoices.markPaidTitle', { number })}
      description={t('admin.invoices.markPaidText', {
        amount: format.money(invoice.totalMinor, invoice.currency),
        email: invoice.customerEmail,
      })}
    >
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={form.handleSubmit((values) => {
          if (mutation.isPending) return;
          mutation.mutate(
            { invoiceId: invoice.id, reference: values.reference },
            {
              onSuccess: () => {
                toast.success(t('admin.invoices.markedPaid', { number }));
                onClose();
              },
              onError: (error) => {
                if (applyApiError(error, form.setError, ['reference'])) mutation.reset();
              },
            },
          );
        })}
      >
        {mutation.error && <FormError error={mutation.error} />}
        <TextField
          label={t('admin.invoices.reference')}
          hint={t('admin.invoices.referenceHint')}
          autoComplete="off"
          autoFocus
          error={form.formState.errors.reference?.message}
          {...form.register('reference')}
        />
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="outline" onClick={onClose} disabled={mutation.isPending}>
            {t('actions.cancel')}
          </Button>
          <SubmitButton pending={mutation.isPending}>{t('admin.invoices.markPaidConfirm')}</SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}

const voidSchema = z.object({ reason: optionalText(500) });

function VoidDialog({ invoice, onClose }: { invoice: AdminInvoice; onClose: () => void }) {
  const { t } = useTranslation();
  const number = invoice.invoiceNumber ?? '—';
  const mutation = useVoidInvoice();
  const form = useForm<{ reason: string }>({
    resolver: zodResolver(voidSchema),
    defaultValues: { reason: '' },
  });
  return (
    <Dialog
      open
      onClose={onClose}
      busy={mutation.isPending}
      title={t('admin.invoices.voidTitle', { number })}
      description={t('admin.invoices.voidText')}
    >
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={form.handleSubmit((values) => {
          if (mutation.isPending) return;
          mutation.mutate(
            { invoiceId: invoice.id, ...(values.reason ? { reason: values.reason } : {}) },
            {
              onSuccess: () => {
                toast.success(t('admin.invoices.voided', { number }));
                onClose();
              },
              onError: (error) => {
                if (applyApiError(error, form.setError, ['reason'])) mutation.reset();
              },
            },
          );
        })}
      >
        {mutation.error && <FormError error={mutation.error} />}
        <TextField
          label={t('admin.invoices.reason')}
          optional
          autoComplete="off"
          autoFocus
          error={form.formState.errors.reason?.message}
          {...form.register('reason')}
        />
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="outline" onClick={onClose} disabled={mutation.isPending}>
            {t('admin.invoices.keep')}
          </Button>
          <SubmitButton variant="danger" pending={mutation.isPending}>
            {t('admin.invoices.voidConfirm')}
          </SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}

/** Digits after the decimal point of a currency (2 for USD, 0 for CLP). */
function currencyDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

/** "12,50" or "12.50" → 1250 minor units; null when it is not an amount. */
function parseAmount(text: string, currency: string): number | null {
  const clean = text.trim().replace(/\s/g, '').replace(',', '.');
  const digits = currencyDigits(currency);
  const pattern = digits > 0 ? new RegExp(`^\\d+(\\.\\d{1,${digits}})?$`) : /^\d+$/;
  if (!pattern.test(clean)) return null;
  const [whole = '0', fraction = ''] = clean.split('.');
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

function creditSchema(currency: string, maxMinor: number) {
  return z
    .object({
      reason: requiredText(500),
      amount: z.string().refine((value) => {
        if (value.trim() === '') return true;
        const minor = parseAmount(value, currency);
        return minor !== null && minor > 0 && minor <= maxMinor;
      }, 'validation.amount'),
      refund: z.boolean(),
      provider: z.string(),
      reference: z.string().trim().max(200, 'validation.tooLong'),
    })
    .refine((values) => !values.refund || values.reference.length > 0, {
      path: ['reference'],
      message: 'validation.required',
    });
}
type CreditValues = z.infer<ReturnType<typeof creditSchema>>;

function CreditNoteDialog({ invoice, onClose }: { invoice: AdminInvoice; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const providerName = useProviderName();
  const number = invoice.invoiceNumber ?? '—';
  const mutation = useCreateCreditNote();
  const sent = useRef(false);
  const form = useForm<CreditValues>({
    resolver: zodResolver(creditSchema(invoice.currency, Math.abs(invoice.totalMinor))),
    defaultValues: { reason: '', amount: '', refund: false, provider: 'bank_transfer', reference: '' },
  });
  const refund = form.watch('refund');
  const total = format.money(invoice.totalMinor, invoice.currency);
  return (
    <Dialog
      open
      onClose={onClose}
      busy={mutation.isPending}
      title={t('admin.invoices.creditTitle', { number })}
      description={t('admin.invoices.creditText', { amount: total })}
    >
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={form.handleSubmit((values) => {
          if (mutation.isPending || sent.current) return;
          sent.current = true;
          const amountMinor = values.amount.trim() ? parseAmount(values.amount, invoice.currency) : null;
          const body: CreditNoteRequest = {
            reason: values.reason,
            ...(amountMinor !== null ? { amountMinor } : {}),
            ...(values.refund ? { refund: { provider: values.provider, reference: values.reference } } : {}),
          };
          mutation.mutate(
            { invoiceId: invoice.id, body },
            {
              onSuccess: (note) => {
                toast.success(
                  t('admin.invoices.credited', { number: note.invoiceNumber ?? '' }),
                  t('admin.invoices.creditedText', {
                    amount: format.money(Math.abs(note.totalMinor), note.currency),
                    number,
                  }),
                );
                onClose();
              },
              onError: (error) => {
                if (
                  applyApiError(error, form.setError, ['reason', 'amount', 'reference'], {
                    amountMinor: 'amount',
                  })
                )
                  mutation.reset();
              },
              onSettled: () => {
                sent.current = false;
              },
            },
          );
        })}
      >
        {mutation.error && <FormError error={mutation.error} />}
        <TextField
          label={t('admin.invoices.reason')}
          autoComplete="off"
          autoFocus
          error={form.formState.errors.reason?.message}
          {...form.register('reason')}
        />
        <TextField
          label={t('admin.invoices.amount', { currency: invoice.currency })}
          hint={t('admin.invoices.amountHint', { amount: total })}
          optional
          inputMode="decimal"
          autoComplete="off"
          className="sm:max-w-xs"
          error={form.formState.errors.amount?.message}
          {...form.register('amount')}
        />
        <label className="flex min-h-10 items-center gap-3 text-sm font-medium">
          <input type="checkbox" className="size-4 accent-primary" {...form.register('refund')} />
          {t('admin.invoices.refund')}
        </label>
        {refund && (
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField label={t('admin.invoices.refundProvider')} {...form.register('provider')}>
              {REFUND_PROVIDERS.map((id) => (
                <option key={id} value={id}>
                  {providerName(id)}
                </option>
              ))}
            </SelectField>
            <TextField
              label={t('admin.invoices.refundReference')}
              autoComplete="off"
              error={form.formState.errors.reference?.message}
              {...form.register('reference')}
            />
          </div>
        )}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="outline" onClick={onClose} disabled={mutation.isPending}>
            {t('actions.cancel')}
          </Button>
          <SubmitButton pending={mutation.isPending}>{t('admin.invoices.creditConfirm')}</SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}

const exportSchema = z
  .object({
    from: z.string().refine(isDay, 'validation.required'),
    to: z.string().refine(isDay, 'validation.required'),
  })
  .refine((values) => values.to >= values.from, { path: ['to'], message: 'validation.dateRange' });

/** The accounting CSV of a period: invoices issued and transactions made, both days included. */
function ExportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const now = new Date();
  const form = useForm<{ from: string; to: string }>({
    resolver: zodResolver(exportSchema),
    defaultValues: { from: isoDay(new Date(now.getFullYear(), now.getMonth(), 1)), to: isoDay(now) },
  });
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <Dialog
      open
      onClose={onClose}
      busy={pending}
      title={t('admin.invoices.exportTitle')}
      description={t('admin.invoices.exportText')}
    >
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={form.handleSubmit(async (values) => {
          if (pending) return;
          setPending(true);
          setError(null);
          try {
            await downloadInvoicesCsv(values.from, dayAfter(values.to));
            onClose();
          } catch (failure) {
            setError(failure);
          } finally {
            setPending(false);
          }
        })}
      >
        {error ? <FormError error={error} /> : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            type="date"
            label={t('admin.invoices.from')}
            error={form.formState.errors.from?.message}
            {...form.register('from')}
          />
          <TextField
            type="date"
            label={t('admin.invoices.toIncluded')}
            error={form.formState.errors.to?.message}
            {...form.register('to')}
          />
        </div>
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="outline" onClick={onClose} disabled={pending}>
            {t('actions.cancel')}
          </Button>
          <SubmitButton pending={pending}>
            <FileDown aria-hidden="true" />
            {t('admin.invoices.exportConfirm')}
          </SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}
