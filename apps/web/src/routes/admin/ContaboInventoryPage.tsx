import { zodResolver } from '@hookform/resolvers/zod';
import { Boxes, UserPlus } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useAssignInstance, useInstances } from '../../api/admin.ts';
import type { ContaboInstance, Customer } from '../../api/types.ts';
import { PasswordField, SelectField } from '../../components/form/fields.tsx';
import { FormError, SubmitButton } from '../../components/form/FormBits.tsx';
import { applyApiError, optionalText } from '../../components/form/validation.ts';
import { Badge } from '../../components/ui/Badge.tsx';
import { Button } from '../../components/ui/Button.tsx';
import { Dialog } from '../../components/ui/Dialog.tsx';
import { EmptyState } from '../../components/ui/EmptyState.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../components/ui/Skeleton.tsx';
import { StatusBadge } from '../../components/ui/StatusBadge.tsx';
import { toast } from '../../components/ui/Toast.tsx';
import { useFormat } from '../../lib/format.ts';
import { contaboBadgeStatus } from '../../lib/vps.ts';
import { CopyValue } from '../panel/servers/serverBits.tsx';
import { CustomerPicker } from './CustomerPicker.tsx';
import { FilterSelect, PageHeader, tableWrap, th, theadClass, useListParams } from './adminBits.tsx';

const FILTERS = ['assigned'] as const;

/** `/admin/contabo`: every instance in the Contabo account and whom it belongs to. */
export function ContaboInventoryPage() {
  const { t } = useTranslation();
  const { values, set } = useListParams(FILTERS);
  const assigned = values.assigned === 'true' ? true : values.assigned === 'false' ? false : undefined;
  const { data, isPending, error, refetch } = useInstances(assigned);
  const [assigning, setAssigning] = useState<ContaboInstance | null>(null);
  const unassigned = data?.items.filter((item) => !item.assignment).length ?? 0;
  const orphans = data?.items.filter((item) => item.orphan).length ?? 0;

  return (
    <div className="flex flex-col gap-6">
      <title>{t('admin.contabo.documentTitle')}</title>
      <PageHeader title={t('admin.contabo.title')} subtitle={t('admin.contabo.subtitle')} />

      <div className="flex flex-wrap items-end gap-3">
        <FilterSelect
          label={t('admin.contabo.filter')}
          value={values.assigned}
          onChange={(v) => set({ assigned: v })}
        >
          <option value="">{t('admin.contabo.all')}</option>
          <option value="false">{t('admin.contabo.unassigned')}</option>
          <option value="true">{t('admin.contabo.assigned')}</option>
        </FilterSelect>
        {data && (
          <p aria-live="polite" className="ml-auto text-sm text-muted-foreground">
            {t('admin.contabo.count', { count: data.total })}
            {unassigned > 0 && ` · ${t('admin.contabo.countUnassigned', { count: unassigned })}`}
            {orphans > 0 && ` · ${t('admin.contabo.countOrphans', { count: orphans })}`}
          </p>
        )}
      </div>

      {error && !data ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : isPending ? (
        <div aria-busy="true" className="flex flex-col gap-3">
          {Array.from({ length: 5 }, (_, i) => (
            <Skeleton key={i} className="h-16 w-full rounded-xl" />
          ))}
        </div>
      ) : data.items.length === 0 ? (
        <EmptyState icon={Boxes} title={t('admin.contabo.empty')} />
      ) : (
        <InstanceTable items={data.items} onAssign={setAssigning} />
      )}

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
  return (
    <>
      <div className={tableWrap}>
        <table className="w-full text-left text-sm" data-testid="contabo-table">
          <thead className={theadClass}>
            <tr>
              <th scope="col" className={th}>
                {t('admin.contabo.colInstance')}
              </th>
              <th scope="col" className={th}>
                {t('admin.contabo.colProduct')}
              </th>
              <th scope="col" className={th}>
                {t('admin.contabo.colIpv4')}
              </th>
              <th scope="col" className={th}>
                {t('admin.contabo.colStatus')}
              </th>
              <th scope="col" className={th}>
                {t('admin.contabo.colAssignment')}
              </th>
              <th scope="col" className={th}>
                <span className="sr-only">{t('admin.colActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {items.map((item) => (
              <tr key={item.instanceId} data-testid="contabo-row" data-assigned={Boolean(item.assignment)}>
                <td className="px-3 py-3">
                  <span className="font-mono font-semibold">{item.instanceId}</span>
                  <span className="block max-w-48 truncate text-xs text-muted-foreground">{title(item)}</span>
                </td>
                <td className="px-3 py-3">
                  <span>{item.productName ?? item.productId ?? '—'}</span>
                  <span className="block text-xs text-muted-foreground">
                    {item.region ?? '—'}
                    {item.createdDate && ` · ${format.date(item.createdDate)}`}
                  </span>
                </td>
                <td className="px-3 py-3">
                  <CopyValue value={item.ipv4} label={t('servers.ipv4')} nowrap />
                </td>
                <td className="px-3 py-3">
                  <div className="flex flex-col items-start gap-1">
                    <StatusBadge kind="vps" status={contaboBadgeStatus(item.status ?? 'unknown')} />
                    {item.cancelDate && (
                      <span className="text-xs text-red-700 dark:text-red-300">
                        {t('admin.contabo.cancels', { date: format.date(item.cancelDate) })}
                      </span>
                    )}
                  </div>
                </td>
                <td className="max-w-56 px-3 py-3">
                  <Assignment item={item} />
                </td>
                <td className="px-3 py-3 text-right">{assignButton(item)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="flex flex-col gap-3 md:hidden">
        {items.map((item) => (
          <li
            key={item.instanceId}
            className="flex flex-col gap-3 rounded-xl border border-border bg-card p-4"
          >
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0">
                <p className="font-mono font-semibold">{item.instanceId}</p>
                <p className="truncate text-sm text-muted-foreground">{title(item)}</p>
              </div>
              <StatusBadge kind="vps" status={contaboBadgeStatus(item.status ?? 'unknown')} />
            </div>
            <p className="text-sm">
              {[item.productName ?? item.productId, item.region].filter(Boolean).join(' · ')}
            </p>
            <CopyValue value={item.ipv4} label={t('servers.ipv4')} />
            <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
              <Assignment item={item} />
              {assignButton(item)}
            </div>
          </li>
        ))}
      </ul>
    </>
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
    <Dialog
      open
      onClose={onClose}
      busy={mutation.isPending}
      title={t('admin.contabo.assignTitle', { id: instance.instanceId })}
      description={[
        instance.displayName || instance.name,
        instance.productName,
        instance.region,
        instance.ipv4,
      ]
        .filter(Boolean)
        .join(' · ')}
    >
      <form
        noValidate
        className="flex flex-col gap-4"
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
            {
              onSuccess: () => {
                toast.success(
                  t('admin.contabo.assigned', { id: instance.instanceId, email: customer.email }),
                );
                onClose();
              },
              onError: (error) => {
                if (applyApiError(error, form.setError, ['rootPassword', 'periodMonths'])) mutation.reset();
              },
            },
          );
        })}
      >
        {mutation.error && <FormError error={mutation.error} />}
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
        <PasswordField
          label={t('admin.order.rootPassword')}
          hint={t('admin.order.rootPasswordHint')}
          optional
          autoComplete="new-password"
          error={form.formState.errors.rootPassword?.message}
          {...form.register('rootPassword')}
        />
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="outline" onClick={onClose} disabled={mutation.isPending}>
            {t('actions.cancel')}
          </Button>
          <SubmitButton pending={mutation.isPending}>{t('admin.contabo.assignConfirm')}</SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}
