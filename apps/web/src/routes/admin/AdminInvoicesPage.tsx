import { FileDown, Receipt } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAdminInvoices } from '../../api/admin.ts';
import { INVOICE_STATUSES } from '../../api/models.ts';
import { PageHeader } from '../../components/layout/PageHeader.tsx';
import { DayFilter, FilterBar, FilterSelect, SearchBox } from '../../components/list/filters.tsx';
import { PagedList } from '../../components/list/ListState.tsx';
import { useListParams } from '../../components/list/useListParams.ts';
import { Button } from '../../components/ui/Button.tsx';
import { EmptyState } from '../../components/ui/EmptyState.tsx';
import { CreditNoteDialog } from './invoices/CreditNoteDialog.tsx';
import { ExportDialog } from './invoices/ExportDialog.tsx';
import { isDay, dayAfter } from './invoices/invoiceRules.ts';
import { type Action, InvoiceTable } from './invoices/InvoiceTable.tsx';
import { MarkPaidDialog } from './invoices/MarkPaidDialog.tsx';
import { VoidDialog } from './invoices/VoidDialog.tsx';

const PAGE_SIZE = 20;
const FILTERS = ['status', 'type', 'search', 'from', 'to'] as const;
const TYPES = ['invoice', 'credit_note'] as const;

/** `/admin/invoices`: every invoice and credit note; record a payment, void, credit, download, export the period. */
export function AdminInvoicesPage() {
  const { t } = useTranslation();
  const { values, page, set, bindFilter, paging } = useListParams(FILTERS);
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
          {...bindFilter('search')}
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

      <PagedList
        {...paging}
        pageSize={PAGE_SIZE}
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
      </PagedList>

      {action?.kind === 'paid' && <MarkPaidDialog invoice={action.invoice} onClose={() => setAction(null)} />}
      {action?.kind === 'void' && <VoidDialog invoice={action.invoice} onClose={() => setAction(null)} />}
      {action?.kind === 'credit' && (
        <CreditNoteDialog invoice={action.invoice} onClose={() => setAction(null)} />
      )}
      {exporting && <ExportDialog onClose={() => setExporting(false)} />}
    </div>
  );
}
