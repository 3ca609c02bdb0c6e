import { zodResolver } from '@hookform/resolvers/zod';
import { Pencil, Server } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useAdminServers, useUpdateAdminServer } from '../../api/admin.ts';
import type { AdminVps, AdminVpsUpdate, Customer, ServiceStatus } from '../../api/models.ts';
import { PasswordField, SelectField, TextareaField, TextField } from '../../components/form/fields.tsx';
import { FormDialog, toastAndClose } from '../../components/form/FormDialog.tsx';
import { optionalText, requiredText } from '../../components/form/validation.ts';
import { PageHeader } from '../../components/layout/PageHeader.tsx';
import { CardHead, DataTable } from '../../components/list/DataTable.tsx';
import { FilterBar, FilterSelect, SearchBox } from '../../components/list/filters.tsx';
import { PagedList } from '../../components/list/ListState.tsx';
import { useListParams } from '../../components/list/useListParams.ts';
import { Badge } from '../../components/ui/Badge.tsx';
import { Button } from '../../components/ui/Button.tsx';
import { EmptyState } from '../../components/ui/EmptyState.tsx';
import { StatusBadge } from '../../components/ui/StatusBadge.tsx';
import { useRegionText } from '../../lib/regions.ts';
import { contaboBadgeStatus, serverName } from '../../lib/vps.ts';
import { CopyValue, Expiry } from '../panel/servers/serverBits.tsx';
import { CustomerPicker } from './CustomerPicker.tsx';

const PAGE_SIZE = 20;
const FILTERS = ['status', 'serviceStatus', 'search'] as const;
const STATUSES = [
  'running',
  'stopped',
  'provisioning',
  'installing',
  'rescue',
  'reset_password',
  'error',
] as const;
const SERVICE_STATUSES: ServiceStatus[] = ['active', 'suspended', 'cancelled', 'terminated'];

/** `/admin/servers`: every customer server with its live state, owner and expiry. */
export function AdminServersPage() {
  const { t } = useTranslation();
  const { values, page, set, bindFilter, paging } = useListParams(FILTERS);
  const serviceStatus = SERVICE_STATUSES.find((s) => s === values.serviceStatus);
  const query = {
    status: values.status || undefined,
    serviceStatus,
    search: values.search || undefined,
    page,
    pageSize: PAGE_SIZE,
  };
  const servers = useAdminServers(query);
  const { data } = servers;
  const [editing, setEditing] = useState<AdminVps | null>(null);
  const filtered = Boolean(values.status || serviceStatus || values.search);

  return (
    <div className="flex flex-col gap-6">
      <title>{t('admin.servers.documentTitle')}</title>
      <PageHeader title={t('admin.servers.title')} subtitle={t('admin.servers.subtitle')} />

      <FilterBar count={data ? t('admin.servers.count', { count: data.total }) : null}>
        <FilterSelect label={t('admin.servers.statusFilter')} {...bindFilter('status')}>
          <option value="">{t('admin.servers.allStatuses')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.vps.${s}`)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          label={t('admin.servers.serviceFilter')}
          value={serviceStatus ?? ''}
          onChange={(v) => set({ serviceStatus: v })}
        >
          <option value="">{t('admin.servers.allServices')}</option>
          {SERVICE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`admin.service.${s}`)}
            </option>
          ))}
        </FilterSelect>
        <SearchBox
          label={t('admin.servers.search')}
          placeholder={t('admin.servers.searchPlaceholder')}
          {...bindFilter('search')}
        />
      </FilterBar>

      <PagedList
        {...paging}
        pageSize={PAGE_SIZE}
        query={servers}
        skeleton={{ rows: 5, height: 'h-16' }}
        empty={
          <EmptyState
            icon={Server}
            title={filtered ? t('admin.servers.emptyFiltered') : t('admin.servers.emptyTitle')}
            action={
              filtered ? (
                <Button variant="outline" onClick={() => set({ status: '', serviceStatus: '', search: '' })}>
                  {t('admin.clearFilters')}
                </Button>
              ) : undefined
            }
          />
        }
      >
        {(items) => <ServerTable servers={items} onEdit={setEditing} />}
      </PagedList>
      {editing && <EditDialog vps={editing} onClose={() => setEditing(null)} />}
    </div>
  );
}

function ServiceBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const known = SERVICE_STATUSES.find((s) => s === status);
  const tone = status === 'active' ? 'success' : status === 'suspended' ? 'danger' : 'neutral';
  return <Badge tone={tone}>{known ? t(`admin.service.${known}`) : status}</Badge>;
}

function ServerTable({ servers, onEdit }: { servers: AdminVps[]; onEdit: (vps: AdminVps) => void }) {
  const { t } = useTranslation();
  const regionText = useRegionText();
  const editButton = (vps: AdminVps) => (
    <Button
      variant="outline"
      size="sm"
      onClick={() => onEdit(vps)}
      aria-label={t('admin.servers.editLabel', { name: serverName(vps) })}
    >
      <Pencil aria-hidden="true" />
      {t('admin.servers.edit')}
    </Button>
  );
  const badge = (vps: AdminVps) => <StatusBadge kind="vps" status={contaboBadgeStatus(vps.status)} />;
  return (
    <DataTable
      scroll
      rows={servers}
      rowKey={(vps) => vps.id}
      rowData={() => ({ 'data-testid': 'admin-server-row' })}
      columns={[
        {
          id: 'server',
          header: t('admin.servers.colServer'),
          cell: (vps) => (
            <>
              <span className="font-semibold break-all">{serverName(vps)}</span>
              <span className="block text-xs text-muted-foreground">
                #{vps.contaboInstanceId} · {vps.product?.name ?? '—'} ·{' '}
                {vps.region ? regionText.name(vps.region, vps.region) : '—'}
              </span>
            </>
          ),
        },
        {
          id: 'owner',
          header: t('admin.servers.colOwner'),
          className: 'max-w-52 truncate',
          title: (vps) => vps.ownerEmail,
          cell: (vps) => vps.ownerEmail,
        },
        {
          id: 'ipv4',
          header: t('admin.servers.colIpv4'),
          cell: (vps) => <CopyValue value={vps.ipv4} label={t('servers.ipv4')} nowrap />,
        },
        {
          id: 'status',
          header: t('admin.servers.colStatus'),
          cell: (vps) => (
            <div className="flex flex-col items-start gap-1">
              {badge(vps)}
              <ServiceBadge status={vps.serviceStatus} />
            </div>
          ),
        },
        {
          id: 'expiry',
          header: t('admin.servers.colExpiry'),
          className: 'whitespace-nowrap',
          cell: (vps) => <Expiry iso={vps.expiresAt} />,
        },
        {
          id: 'actions',
          header: t('admin.colActions'),
          srOnlyHeader: true,
          className: 'text-right',
          cell: editButton,
        },
      ]}
      card={(vps) => (
        <>
          <CardHead
            aside={
              <div className="flex flex-wrap gap-1">
                {badge(vps)}
                <ServiceBadge status={vps.serviceStatus} />
              </div>
            }
          >
            <p className="font-semibold break-all">{serverName(vps)}</p>
            <p className="truncate text-sm text-muted-foreground">{vps.ownerEmail}</p>
          </CardHead>
          <CopyValue value={vps.ipv4} label={t('servers.ipv4')} />
          <div className="flex items-center justify-between gap-2 text-sm">
            <Expiry iso={vps.expiresAt} />
            {editButton(vps)}
          </div>
        </>
      )}
    />
  );
}

const editSchema = z.object({
  displayName: requiredText(255),
  expiresAt: z.string(),
  serviceStatus: z.enum(['active', 'suspended', '']),
  autoRenew: z.boolean(),
  vncHost: optionalText(255),
  vncPort: z
    .string()
    .trim()
    .refine((v) => v === '' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535), 'validation.port'),
  vncPassword: z.string().max(200, 'validation.tooLong'),
  clearVncPassword: z.boolean(),
  trafficNote: optionalText(1000),
});
type EditValues = z.infer<typeof editSchema>;

const dateInput = (iso: string | null) => (iso ? iso.slice(0, 10) : '');

/** Edits what the operator may change; only changed fields are sent. */
function EditDialog({ vps, onClose }: { vps: AdminVps; onClose: () => void }) {
  const { t } = useTranslation();
  const mutation = useUpdateAdminServer();
  const [owner, setOwner] = useState<Customer | null>(null);
  const ended = vps.serviceStatus === 'terminated' || vps.serviceStatus === 'cancelled';
  const form = useForm<EditValues>({
    resolver: zodResolver(editSchema),
    defaultValues: {
      displayName: serverName(vps),
      expiresAt: dateInput(vps.expiresAt),
      serviceStatus: ended ? '' : (vps.serviceStatus as 'active' | 'suspended'),
      autoRenew: vps.autoRenew,
      vncHost: vps.vnc?.host ?? '',
      vncPort: vps.vnc?.port != null ? String(vps.vnc.port) : '',
      vncPassword: '',
      clearVncPassword: false,
      trafficNote: vps.trafficNote ?? '',
    },
  });
  const { errors, dirtyFields } = form.formState;

  return (
    <FormDialog
      onClose={onClose}
      pending={mutation.isPending}
      error={mutation.error}
      title={t('admin.servers.editTitle', { name: serverName(vps) })}
      className="w-[min(40rem,calc(100vw-2rem))]"
      submit={t('admin.servers.save')}
      onSubmit={form.handleSubmit((values) => {
        if (mutation.isPending) return;
        const body: AdminVpsUpdate = {};
        if (dirtyFields.displayName) body.displayName = values.displayName;
        if (dirtyFields.expiresAt && values.expiresAt)
          body.expiresAt = new Date(`${values.expiresAt}T23:59:59Z`).toISOString();
        if (dirtyFields.serviceStatus && values.serviceStatus) body.serviceStatus = values.serviceStatus;
        if (dirtyFields.autoRenew) body.autoRenew = values.autoRenew;
        if (dirtyFields.vncHost) body.vncHost = values.vncHost || null;
        if (dirtyFields.vncPort) body.vncPort = values.vncPort ? Number(values.vncPort) : null;
        if (values.clearVncPassword) body.vncPassword = null;
        else if (values.vncPassword) body.vncPassword = values.vncPassword;
        if (dirtyFields.trafficNote) body.trafficNote = values.trafficNote || null;
        if (owner && owner.id !== vps.userId) body.userId = owner.id;
        if (Object.keys(body).length === 0) return onClose();
        mutation.mutate(
          { vpsId: vps.id, body },
          toastAndClose({
            message: t('admin.servers.saved', { name: values.displayName }),
            onClose,
            setError: form.setError,
            fields: [
              'displayName',
              'expiresAt',
              'serviceStatus',
              'vncHost',
              'vncPort',
              'vncPassword',
              'trafficNote',
            ],
            reset: () => mutation.reset(),
          }),
        );
      })}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('admin.servers.displayName')}
          autoComplete="off"
          error={errors.displayName?.message}
          {...form.register('displayName')}
        />
        <TextField
          type="date"
          label={t('admin.servers.expiresAt')}
          error={errors.expiresAt?.message}
          {...form.register('expiresAt')}
        />
        <SelectField
          label={t('admin.servers.serviceStatus')}
          hint={ended ? t('admin.servers.endedHint') : t('admin.servers.suspendHint')}
          disabled={ended}
          error={errors.serviceStatus?.message}
          {...form.register('serviceStatus')}
        >
          {ended && (
            <option value="">{t(`admin.service.${vps.serviceStatus as 'cancelled' | 'terminated'}`)}</option>
          )}
          <option value="active">{t('admin.service.active')}</option>
          <option value="suspended">{t('admin.service.suspended')}</option>
        </SelectField>
        <label className="flex min-h-10 items-center gap-3 self-end text-sm sm:pb-2">
          <input type="checkbox" className="size-4" {...form.register('autoRenew')} />
          {t('admin.servers.autoRenew')}
        </label>
      </div>

      <fieldset className="flex flex-col gap-3 rounded-lg border border-border p-3">
        <legend className="px-1 text-sm font-medium">{t('admin.servers.ownerTitle')}</legend>
        <p className="text-sm">
          {t('admin.servers.currentOwner')} <span className="font-medium break-all">{vps.ownerEmail}</span>
        </p>
        <CustomerPicker value={owner} onChange={setOwner} />
      </fieldset>

      <fieldset className="grid gap-4 rounded-lg border border-border p-3 sm:grid-cols-2">
        <legend className="px-1 text-sm font-medium">{t('admin.servers.vncTitle')}</legend>
        <TextField
          label={t('servers.vnc.host')}
          optional
          autoComplete="off"
          error={errors.vncHost?.message}
          {...form.register('vncHost')}
        />
        <TextField
          label={t('servers.vnc.port')}
          optional
          inputMode="numeric"
          autoComplete="off"
          error={errors.vncPort?.message}
          {...form.register('vncPort')}
        />
        <PasswordField
          label={t('admin.servers.vncPassword')}
          hint={vps.vnc?.hasPassword ? t('admin.servers.vncPasswordKeep') : undefined}
          optional
          autoComplete="new-password"
          error={errors.vncPassword?.message}
          {...form.register('vncPassword')}
        />
        {vps.vnc?.hasPassword && (
          <label className="flex min-h-10 items-center gap-3 self-end text-sm">
            <input type="checkbox" className="size-4" {...form.register('clearVncPassword')} />
            {t('admin.servers.vncPasswordClear')}
          </label>
        )}
      </fieldset>

      <TextareaField
        label={t('admin.servers.trafficNote')}
        optional
        rows={3}
        className="[&_textarea]:min-h-20 [&_textarea]:font-sans"
        error={errors.trafficNote?.message}
        {...form.register('trafficNote')}
      />
    </FormDialog>
  );
}
