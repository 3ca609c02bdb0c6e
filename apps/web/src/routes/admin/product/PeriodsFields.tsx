import { Plus, X } from 'lucide-react';
import { type ReactNode } from 'react';
import { useFieldArray, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CheckboxField, FieldError as FieldErrorText, TextField } from '../../../components/form/fields.tsx';
import { Button } from '../../../components/ui/Button.tsx';
import { amountInput, useFormat } from '../../../lib/format.ts';
import { MarginText } from '../productBits.tsx';
import { toMinor, type PeriodPreview, type ProductValues } from '../productForm.ts';
import { ProductFormSection, arrayError } from './ProductFormSection.tsx';

/** Prices per period (months, discount or final price, cost, setup fee), each with what it yields. */
export function PeriodsFields({
  form,
  values,
  periods,
  currency,
}: {
  form: UseFormReturn<ProductValues>;
  values: ProductValues;
  periods: Array<PeriodPreview | null>;
  currency: string;
}) {
  const { t } = useTranslation();
  const { errors } = form.formState;
  const prices = useFieldArray({ control: form.control, name: 'prices' });
  const monthlyCost = toMinor(values.cost, currency);
  return (
    <ProductFormSection
      title={t('admin.products.form.periodsTitle')}
      text={t('admin.products.form.periodsText')}
    >
      <ul className="flex flex-col gap-3">
        {prices.fields.map((field, index) => {
          const row = values.prices[index];
          const preview = periods[index] ?? null;
          const rowErrors = errors.prices?.[index];
          const months = Number(row?.periodMonths);
          const autoCost =
            monthlyCost !== null && Number.isInteger(months) && months > 0
              ? amountInput(monthlyCost * months, currency)
              : undefined;
          return (
            <li key={field.id} data-testid="period-row" data-period={row?.periodMonths}>
              <fieldset className="flex flex-col gap-3 rounded-lg border border-border p-3">
                <legend className="sr-only">
                  {t('admin.products.form.periodLegend', { number: index + 1 })}
                </legend>
                <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-[repeat(5,minmax(0,1fr))_auto]">
                  <TextField
                    label={t('admin.products.form.periodMonths')}
                    inputMode="numeric"
                    autoComplete="off"
                    error={rowErrors?.periodMonths?.message}
                    {...form.register(`prices.${index}.periodMonths`)}
                  />
                  <TextField
                    label={t('admin.products.form.discountPercent')}
                    inputMode="decimal"
                    autoComplete="off"
                    error={rowErrors?.discountPercent?.message}
                    {...form.register(`prices.${index}.discountPercent`)}
                  />
                  <TextField
                    label={t('admin.products.form.finalPrice')}
                    inputMode="decimal"
                    autoComplete="off"
                    error={rowErrors?.finalPrice?.message}
                    {...form.register(`prices.${index}.finalPrice`)}
                  />
                  <TextField
                    label={t('admin.products.form.periodCost')}
                    inputMode="decimal"
                    autoComplete="off"
                    placeholder={autoCost}
                    error={rowErrors?.cost?.message}
                    {...form.register(`prices.${index}.cost`)}
                  />
                  <TextField
                    label={t('admin.products.form.setupFee')}
                    inputMode="decimal"
                    autoComplete="off"
                    placeholder={amountInput(0, currency)}
                    error={rowErrors?.setupFee?.message}
                    {...form.register(`prices.${index}.setupFee`)}
                  />
                  <div className="flex h-11 items-center justify-between gap-2 self-end">
                    <CheckboxField
                      className="whitespace-nowrap"
                      label={t('admin.products.form.periodActive')}
                      {...form.register(`prices.${index}.isActive`)}
                    />
                    <Button
                      variant="ghost"
                      size="icon"
                      disabled={prices.fields.length === 1}
                      aria-label={t('admin.products.form.removePeriod', {
                        count: Number.isInteger(months) ? months : 0,
                      })}
                      onClick={() => prices.remove(index)}
                    >
                      <X aria-hidden="true" />
                    </Button>
                  </div>
                </div>
                <PeriodSummary preview={preview} currency={currency} />
              </fieldset>
            </li>
          );
        })}
      </ul>
      <FieldErrorText message={arrayError(errors.prices)} />
      <Button
        variant="outline"
        size="sm"
        className="self-start"
        onClick={() =>
          prices.append({
            periodMonths: '',
            discountPercent: '0',
            finalPrice: '',
            cost: '',
            setupFee: '',
            isActive: true,
          })
        }
      >
        <Plus aria-hidden="true" />
        {t('admin.products.form.addPeriod')}
      </Button>
    </ProductFormSection>
  );
}

/** Under a period: what the customer pays, Contabo's cost and the margin, as the inputs change. */
function PeriodSummary({ preview, currency }: { preview: PeriodPreview | null; currency: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = (minor: number) => format.money(minor, currency);
  if (!preview) return <p className="text-sm text-muted-foreground">{t('admin.products.form.fillPeriod')}</p>;
  const item = (label: string, value: ReactNode, testId?: string) => (
    <div className="flex flex-wrap gap-x-1.5">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
  return (
    <dl className="flex flex-wrap gap-x-5 gap-y-1 text-sm" data-testid="period-preview">
      {item(
        t('admin.products.form.total'),
        <>
          <span className="font-semibold" data-testid="period-total">
            {money(preview.totalMinor)}
          </span>
          <span className="text-muted-foreground">
            {' '}
            {t('admin.products.form.perMonthValue', { amount: money(preview.monthlyMinor) })}
            {preview.discountPercent > 0 &&
              ` · ${t('admin.products.discount', { percent: format.number(preview.discountPercent) })}`}
          </span>
        </>,
      )}
      {preview.setupFeeMinor > 0 && item(t('admin.products.form.setupShort'), money(preview.setupFeeMinor))}
      {item(t('admin.products.form.periodCostShort'), money(preview.costMinor))}
      {item(
        t('admin.products.form.margin'),
        <MarginText
          amountMinor={preview.margin.amountMinor}
          percent={preview.margin.percent}
          currency={currency}
        />,
        'period-margin',
      )}
    </dl>
  );
}
