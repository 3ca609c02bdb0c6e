import { zodResolver } from '@hookform/resolvers/zod';
import { Ban, CheckCircle2, FileDown, FileMinus, Receipt } from 'lucide-react';
import { useRef, useState, type ReactNode } from 'react';
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
import { INVOICE_STATUSES, type AdminInvoice, type CreditNoteRequest } from '../../api/models.ts';
import { SelectField, TextField } from '../../components/form/fields.tsx';
import { FormDialog, toastAndClose } from '../../components/form/FormDialog.tsx';
import { applyApiError, optionalText, requiredText } from '../../components/form/validation.ts';
import { PageHeader } from '../../components/layout/PageHeader.tsx';
import { CardFields, CardHead, DataTable } from '../../components/list/DataTable.tsx';
import { DayFilter, FilterBar, FilterSelect, SearchBox } from '../../components/list/filters.tsx';
import { ListState } from '../../components/list/ListState.tsx';
import { Pagination } from '../../components/list/Pagination.tsx';
import { useListParams } from '../../components/list/useListParams.ts';
import { Button } from '../../components/ui/Button.tsx';
import { EmptyState } from '../../components/ui/EmptyState.tsx';
import { toast } from '../../components/ui/Toast.tsx';
import { parseAmount, useFormat } from '../../lib/format.ts';
import {
  DueText,
  InvoiceAmount,
  InvoiceBadge,
  invoiceStateColumns,
  isCreditNote,
  isUnpaid,
  PdfButton,
} from '../panel/invoices/invoiceBits.tsx';
import { useProviderName } from '../shop/PaymentForm.tsx';

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
  const invoices = useAdminInvoices({
    status,
    type,
    search: values.search || undefined,
    from: from || undefined,
    to: to ? dayAfter(to) : undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const { data } = invoices;
  const filtered = Boolean(status || type || values.search || from || to);
  const [action, setAction] = useState<Action | null>(null);
  const [exporting, setExporting] = useState(false);

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

      <FilterBar>
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
      </FilterBar>
      <FilterBar className="-mt-3" count={data ? t('admin.invoices.count', { count: data.total }) : null}>
        <div className="flex w-full gap-3 sm:w-auto">
          <DayFilter
            label={t('admin.invoices.from')}
            value={from}
            max={to || undefined}
            onChange={(value) => set({ from: value })}
          />
          <DayFilter
            label={t('admin.invoices.to')}
            value={to}
            min={from || undefined}
            onChange={(value) => set({ to: value })}
          />
        </div>
      </FilterBar>

      <ListState
        query={invoices}
        skeleton={{ rows: 5, height: 'h-16' }}
        empty={
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
        }
      >
        {(items) => <InvoiceTable invoices={items} onAction={setAction} />}
      </ListState>

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

function InvoiceTable({
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
      rowData={(invoice) => ({
        'data-testid': 'admin-invoice-row',
        'data-status': invoice.status,
        'data-number': invoice.invoiceNumber ?? '',
      })}
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
    <FormDialog
      onClose={onClose}
      pending={mutation.isPending}
      error={mutation.error}
      title={t('admin.invoices.markPaidTitle', { number })}
      description={t('admin.invoices.markPaidText', {
        amount: format.money(invoice.totalMinor, invoice.currency),
        email: invoice.customerEmail,
      })}
      submit={t('admin.invoices.markPaidConfirm')}
      onSubmit={form.handleSubmit((values) => {
        if (mutation.isPending) return;
        mutation.mutate(
          { invoiceId: invoice.id, reference: values.reference },
          toastAndClose({
            message: t('admin.invoices.markedPaid', { number }),
            onClose,
            setError: form.setError,
            fields: ['reference'],
            reset: () => mutation.reset(),
          }),
        );
      })}
    >
      <TextField
        label={t('admin.invoices.reference')}
        hint={t('admin.invoices.referenceHint')}
        autoComplete="off"
        autoFocus
        error={form.formState.errors.reference?.message}
        {...form.register('reference')}
      />
    </FormDialog>
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
    <FormDialog
      onClose={onClose}
      pending={mutation.isPending}
      error={mutation.error}
      title={t('admin.invoices.voidTitle', { number })}
      description={t('admin.invoices.voidText')}
      cancel={t('admin.invoices.keep')}
      submit={t('admin.invoices.voidConfirm')}
      submitVariant="danger"
      onSubmit={form.handleSubmit((values) => {
        if (mutation.isPending) return;
        mutation.mutate(
          { invoiceId: invoice.id, ...(values.reason ? { reason: values.reason } : {}) },
          toastAndClose({
            message: t('admin.invoices.voided', { number }),
            onClose,
            setError: form.setError,
            fields: ['reason'],
            reset: () => mutation.reset(),
          }),
        );
      })}
    >
      <TextField
        label={t('admin.invoices.reason')}
        optional
        autoComplete="off"
        autoFocus
        error={form.formState.errors.reason?.message}
        {...form.register('reason')}
      />
    </FormDialog>
  );
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
      refund: z.enum(['none', 'gateway', 'manual']),
      provider: z.string(),
      reference: z.string().trim().max(200, 'validation.tooLong'),
    })
    .refine((values) => values.refund !== 'manual' || values.reference.length > 0, {
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
    defaultValues: { reason: '', amount: '', refund: 'none', provider: 'bank_transfer', reference: '' },
  });
  const refund = form.watch('refund');
  const total = format.money(invoice.totalMinor, invoice.currency);
  return (
    <FormDialog
      onClose={onClose}
      pending={mutation.isPending}
      error={mutation.error}
      title={t('admin.invoices.creditTitle', { number })}
      description={t('admin.invoices.creditText', { amount: total })}
      submit={t('admin.invoices.creditConfirm')}
      onSubmit={form.handleSubmit((values) => {
        if (mutation.isPending || sent.current) return;
        sent.current = true;
        const amountMinor = values.amount.trim() ? parseAmount(values.amount, invoice.currency) : null;
        const body: CreditNoteRequest = {
          reason: values.reason,
          ...(amountMinor !== null ? { amountMinor } : {}),
          ...(values.refund === 'gateway' ? { refund: { throughGateway: true as const } } : {}),
          ...(values.refund === 'manual'
            ? { refund: { provider: values.provider, reference: values.reference } }
            : {}),
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
      <fieldset className="grid gap-1">
        <legend className="mb-1 text-sm font-medium">{t('admin.invoices.refund')}</legend>
        {(['none', 'gateway', 'manual'] as const).map((mode) => (
          <label key={mode} className="flex min-h-10 items-start gap-3 text-sm">
            <input
              type="radio"
              value={mode}
              className="mt-0.5 size-4 shrink-0 accent-primary"
              {...form.register('refund')}
            />
            <span>
              <span className="font-medium">{t(`admin.invoices.refundModes.${mode}`)}</span>
              <span className="block text-xs text-muted-foreground">
                {t(`admin.invoices.refundModeHints.${mode}`)}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      {refund === 'manual' && (
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
    </FormDialog>
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
    <FormDialog
      onClose={onClose}
      pending={pending}
      error={error}
      title={t('admin.invoices.exportTitle')}
      description={t('admin.invoices.exportText')}
      submit={
        <>
          <FileDown aria-hidden="true" />
          {t('admin.invoices.exportConfirm')}
        </>
      }
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
    </FormDialog>
  );
}
