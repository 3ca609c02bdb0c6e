import { FileDown, Users } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  CUSTOMER_FILTERS,
  CUSTOMER_SORTS,
  downloadCustomersCsv,
  useConsoleCustomers,
  type CustomerRow,
} from '../../../api/console.ts';
import { PageHeader } from '../../../components/layout/PageHeader.tsx';
import { CardFields, CardHead, DataTable } from '../../../components/list/DataTable.tsx';
import { FilterBar, FilterSelect, SearchBox } from '../../../components/list/filters.tsx';
import { PagedList } from '../../../components/list/ListState.tsx';
import { useListParams } from '../../../components/list/useListParams.ts';
import { Badge } from '../../../components/ui/Badge.tsx';
import { Button } from '../../../components/ui/Button.tsx';
import { EmptyState } from '../../../components/ui/EmptyState.tsx';
import { toast } from '../../../components/ui/Toast.tsx';
import { useFormat } from '../../../lib/format.ts';

const PAGE_SIZE = 20;
const PARAMS = ['search', 'filter', 'sort', 'order'] as const;

/** `/admin/customers` ("Clientes"): search, filter, sort, page through and export the customers (never staff). */
export function CustomersPage() {
  const { t } = useTranslation();
  const { values, page, set, bindFilter, paging } = useListParams(PARAMS);
  const filter = CUSTOMER_FILTERS.find((f) => f === values.filter);
  const sort = CUSTOMER_SORTS.find((s) => s === values.sort) ?? 'created';
  const order = values.order === 'asc' ? 'asc' : 'desc';
  const search = values.search || undefined;
  const customers = useConsoleCustomers({ search, filter, sort, order, page, pageSize: PAGE_SIZE });
  const { data } = customers;
  const filtered = Boolean(filter || search);
  const [exporting, setExporting] = useState(false);

  const exportCsv = async () => {
    setExporting(true);
    try {
      await downloadCustomersCsv({ search, filter, sort, order });
    } catch {
      toast.error(t('console.customers.exportFailed'));
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className="flex flex-col gap-6">
      <title>{t('console.customers.documentTitle')}</title>
      <PageHeader
        title={t('console.customers.title')}
        subtitle={t('console.customers.subtitle')}
        aside={
          <Button variant="outline" onClick={() => void exportCsv()} disabled={exporting}>
            <FileDown aria-hidden="true" />
            {t('console.customers.export')}
          </Button>
        }
      />
      <FilterBar count={data ? t('console.customers.count', { count: data.total }) : null}>
        <FilterSelect
          label={t('console.customers.filter')}
          value={filter ?? ''}
          onChange={(value) => set({ filter: value })}
        >
          <option value="">{t('console.customers.all')}</option>
          {CUSTOMER_FILTERS.map((f) => (
            <option key={f} value={f}>
              {t(`console.customers.filters.${f}`)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          label={t('console.customers.sort')}
          value={`${sort}:${order}`}
          onChange={(value) => {
            const [s, o] = value.split(':');
            set({ sort: s ?? 'created', order: o ?? 'desc' });
          }}
        >
          {CUSTOMER_SORTS.flatMap((s) =>
            (['desc', 'asc'] as const).map((o) => (
              <option key={`${s}:${o}`} value={`${s}:${o}`}>
                {t(`console.customers.sorts.${s}_${o}`)}
              </option>
            )),
          )}
        </FilterSelect>
        <SearchBox
          label={t('console.customers.search')}
          placeholder={t('console.customers.searchPlaceholder')}
          {...bindFilter('search')}
        />
      </FilterBar>
      <PagedList
        {...paging}
        pageSize={PAGE_SIZE}
        query={customers}
        skeleton={{ rows: 6, height: 'h-14' }}
        empty={
          <EmptyState
            icon={Users}
            title={filtered ? t('console.customers.emptyFiltered') : t('console.customers.empty')}
            action={
              filtered ? (
                <Button variant="outline" onClick={() => set({ filter: '', search: '' })}>
                  {t('admin.clearFilters')}
                </Button>
              ) : undefined
            }
          />
        }
      >
        {(items) => <CustomerTable rows={items} currency={data?.currency ?? 'USD'} />}
      </PagedList>
    </div>
  );
}

function Flags({ row }: { row: CustomerRow }) {
  const { t } = useTranslation();
  return (
    <span className="flex flex-wrap gap-1">
      {row.banned && <Badge tone="danger">{t('console.customers.banned')}</Badge>}
      {!row.emailVerified && <Badge tone="warning">{t('console.customers.unverified')}</Badge>}
    </span>
  );
}

function CustomerTable({ rows, currency }: { rows: CustomerRow[]; currency: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = (row: CustomerRow) => (
    <Link to={`/admin/customers/${row.id}`} className="font-medium text-primary hover:underline">
      {row.name || row.email}
    </Link>
  );
  return (
    <DataTable
      scroll
      rows={rows}
      rowKey={(row) => row.id}
      rowData={(row) => ({ 'data-testid': 'customer-row', 'data-email': row.email })}
      cardData={(row) => ({ 'data-testid': 'customer-card', 'data-email': row.email })}
      columns={[
        {
          id: 'name',
          header: t('console.customers.name'),
          cell: (row) => (
            <span className="flex flex-col gap-0.5">
              {name(row)}
              <span className="text-xs text-muted-foreground">{row.email}</span>
            </span>
          ),
        },
        { id: 'flags', header: t('console.customers.state'), cell: (row) => <Flags row={row} /> },
        {
          id: 'services',
          header: t('console.customers.services'),
          alignRight: true,
          cell: (row) => `${format.number(row.activeServices)} / ${format.number(row.services)}`,
        },
        {
          id: 'spend',
          header: t('console.customers.spend'),
          alignRight: true,
          cell: (row) => format.money(row.spendMinor, currency),
        },
        {
          id: 'created',
          header: t('console.customers.created'),
          cell: (row) => <time dateTime={row.createdAt}>{format.date(row.createdAt)}</time>,
        },
      ]}
      card={(row) => (
        <>
          <CardHead aside={<Flags row={row} />}>{name(row)}</CardHead>
          <CardFields
            fields={[
              { label: t('console.customers.email'), value: row.email, valueClassName: 'break-all' },
              {
                label: t('console.customers.services'),
                value: `${format.number(row.activeServices)} / ${format.number(row.services)}`,
              },
              { label: t('console.customers.spend'), value: format.money(row.spendMinor, currency) },
              { label: t('console.customers.created'), value: format.date(row.createdAt) },
            ]}
          />
        </>
      )}
    />
  );
}
