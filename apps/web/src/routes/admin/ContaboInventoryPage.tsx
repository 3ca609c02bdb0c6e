import { zodResolver } from '@hookform/resolvers/zod';
import { Boxes, UserPlus } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useAssignInstance, useInstances } from '../../api/admin.ts';
import type { ContaboInstance, Customer } from '../../api/models.ts';
import { SelectField } from '../../components/form/fields.tsx';
import { FormDialog, toastAndClose } from '../../components/form/FormDialog.tsx';
import { optionalText } from '../../components/form/validation.ts';
import { PageHeader } from '../../components/layout/PageHeader.tsx';
import { CardHead, DataTable } from '../../components/list/DataTable.tsx';
import { FilterBar, FilterSelect } from '../../components/list/filters.tsx';
import { ListState } from '../../components/list/ListState.tsx';
import { useListParams } from '../../components/list/useListParams.ts';
import { Badge } from '../../components/ui/Badge.tsx';
import { Button } from '../../components/ui/Button.tsx';
import { EmptyState } from '../../components/ui/EmptyState.tsx';
import { StatusBadge } from '../../components/ui/StatusBadge.tsx';
import { useFormat } from '../../lib/format.ts';
import { contaboBadgeStatus } from '../../lib/vps.ts';
import { CopyValue } from '../panel/servers/serverBits.tsx';
import { CustomerPicker } from './CustomerPicker.tsx';
import { RootPasswordField } from './adminBits.tsx';

const FILTERS = ['assigned'] as const;

/** `/admin/contabo`: every instance in the Contabo account and whom it belongs to. */
export function ContaboInventoryPage() {
  const { t } = useTranslation();
  const { values, bindFilter } = useListParams(FILTERS);
  const assigned = values.assigned === 'true' ? true : values.assigned === 'false' ? false : undefined;
  const instances = useInstances(assigned);
  const { data } = instances;
  const [assigning, setAssigning] = useState<ContaboInstance | null>(null);
  const unassigned = data?.items.filter((item) => !item.assignment).length ?? 0;
  const orphans = data?.items.filter((item) => item.orphan).length ?? 0;

  return (
    <div className="flex flex-col gap-6">
      <title>{t('admin.contabo.documentTitle')}</title>
      <PageHeader title={t('admin.contabo.title')} subtitle={t('admin.contabo.subtitle')} />

      <FilterBar>
        <FilterSelect label={t('admin.contabo.filter')} {...bindFilter('assigned')}>
          <option value="">{t('admin.contabo.all')}</option>
          <option value="false">{t('admin.contabo.unassigned')}</option>
          <option value="true">{t('admin.contabo.assignedFilter')}</option>
        </FilterSelect>
        {data && (
          <p aria-live="polite" className="ml-auto text-sm text-muted-foreground">
            {t('admin.contabo.count', { count: data.total })}
            {unassigned > 0 && ` · ${t('admin.contabo.countUnassigned', { count: unassigned })}`}
            {orphans > 0 && ` · ${t('admin.contabo.countOrphans', { count: orphans })}`}
          </p>
        )}
      </FilterBar>

      <ListState
        query={instances}
        skeleton={{ rows: 5, height: 'h-16' }}
        empty={<EmptyState icon={Boxes} title={t('admin.contabo.empty')} />}
      >
        {(items) => <InstanceTable items={items} onAssign={setAssigning} />}
      </ListState>

      {assigning && <AssignDialog instance={assigning} onClose={() => setAssigning(null)} />}
    </div>
  );
}

function Assignment({ item }: { item: ContaboInstance }) {
  const { t } = useTranslation();
  if (!item.assignment) return <Badge tone="warning">{t('admin.contabo.unassignedBadge')}</Badge>;
  return (
    <span className="flex min-w-0 flex-col items-start gap-1">
      <span className="max-w-full truncate" title={item.assignment.email}>
        {item.assignment.email}
      </span>
      {item.orphan && (
        <Badge tone="danger" title={t('admin.contabo.orphanHint')}>
          {t('admin.contabo.orphanBadge')}
        </Badge>
      )}
    </span>
  );
}

function InstanceTable({
  items,
  onAssign,
}: {
  items: ContaboInstance[];
  onAssign: (item: ContaboInstance) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const assignButton = (item: ContaboInstance) =>
    item.assignment || item.cancelDate ? null : (
      <Button
        size="sm"
        variant="outline"
        onClick={() => onAssign(item)}
        aria-label={t('admin.contabo.assignLabel', { id: item.instanceId })}
      >
        <UserPlus aria-hidden="true" />
        {t('admin.contabo.assign')}
      </Button>
    );
  const title = (item: ContaboInstance) => item.displayName || item.name || '—';
  const badge = (item: ContaboInstance) => (
    <StatusBadge kind="vps" status={contaboBadgeStatus(item.status ?? 'unknown')} />
  );
  return (
    <DataTable
      scroll
      tableData={{ 'data-testid': 'contabo-table' }}
      rows={items}
      rowKey={(item) => item.instanceId}
      rowData={(item) => ({ 'data-testid': 'contabo-row', 'data-assigned': Boolean(item.assignment) })}
      columns={[
        {
          id: 'instance',
          header: t('admin.contabo.colInstance'),
          cell: (item) => (
            <>
              <span className="font-mono font-semibold">{item.instanceId}</span>
              <span className="block max-w-48 truncate text-xs text-muted-foreground">{title(item)}</span>
            </>
          ),
        },
        {
          id: 'product',
          header: t('admin.contabo.colProduct'),
          cell: (item) => (
            <>
              <span>{item.productName ?? item.productId ?? '—'}</span>
              <span className="block text-xs text-muted-foreground">
                {item.region ?? '—'}
                {item.createdDate && ` · ${format.date(item.createdDate)}`}
              </span>
            </>
          ),
        },
        {
          id: 'ipv4',
          header: t('admin.contabo.colIpv4'),
          cell: (item) => <CopyValue value={item.ipv4} label={t('servers.ipv4')} nowrap />,
        },
        {
          id: 'status',
          header: t('admin.contabo.colStatus'),
          cell: (item) => (
            <div className="flex flex-col items-start gap-1">
              {badge(item)}
              {item.cancelDate && (
                <span className="text-xs text-red-700 dark:text-red-300">
                  {t('admin.contabo.cancels', { date: format.date(item.cancelDate) })}
                </span>
              )}
            </div>
          ),
        },
        {
          id: 'assignment',
          header: t('admin.contabo.colAssignment'),
          className: 'max-w-56',
          cell: (item) => <Assignment item={item} />,
        },
        {
          id: 'actions',
          header: t('admin.colActions'),
          srOnlyHeader: true,
          className: 'text-right',
          cell: assignButton,
        },
      ]}
      card={(item) => (
        <>
          <CardHead aside={badge(item)}>
            <p className="font-mono font-semibold">{item.instanceId}</p>
            <p className="truncate text-sm text-muted-foreground">{title(item)}</p>
          </CardHead>
          <p className="text-sm">
            {[item.productName ?? item.productId, item.region].filter(Boolean).join(' · ')}
          </p>
          <CopyValue value={item.ipv4} label={t('servers.ipv4')} />
          <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
            <Assignment item={item} />
            {assignButton(item)}
          </div>
        </>
      )}
    />
  );
}

const assignSchema = z.object({
  periodMonths: z.enum(['1', '6', '12']),
  rootPassword: optionalText(200),
});
type AssignValues = z.infer<typeof assignSchema>;

/** "Asignar a cliente": creates the customer's server for an instance bought outside the shop. */
function AssignDialog({ instance, onClose }: { instance: ContaboInstance; onClose: () => void }) {
  const { t } = useTranslation();
  const mutation = useAssignInstance();
  const [customer, setCustomer] = useState<Customer | null>(null);
  const [customerError, setCustomerError] = useState<string | undefined>();
  const form = useForm<AssignValues>({
    resolver: zodResolver(assignSchema),
    defaultValues: { periodMonths: '1', rootPassword: '' },
  });
  return (
    <FormDialog
      onClose={onClose}
      pending={mutation.isPending}
      error={mutation.error}
      submit={t('admin.contabo.assignConfirm')}
      title={t('admin.contabo.assignTitle', { id: instance.instanceId })}
      description={[
        instance.displayName || instance.name,
        instance.productName,
        instance.region,
        instance.ipv4,
      ]
        .filter(Boolean)
        .join(' · ')}
      onSubmit={form.handleSubmit((values) => {
        if (mutation.isPending) return;
        if (!customer) return setCustomerError('validation.customer');
        mutation.mutate(
          {
            contaboInstanceId: instance.instanceId,
            userId: customer.id,
            periodMonths: Number(values.periodMonths),
            ...(values.rootPassword ? { rootPassword: values.rootPassword } : {}),
          },
          toastAndClose({
            message: t('admin.contabo.assigned', { id: instance.instanceId, email: customer.email }),
            onClose,
            setError: form.setError,
            fields: ['rootPassword', 'periodMonths'],
            reset: () => mutation.reset(),
          }),
        );
      })}
    >
      <CustomerPicker
        value={customer}
        onChange={(picked) => {
          setCustomer(picked);
          setCustomerError(undefined);
        }}
        error={customerError}
      />
      <SelectField label={t('admin.contabo.period')} {...form.register('periodMonths')}>
        {(['1', '6', '12'] as const).map((months) => (
          <option key={months} value={months}>
            {t('period.months', { count: Number(months) })}
          </option>
        ))}
      </SelectField>
      <RootPasswordField
        error={form.formState.errors.rootPassword?.message}
        {...form.register('rootPassword')}
      />
    </FormDialog>
  );
}
