import { zodResolver } from '@hookform/resolvers/zod';
import { AlertTriangle, Camera, History, Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { Snapshot, SnapshotList, Vps } from '../../../api/models.ts';
import { useCreateSnapshot, useDeleteSnapshot, useServerAction, useSnapshots } from '../../../api/vps.ts';
import { TextareaField, TextField } from '../../../components/form/fields.tsx';
import { FormError, SubmitButton } from '../../../components/form/FormBits.tsx';
import { optionalText, submitToMutation } from '../../../components/form/validation.ts';
import { Badge } from '../../../components/ui/Badge.tsx';
import { Button } from '../../../components/ui/Button.tsx';
import { Dialog } from '../../../components/ui/Dialog.tsx';
import { EmptyState } from '../../../components/ui/EmptyState.tsx';
import { ErrorState } from '../../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../../components/ui/Skeleton.tsx';
import { toast } from '../../../components/ui/Toast.tsx';
import { useFormat } from '../../../lib/format.ts';
import { actionsBlocked, serverName } from '../../../lib/vps.ts';
import { useServerContext } from './ServerLayout.tsx';
import { ConfirmFooter } from '../../../components/form/ConfirmFooter.tsx';
import { ConfirmNameField } from './serverBits.tsx';

/** How many snapshots the plan allows. */
function quotaLimit(list: SnapshotList): number | null {
  return typeof list.quota === 'number' ? list.quota : null;
}

/** Instantáneas: list, create, restore (type the server's name) and delete. */
export function SnapshotsTab() {
  const { t } = useTranslation();
  const { vps } = useServerContext();
  const snapshots = useSnapshots(vps.id);
  const [creating, setCreating] = useState(false);
  const [restoring, setRestoring] = useState<Snapshot | null>(null);
  const [deleting, setDeleting] = useState<Snapshot | null>(null);
  const blocked = actionsBlocked(vps);
  const limit = snapshots.data ? quotaLimit(snapshots.data) : null;
  const full = limit !== null && snapshots.data !== undefined && snapshots.data.total >= limit;

  return (
    <section aria-labelledby="snapshots-title" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-col gap-1">
          <h2 id="snapshots-title" className="text-lg font-semibold">
            {t('servers.snapshots.title')}
          </h2>
          <p className="text-sm text-muted-foreground">{t('servers.snapshots.intro')}</p>
        </div>
        <div className="flex items-center gap-3">
          {snapshots.data && limit !== null && (
            <Badge tone={full ? 'warning' : 'neutral'} data-testid="snapshot-quota">
              {t('servers.snapshots.quota', { used: snapshots.data.total, limit })}
            </Badge>
          )}
          <Button disabled={blocked !== null} onClick={() => setCreating(true)}>
            <Plus aria-hidden="true" />
            {t('servers.snapshots.create')}
          </Button>
        </div>
      </div>
      {full && <p className="text-sm text-amber-800 dark:text-amber-300">{t('servers.snapshots.full')}</p>}

      {snapshots.isPending ? (
        <div aria-busy="true" className="flex flex-col gap-3">
          <Skeleton className="h-20 w-full rounded-xl" />
          <Skeleton className="h-20 w-full rounded-xl" />
        </div>
      ) : snapshots.error && !snapshots.data ? (
        <ErrorState error={snapshots.error} onRetry={() => void snapshots.refetch()} />
      ) : snapshots.data.items.length === 0 ? (
        <EmptyState
          icon={Camera}
          title={t('servers.snapshots.emptyTitle')}
          description={t('servers.snapshots.emptyText')}
        />
      ) : (
        <ul className="flex flex-col gap-3" data-testid="snapshot-list">
          {snapshots.data.items.map((snapshot) => (
            <SnapshotItem
              key={snapshot.id}
              snapshot={snapshot}
              disabled={blocked !== null}
              onRestore={() => setRestoring(snapshot)}
              onDelete={() => setDeleting(snapshot)}
            />
          ))}
        </ul>
      )}

      {creating && <CreateSnapshotDialog vps={vps} onClose={() => setCreating(false)} />}
      {restoring && <RestoreDialog vps={vps} snapshot={restoring} onClose={() => setRestoring(null)} />}
      {deleting && <DeleteDialog vps={vps} snapshot={deleting} onClose={() => setDeleting(null)} />}
    </section>
  );
}

function SnapshotItem({
  snapshot,
  disabled,
  onRestore,
  onDelete,
}: {
  snapshot: Snapshot;
  disabled: boolean;
  onRestore: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <li
      data-testid="snapshot-item"
      className="flex flex-col gap-3 rounded-xl border border-border bg-card p-4 sm:flex-row sm:items-center"
    >
      <span className="hidden size-10 shrink-0 items-center justify-center rounded-full bg-muted text-muted-foreground sm:flex">
        <Camera aria-hidden="true" className="size-5" />
      </span>
      <div className="min-w-0 flex-1">
        <p className="font-medium break-all">{snapshot.name}</p>
        {snapshot.description && (
          <p className="text-sm break-words text-muted-foreground">{snapshot.description}</p>
        )}
        <p className="text-xs text-muted-foreground">
          {snapshot.createdAt && (
            <>
              {t('servers.snapshots.created')}{' '}
              <time dateTime={snapshot.createdAt}>{format.dateTime(snapshot.createdAt)}</time>
            </>
          )}
          {snapshot.autoDeleteAt && (
            <>
              {' · '}
              {t('servers.snapshots.autoDelete')}{' '}
              <time dateTime={snapshot.autoDeleteAt}>{format.date(snapshot.autoDeleteAt)}</time>
            </>
          )}
        </p>
      </div>
      <div className="flex gap-2">
        <Button
          variant="outline"
          size="sm"
          className="max-sm:flex-1"
          disabled={disabled}
          onClick={onRestore}
          aria-label={t('servers.snapshots.restoreLabel', { name: snapshot.name })}
        >
          <History aria-hidden="true" />
          {t('servers.snapshots.restore')}
        </Button>
        <Button
          variant="ghost"
          size="sm"
          className="text-red-700 max-sm:flex-1 dark:text-red-300"
          disabled={disabled}
          onClick={onDelete}
          aria-label={t('servers.snapshots.deleteLabel', { name: snapshot.name })}
        >
          <Trash2 aria-hidden="true" />
          {t('servers.snapshots.delete')}
        </Button>
      </div>
    </li>
  );
}

const createSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'validation.required')
    .max(30, 'validation.snapshotName')
    .regex(/^[A-Za-z0-9 -]+$/, 'validation.snapshotName'),
  description: optionalText(255),
});
type CreateValues = z.infer<typeof createSchema>;

function CreateSnapshotDialog({ vps, onClose }: { vps: Vps; onClose: () => void }) {
  const { t } = useTranslation();
  const mutation = useCreateSnapshot(vps.id);
  const form = useForm<CreateValues>({
    resolver: zodResolver(createSchema),
    defaultValues: { name: '', description: '' },
  });
  const { errors } = form.formState;
  return (
    <Dialog
      open
      onClose={onClose}
      busy={mutation.isPending}
      title={t('servers.snapshots.createTitle')}
      description={t('servers.snapshots.createText', { name: serverName(vps) })}
    >
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={submitToMutation(form, mutation, {
          input: (values) => ({
            name: values.name,
            ...(values.description ? { description: values.description } : {}),
          }),
          onSuccess: (_snapshot, values) => {
            toast.success(t('servers.snapshots.createdToast', { name: values.name }));
            onClose();
          },
          fields: ['name', 'description'],
        })}
      >
        {mutation.error && <FormError error={mutation.error} />}
        <TextField
          label={t('servers.snapshots.name')}
          hint={t('servers.snapshots.nameHint')}
          maxLength={30}
          autoComplete="off"
          autoFocus
          error={errors.name?.message}
          {...form.register('name')}
        />
        <TextareaField
          label={t('servers.snapshots.description')}
          optional
          rows={3}
          maxLength={255}
          className="[&_textarea]:min-h-20 [&_textarea]:font-sans"
          error={errors.description?.message}
          {...form.register('description')}
        />
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="outline" onClick={onClose} disabled={mutation.isPending}>
            {t('actions.cancel')}
          </Button>
          <SubmitButton pending={mutation.isPending}>{t('servers.snapshots.createConfirm')}</SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}

/** Restoring loses data: the dialog says what is lost and asks for the server's name. */
function RestoreDialog({ vps, snapshot, onClose }: { vps: Vps; snapshot: Snapshot; onClose: () => void }) {
  const { t } = useTranslation();
  const action = useServerAction(vps.id);
  const name = serverName(vps);
  const schema = z.object({
    confirmName: z.string().refine((value) => value.trim() === name, 'validation.confirmName'),
  });
  const form = useForm<{ confirmName: string }>({
    resolver: zodResolver(schema),
    defaultValues: { confirmName: '' },
  });
  const typed = form.watch('confirmName');
  return (
    <Dialog
      open
      onClose={onClose}
      busy={action.isPending}
      title={t('servers.snapshots.restoreTitle', { snapshot: snapshot.name })}
      description={t('servers.snapshots.restoreText', { name, snapshot: snapshot.name })}
    >
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={form.handleSubmit(() => {
          if (action.isPending) return;
          action.mutate({ type: 'restore', snapshotId: snapshot.id }, { onSuccess: onClose });
        })}
      >
        <p className="flex gap-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          <AlertTriangle aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          {t('servers.snapshots.restoreWarning')}
        </p>
        {action.error && <FormError error={action.error} />}
        <ConfirmNameField
          serverName={name}
          error={form.formState.errors.confirmName?.message}
          {...form.register('confirmName')}
        />
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="outline" onClick={onClose} disabled={action.isPending}>
            {t('actions.cancel')}
          </Button>
          <SubmitButton variant="danger" pending={action.isPending} disabled={typed.trim() !== name}>
            {t('servers.snapshots.restoreConfirm')}
          </SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}

function DeleteDialog({ vps, snapshot, onClose }: { vps: Vps; snapshot: Snapshot; onClose: () => void }) {
  const { t } = useTranslation();
  const mutation = useDeleteSnapshot(vps.id);
  return (
    <Dialog
      open
      onClose={onClose}
      busy={mutation.isPending}
      title={t('servers.snapshots.deleteTitle', { snapshot: snapshot.name })}
      description={t('servers.snapshots.deleteText', { name: serverName(vps), snapshot: snapshot.name })}
      footer={
        <ConfirmFooter
          onCancel={onClose}
          onConfirm={() =>
            mutation.mutate(snapshot.id, {
              onSuccess: () => {
                toast.success(t('servers.snapshots.deletedToast', { name: snapshot.name }));
                onClose();
              },
            })
          }
          pending={mutation.isPending}
        >
          {t('servers.snapshots.deleteConfirm')}
        </ConfirmFooter>
      }
    >
      {mutation.error && <FormError error={mutation.error} />}
    </Dialog>
  );
}
