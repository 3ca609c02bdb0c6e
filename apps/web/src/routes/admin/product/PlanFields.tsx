import { type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ADMIN_DISK_TYPES } from '../../../api/models.ts';
import { CheckboxField, SelectField, TextareaField, TextField } from '../../../components/form/fields.tsx';
import { type ProductValues } from '../productForm.ts';
import { ProductFormSection } from './ProductFormSection.tsx';

/** The plan itself: name, Contabo product id, description, order and whether it is sold. */
export function PlanFields({ form }: { form: UseFormReturn<ProductValues> }) {
  const { t } = useTranslation();
  const { errors } = form.formState;
  return (
    <ProductFormSection title={t('admin.products.form.planTitle')}>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('admin.products.form.name')}
          autoComplete="off"
          error={errors.name?.message}
          {...form.register('name')}
        />
        <TextField
          label={t('admin.products.form.contaboProductId')}
          hint={t('admin.products.form.contaboProductIdHint')}
          autoComplete="off"
          error={errors.contaboProductId?.message}
          {...form.register('contaboProductId')}
        />
      </div>
      <TextareaField
        label={t('admin.products.form.description')}
        hint={t('admin.products.form.descriptionHint')}
        optional
        rows={3}
        className="[&_textarea]:min-h-20 [&_textarea]:font-sans [&_textarea]:break-normal"
        error={errors.description?.message}
        {...form.register('description')}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('admin.products.form.sortOrder')}
          hint={t('admin.products.form.sortOrderHint')}
          inputMode="numeric"
          autoComplete="off"
          error={errors.sortOrder?.message}
          {...form.register('sortOrder')}
        />
        <CheckboxField
          className="sm:mt-7"
          label={t('admin.products.form.isActive')}
          hint={t('admin.products.form.isActiveHint')}
          {...form.register('isActive')}
        />
      </div>
    </ProductFormSection>
  );
}

/** What the server has: CPU, RAM, disk and snapshots. */
export function SpecsFields({ form }: { form: UseFormReturn<ProductValues> }) {
  const { t } = useTranslation();
  const { errors } = form.formState;
  return (
    <ProductFormSection title={t('admin.products.form.specsTitle')}>
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-5">
        <TextField
          label={t('admin.products.form.cpuCores')}
          inputMode="numeric"
          autoComplete="off"
          error={errors.cpuCores?.message}
          {...form.register('cpuCores')}
        />
        <TextField
          label={t('admin.products.form.ramGb')}
          inputMode="decimal"
          autoComplete="off"
          error={errors.ramGb?.message}
          {...form.register('ramGb')}
        />
        <TextField
          label={t('admin.products.form.diskGb')}
          inputMode="numeric"
          autoComplete="off"
          error={errors.diskGb?.message}
          {...form.register('diskGb')}
        />
        <SelectField
          label={t('admin.products.form.diskType')}
          error={errors.diskType?.message}
          {...form.register('diskType')}
        >
          {ADMIN_DISK_TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('admin.products.form.snapshotQuota')}
          hint={t('admin.products.form.snapshotQuotaHint')}
          inputMode="numeric"
          autoComplete="off"
          error={errors.snapshotQuota?.message}
          {...form.register('snapshotQuota')}
        />
      </div>
    </ProductFormSection>
  );
}
