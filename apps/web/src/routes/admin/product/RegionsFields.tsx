import { useFieldArray, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CheckboxField, FieldError as FieldErrorText, TextField } from '../../../components/form/fields.tsx';
import { cn } from '../../../lib/cn.ts';
import { amountInput } from '../../../lib/format.ts';
import { useRegionText } from '../../../lib/regions.ts';
import { type ProductValues } from '../productForm.ts';
import { ProductFormSection, arrayError } from './ProductFormSection.tsx';

/** Where the plan is sold, with a monthly surcharge per region. */
export function RegionsFields({
  form,
  values,
  currency,
}: {
  form: UseFormReturn<ProductValues>;
  values: ProductValues;
  currency: string;
}) {
  const { t } = useTranslation();
  const { errors } = form.formState;
  const regionText = useRegionText();
  const regionRows = useFieldArray({ control: form.control, name: 'regions' });
  return (
    <ProductFormSection
      title={t('admin.products.form.regionsTitle')}
      text={t('admin.products.form.regionsText')}
    >
      <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3" data-testid="product-regions">
        {regionRows.fields.map((field, index) => {
          const row = values.regions[index];
          const name = regionText.name(field.code, field.name);
          return (
            <li
              key={field.id}
              data-region={field.code}
              className={cn(
                'flex flex-col gap-2 rounded-lg border border-border p-3',
                !row?.enabled && 'bg-muted/40 text-muted-foreground',
              )}
            >
              <CheckboxField label={name} hint={field.code} {...form.register(`regions.${index}.enabled`)} />
              <TextField
                label={t('admin.products.form.surcharge')}
                aria-label={t('admin.products.form.surchargeLabel', { region: name })}
                inputMode="decimal"
                autoComplete="off"
                placeholder={amountInput(0, currency)}
                error={errors.regions?.[index]?.surcharge?.message}
                {...form.register(`regions.${index}.surcharge`)}
              />
            </li>
          );
        })}
      </ul>
      <FieldErrorText message={arrayError(errors.regions)} />
    </ProductFormSection>
  );
}
