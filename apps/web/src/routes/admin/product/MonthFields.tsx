import { type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../../components/form/fields.tsx';
import { MarginText } from '../productBits.tsx';
import type { monthlyPreview } from '../productForm.ts';
import { type ProductValues } from '../productForm.ts';
import { ProductFormSection } from './ProductFormSection.tsx';

/** The monthly cost and price, with the margin they leave. */
export function MonthFields({
  form,
  month,
  currency,
}: {
  form: UseFormReturn<ProductValues>;
  month: ReturnType<typeof monthlyPreview>;
  currency: string;
}) {
  const { t } = useTranslation();
  const { errors } = form.formState;
  return (
    <ProductFormSection title={t('admin.products.form.monthTitle')} text={t('admin.products.form.monthText')}>
      <div className="grid gap-4 sm:grid-cols-[8rem_minmax(0,1fr)_minmax(0,1fr)]">
        <TextField
          label={t('admin.products.form.currency')}
          autoComplete="off"
          maxLength={3}
          className="max-w-32 sm:max-w-none [&_input]:uppercase"
          error={errors.currency?.message}
          {...form.register('currency')}
        />
        <TextField
          label={t('admin.products.form.cost')}
          hint={t('admin.products.form.costHint')}
          inputMode="decimal"
          autoComplete="off"
          error={errors.cost?.message}
          {...form.register('cost')}
        />
        <TextField
          label={t('admin.products.form.sellingPrice')}
          hint={t('admin.products.form.sellingPriceHint')}
          inputMode="decimal"
          autoComplete="off"
          error={errors.sellingPrice?.message}
          {...form.register('sellingPrice')}
        />
      </div>
      <p
        role="status"
        data-testid="month-margin"
        className="flex flex-wrap items-baseline gap-x-2 rounded-lg bg-muted/50 px-3 py-2.5 text-sm"
      >
        <span className="font-medium">{t('admin.products.form.monthMargin')}</span>
        {month ? (
          <MarginText
            amountMinor={month.margin.amountMinor}
            percent={month.margin.percent}
            currency={currency}
          />
        ) : (
          <span className="text-muted-foreground">{t('admin.products.form.fillPrices')}</span>
        )}
      </p>
    </ProductFormSection>
  );
}
