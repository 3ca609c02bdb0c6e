import { zodResolver } from '@hookform/resolvers/zod';
import { CheckCircle2, Disc3, EyeOff, Pencil, RefreshCw } from 'lucide-react';
import { useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useAdminImages, useSyncImages, useUpdateImage } from '../../api/adminCatalog.ts';
import { useSite } from '../../api/catalog.ts';
import type { AdminImage, ImageUpdate } from '../../api/models.ts';
import { CheckboxField, TextField } from '../../components/form/fields.tsx';
import { FormError, FormSuccess, SubmitButton } from '../../components/form/FormBits.tsx';
import { FormDialog, toastAndClose } from '../../components/form/FormDialog.tsx';
import { optionalText } from '../../components/form/validation.ts';
import { CardFields, CardHead, DataTable } from '../../components/list/DataTable.tsx';
import { FilterBar } from '../../components/list/filters.tsx';
import { ListState } from '../../components/list/ListState.tsx';
import { Badge } from '../../components/ui/Badge.tsx';
import { Button } from '../../components/ui/Button.tsx';
import { EmptyState } from '../../components/ui/EmptyState.tsx';
import { amountInput, useFormat } from '../../lib/format.ts';
import { toMinor } from './productForm.ts';

/** The highest monthly licence fee the API accepts (minor units), as in `LICENSE_FEE_MAX_MINOR`. */
const LICENSE_FEE_MAX_MINOR = 1_000_000;

/**
 * The OS images of the catalog: Contabo's standard images arrive disabled when synchronised, and the operator
 * chooses which ones customers can install and under what name.
 */
export function ImagesSection() {
  const { t } = useTranslation();
  const images = useAdminImages();
  const [editing, setEditing] = useState<AdminImage | null>(null);
  const data = images.data;
  const active = data?.items.filter((image) => image.isActive).length ?? 0;
  return (
    <section aria-labelledby="images-title" id="images" className="flex scroll-mt-20 flex-col gap-3">
      <FilterBar spread count={data ? t('admin.images.count', { count: data.total, active }) : null}>
        <div className="flex flex-col gap-1">
          <h2 id="images-title" className="text-lg font-semibold">
            {t('admin.images.title')}
          </h2>
          <p className="text-sm text-muted-foreground">{t('admin.images.subtitle')}</p>
        </div>
      </FilterBar>
      <SyncImages />
      <ListState
        query={images}
        skeleton={{ rows: 4, height: 'h-14' }}
        empty={
          <EmptyState
            icon={Disc3}
            title={t('admin.images.emptyTitle')}
            description={t('admin.images.emptyText')}
          />
        }
      >
        {(items) => <ImageTable images={items} onEdit={setEditing} />}
      </ListState>
      {editing && <EditImageDialog image={editing} onClose={() => setEditing(null)} />}
    </section>
  );
}

/** "Sincronizar imágenes desde Contabo" and what the last synchronisation did. */
function SyncImages() {
  const { t } = useTranslation();
  const sync = useSyncImages();
  const sent = useRef(false);
  return (
    <div className="flex flex-col gap-3 rounded-xl border border-border bg-card p-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <p className="flex-1 text-sm text-muted-foreground">{t('admin.images.syncText')}</p>
        <SubmitButton
          type="button"
          variant="outline"
          pending={sync.isPending}
          pendingLabel={t('admin.images.syncing')}
          onClick={() => {
            if (sync.isPending || sent.current) return;
            sent.current = true;
            sync.mutate(undefined, {
              onSettled: () => {
                sent.current = false;
              },
            });
          }}
        >
          <RefreshCw aria-hidden="true" />
          {t('admin.images.sync')}
        </SubmitButton>
      </div>
      {sync.error && <FormError error={sync.error} />}
      <FormSuccess show={sync.isSuccess}>
        {sync.data &&
          t('admin.images.synced', {
            total: sync.data.total,
            added: sync.data.added,
            updated: sync.data.updated,
            disabled: sync.data.disabled,
          })}
      </FormSuccess>
    </div>
  );
}

function ImageState({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge tone={active ? 'success' : 'neutral'}>
      {active ? <CheckCircle2 aria-hidden="true" /> : <EyeOff aria-hidden="true" />}
      {active ? t('admin.images.active') : t('admin.images.inactive')}
    </Badge>
  );
}

function ImageName({ image }: { image: AdminImage }) {
  return (
    <>
      <span className="block font-medium break-words">{image.name}</span>
      {image.displayName && image.displayName !== image.systemName && (
        <span className="block font-mono text-xs break-all text-muted-foreground">{image.systemName}</span>
      )}
    </>
  );
}

function ImageTable({ images, onEdit }: { images: AdminImage[]; onEdit: (image: AdminImage) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const currency = useSite().data?.currency ?? 'USD';
  const license = (image: AdminImage) =>
    image.licenseFeeMinor > 0
      ? t('product.licenseFee', { amount: format.money(image.licenseFeeMinor, currency) })
      : t('admin.images.noLicense');
  const system = (image: AdminImage) => [image.osType, image.version].filter(Boolean).join(' ');
  const synced = (image: AdminImage) =>
    image.syncedAt ? (
      <time dateTime={image.syncedAt}>{format.date(image.syncedAt)}</time>
    ) : (
      t('admin.images.never')
    );
  const edit = (image: AdminImage) => (
    <Button
      variant="outline"
      size="sm"
      aria-label={t('admin.images.editLabel', { name: image.name })}
      onClick={() => onEdit(image)}
    >
      <Pencil aria-hidden="true" />
      {t('admin.images.edit')}
    </Button>
  );
  return (
    <DataTable
      scroll
      rows={images}
      rowKey={(image) => image.id}
      rowData={(image) => ({ 'data-testid': 'admin-image-row', 'data-active': image.isActive })}
      columns={[
        { id: 'name', header: t('admin.images.colName'), cell: (image) => <ImageName image={image} /> },
        { id: 'system', header: t('admin.images.colSystem'), className: 'whitespace-nowrap', cell: system },
        {
          id: 'license',
          header: t('admin.images.colLicense'),
          className: 'whitespace-nowrap',
          cell: (image) => <span data-testid="admin-image-license">{license(image)}</span>,
        },
        {
          id: 'order',
          header: t('admin.images.colOrder'),
          alignRight: true,
          className: 'tabular-nums',
          cell: (image) => image.sortOrder,
        },
        { id: 'synced', header: t('admin.images.colSynced'), className: 'whitespace-nowrap', cell: synced },
        {
          id: 'state',
          header: t('admin.images.colState'),
          cell: (image) => <ImageState active={image.isActive} />,
        },
        {
          id: 'actions',
          header: t('admin.colActions'),
          srOnlyHeader: true,
          className: 'text-right',
          cell: edit,
        },
      ]}
      cardData={() => ({ 'data-testid': 'admin-image-card' })}
      card={(image) => (
        <>
          <CardHead aside={<ImageState active={image.isActive} />}>
            <ImageName image={image} />
          </CardHead>
          <CardFields
            fields={[
              { label: t('admin.images.colSystem'), value: system(image) },
              { label: t('admin.images.colLicense'), value: license(image) },
              { label: t('admin.images.colSynced'), value: synced(image) },
            ]}
          />
          <div className="flex justify-end">{edit(image)}</div>
        </>
      )}
    />
  );
}

const imageSchema = z.object({
  displayName: optionalText(255),
  sortOrder: z
    .string()
    .trim()
    .refine((value) => /^-?\d+$/.test(value) && Math.abs(Number(value)) <= 100_000, 'validation.range'),
  isActive: z.boolean(),
  /** Monthly licence in the store currency as typed ("12,50"); empty means none. Checked against the currency below. */
  licenseFee: z.string().trim(),
});
type ImageValues = z.infer<typeof imageSchema>;

/** Minor units of a typed licence fee; undefined when it is not a valid amount in range. */
function licenseFeeMinor(text: string, currency: string): number | undefined {
  if (text.trim() === '') return 0;
  const minor = toMinor(text, currency);
  return minor !== null && minor >= 0 && minor <= LICENSE_FEE_MAX_MINOR ? minor : undefined;
}

/** PUT /api/admin/images/:id: the name customers see (empty: Contabo's), the order and whether it is offered. */
function EditImageDialog({ image, onClose }: { image: AdminImage; onClose: () => void }) {
  const { t } = useTranslation();
  const mutation = useUpdateImage();
  const currency = useSite().data?.currency ?? 'USD';
  const form = useForm<ImageValues>({
    resolver: zodResolver(imageSchema),
    defaultValues: {
      displayName: image.displayName ?? '',
      sortOrder: String(image.sortOrder),
      isActive: image.isActive,
      licenseFee: image.licenseFeeMinor > 0 ? amountInput(image.licenseFeeMinor, currency) : '',
    },
  });
  const { errors } = form.formState;
  return (
    <FormDialog
      onClose={onClose}
      pending={mutation.isPending}
      error={mutation.error}
      title={t('admin.images.editTitle', { name: image.name })}
      submit={t('admin.images.save')}
      onSubmit={form.handleSubmit((values) => {
        if (mutation.isPending) return;
        const fee = licenseFeeMinor(values.licenseFee, currency);
        if (fee === undefined) {
          form.setError('licenseFee', { message: 'validation.price' });
          return;
        }
        const body: ImageUpdate = {
          displayName: values.displayName.trim() || null,
          sortOrder: Number(values.sortOrder),
          isActive: values.isActive,
          licenseFeeMinor: fee,
        };
        mutation.mutate(
          { imageId: image.id, body },
          toastAndClose({
            message: t('admin.images.saved', { name: body.displayName ?? image.systemName }),
            onClose,
            setError: form.setError,
            fields: ['displayName', 'sortOrder', 'licenseFee'],
            reset: () => mutation.reset(),
          }),
        );
      })}
    >
      <TextField
        label={t('admin.images.displayName')}
        hint={t('admin.images.displayNameHint', { name: image.systemName })}
        optional
        autoComplete="off"
        autoFocus
        error={errors.displayName?.message}
        {...form.register('displayName')}
      />
      <TextField
        label={t('admin.images.sortOrder')}
        hint={t('admin.images.sortOrderHint')}
        inputMode="numeric"
        autoComplete="off"
        error={errors.sortOrder?.message}
        {...form.register('sortOrder')}
      />
      <TextField
        label={t('admin.images.licenseFee', { currency })}
        hint={t('admin.images.licenseFeeHint')}
        optional
        inputMode="decimal"
        autoComplete="off"
        placeholder="0"
        error={errors.licenseFee?.message}
        {...form.register('licenseFee')}
      />
      <CheckboxField
        label={t('admin.images.offer')}
        hint={t('admin.images.offerHint')}
        {...form.register('isActive')}
      />
    </FormDialog>
  );
}
