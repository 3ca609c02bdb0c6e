import { zodResolver } from '@hookform/resolvers/zod';
import { Plus, X } from 'lucide-react';
import { useEffect, useMemo } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useBillingSettings, useUpdateBillingSettings } from '../../api/admin.ts';
import type { BillingSettings } from '../../api/models.ts';
import { CheckboxField, SelectField, TextField } from '../../components/form/fields.tsx';
import { FormError, FormSuccess, SubmitButton } from '../../components/form/FormBits.tsx';
import { submitToMutation } from '../../components/form/validation.ts';
import { Button } from '../../components/ui/Button.tsx';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/Card.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../components/ui/Skeleton.tsx';
import { countryOptions } from '../../lib/countries.ts';

const intIn = (min: number, max: number) =>
  z
    .string()
    .trim()
    .refine(
      (value) => /^\d+$/.test(value) && Number(value) >= min && Number(value) <= max,
      'validation.range',
    );

const rate = z
  .string()
  .trim()
  .refine((value) => {
    const n = Number(value.replace(',', '.'));
    return value !== '' && Number.isFinite(n) && n >= 0 && n <= 100;
  }, 'validation.range');

/** The API's rules for each setting (settings registry), on the strings the inputs hold. */
const schema = z.object({
  invoicePrefix: z
    .string()
    .trim()
    .min(1, 'validation.required')
    .max(10, 'validation.tooLong')
    .regex(/^[A-Za-z0-9]+$/, 'validation.invoicePrefix'),
  taxName: z.string().trim().max(30, 'validation.tooLong'),
  taxRate: rate,
  taxMode: z.enum(['inclusive', 'exclusive']),
  countryRates: z.array(z.object({ country: z.string().regex(/^[A-Z]{2}$/, 'validation.country'), rate })),
  renewalDaysBefore: intIn(1, 60),
  reminderDays: z
    .string()
    .trim()
    .refine((value) => {
      if (value === '') return true;
      const parts = value.split(/[\s,;]+/).filter(Boolean);
      return parts.length <= 5 && parts.every((p) => /^\d+$/.test(p) && Number(p) >= 1 && Number(p) <= 60);
    }, 'validation.reminderDays'),
  suspendAfterDays: intIn(0, 60),
  terminateAfterDays: intIn(1, 365),
  terminationWarningDays: intIn(1, 30),
  cancelAtContabo: z.boolean(),
});
type Values = z.infer<typeof schema>;

function toValues(settings: BillingSettings): Values {
  return {
    invoicePrefix: settings.invoicePrefix,
    taxName: settings.taxName,
    taxRate: String(settings.taxRate),
    taxMode: settings.taxMode,
    countryRates: Object.entries(settings.taxRatesByCountry ?? {}).map(([country, value]) => ({
      country,
      rate: String(value),
    })),
    renewalDaysBefore: String(settings.renewalDaysBefore),
    reminderDays: (settings.reminderDays ?? []).join(', '),
    suspendAfterDays: String(settings.suspendAfterDays),
    terminateAfterDays: String(settings.terminateAfterDays),
    terminationWarningDays: String(settings.terminationWarningDays),
    cancelAtContabo: settings.cancelAtContabo,
  };
}

function toSettings(values: Values): BillingSettings {
  const num = (value: string) => Number(value.replace(',', '.'));
  return {
    invoicePrefix: values.invoicePrefix,
    taxName: values.taxName,
    taxRate: num(values.taxRate),
    taxMode: values.taxMode,
    taxRatesByCountry: Object.fromEntries(values.countryRates.map((row) => [row.country, num(row.rate)])),
    renewalDaysBefore: Number(values.renewalDaysBefore),
    reminderDays: [
      ...new Set(
        values.reminderDays
          .split(/[\s,;]+/)
          .filter(Boolean)
          .map(Number),
      ),
    ].sort((a, b) => b - a),
    suspendAfterDays: Number(values.suspendAfterDays),
    terminateAfterDays: Number(values.terminateAfterDays),
    terminationWarningDays: Number(values.terminationWarningDays),
    cancelAtContabo: values.cancelAtContabo,
  };
}

/** Ajustes de facturación: numbering, taxes (with rates per country) and the renewal cycle's days. */
export function BillingSettingsCard() {
  const { t } = useTranslation();
  const settings = useBillingSettings();
  return (
    <Card aria-labelledby="billing-settings-title" id="settings" className="scroll-mt-20">
      <CardHeader>
        <CardTitle id="billing-settings-title">{t('admin.billing.settings.title')}</CardTitle>
        <p className="text-sm text-muted-foreground">{t('admin.billing.settings.subtitle')}</p>
      </CardHeader>
      <CardContent>
        {settings.isPending ? (
          <div aria-busy="true" className="flex flex-col gap-4">
            <Skeleton className="h-11 w-full" />
            <Skeleton className="h-11 w-full" />
            <Skeleton className="h-11 w-2/3" />
          </div>
        ) : settings.error ? (
          <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <SettingsForm settings={settings.data} />
        )}
      </CardContent>
    </Card>
  );
}

function SettingsForm({ settings }: { settings: BillingSettings }) {
  const { t, i18n } = useTranslation();
  const mutation = useUpdateBillingSettings();
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: toValues(settings) });
  const rows = useFieldArray({ control: form.control, name: 'countryRates' });
  const errors = form.formState.errors;
  const { isDirty } = form.formState;
  useEffect(() => {
    if (isDirty) mutation.reset();
    // Only when the form changes again after a save: hide the stale "saved" notice.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [isDirty]);

  return (
    <form
      noValidate
      data-testid="billing-settings"
      className="flex flex-col gap-6"
      onSubmit={submitToMutation(form, mutation, {
        input: toSettings,
        onSuccess: (saved) => form.reset(toValues(saved)),
        fields: [
          'invoicePrefix',
          'taxName',
          'taxRate',
          'taxMode',
          'renewalDaysBefore',
          'reminderDays',
          'suspendAfterDays',
          'terminateAfterDays',
          'terminationWarningDays',
        ],
      })}
    >
      {mutation.error && <FormError error={mutation.error} />}

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-3 text-sm font-semibold">{t('admin.billing.settings.numbering')}</legend>
        <TextField
          label={t('admin.billing.settings.invoicePrefix')}
          hint={t('admin.billing.settings.invoicePrefixHint', {
            example: `${form.watch('invoicePrefix') || 'CV'}-${new Date().getFullYear()}-000001`,
          })}
          autoComplete="off"
          error={errors.invoicePrefix?.message}
          {...form.register('invoicePrefix')}
        />
      </fieldset>

      <fieldset className="flex flex-col gap-4">
        <legend className="mb-3 text-sm font-semibold">{t('admin.billing.settings.taxes')}</legend>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            label={t('admin.billing.settings.taxName')}
            autoComplete="off"
            error={errors.taxName?.message}
            {...form.register('taxName')}
          />
          <TextField
            label={t('admin.billing.settings.taxRate')}
            inputMode="decimal"
            autoComplete="off"
            error={errors.taxRate?.message}
            {...form.register('taxRate')}
          />
          <SelectField
            label={t('admin.billing.settings.taxMode')}
            error={errors.taxMode?.message}
            {...form.register('taxMode')}
          >
            <option value="exclusive">{t('admin.billing.settings.exclusive')}</option>
            <option value="inclusive">{t('admin.billing.settings.inclusive')}</option>
          </SelectField>
        </div>
        <div className="flex flex-col gap-2">
          <p className="text-sm font-medium">{t('admin.billing.settings.countryRates')}</p>
          <p className="text-xs text-muted-foreground">{t('admin.billing.settings.countryRatesHint')}</p>
          {rows.fields.length > 0 && (
            <ul className="flex flex-col gap-3">
              {rows.fields.map((field, index) => (
                <li key={field.id} className="flex flex-wrap items-start gap-3">
                  <SelectField
                    label={t('admin.billing.settings.country')}
                    className="min-w-0 flex-1 sm:max-w-xs"
                    error={errors.countryRates?.[index]?.country?.message}
                    {...form.register(`countryRates.${index}.country`)}
                  >
                    <option value="">{t('admin.billing.settings.chooseCountry')}</option>
                    {countries.map((country) => (
                      <option key={country.code} value={country.code}>
                        {country.name}
                      </option>
                    ))}
                  </SelectField>
                  <TextField
                    label={t('admin.billing.settings.rate')}
                    inputMode="decimal"
                    autoComplete="off"
                    className="w-28"
                    error={errors.countryRates?.[index]?.rate?.message}
                    {...form.register(`countryRates.${index}.rate`)}
                  />
                  <Button
                    variant="ghost"
                    size="icon"
                    className="mt-7"
                    aria-label={t('admin.billing.settings.removeCountry')}
                    onClick={() => rows.remove(index)}
                  >
                    <X aria-hidden="true" />
                  </Button>
                </li>
              ))}
            </ul>
          )}
          <Button
            variant="outline"
            size="sm"
            className="self-start"
            onClick={() => rows.append({ country: '', rate: '' })}
          >
            <Plus aria-hidden="true" />
            {t('admin.billing.settings.addCountry')}
          </Button>
        </div>
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-3 text-sm font-semibold">{t('admin.billing.settings.cycle')}</legend>
        <TextField
          label={t('admin.billing.settings.renewalDaysBefore')}
          hint={t('admin.billing.settings.renewalDaysBeforeHint')}
          inputMode="numeric"
          autoComplete="off"
          error={errors.renewalDaysBefore?.message}
          {...form.register('renewalDaysBefore')}
        />
        <TextField
          label={t('admin.billing.settings.reminderDays')}
          hint={t('admin.billing.settings.reminderDaysHint')}
          autoComplete="off"
          error={errors.reminderDays?.message}
          {...form.register('reminderDays')}
        />
        <TextField
          label={t('admin.billing.settings.suspendAfterDays')}
          hint={t('admin.billing.settings.suspendAfterDaysHint')}
          inputMode="numeric"
          autoComplete="off"
          error={errors.suspendAfterDays?.message}
          {...form.register('suspendAfterDays')}
        />
        <TextField
          label={t('admin.billing.settings.terminateAfterDays')}
          hint={t('admin.billing.settings.terminateAfterDaysHint')}
          inputMode="numeric"
          autoComplete="off"
          error={errors.terminateAfterDays?.message}
          {...form.register('terminateAfterDays')}
        />
        <TextField
          label={t('admin.billing.settings.terminationWarningDays')}
          hint={t('admin.billing.settings.terminationWarningDaysHint')}
          inputMode="numeric"
          autoComplete="off"
          error={errors.terminationWarningDays?.message}
          {...form.register('terminationWarningDays')}
        />
        <CheckboxField
          className="sm:col-span-2"
          label={t('admin.billing.settings.cancelAtContabo')}
          hint={t('admin.billing.settings.cancelAtContaboHint')}
          {...form.register('cancelAtContabo')}
        />
      </fieldset>

      <FormSuccess show={mutation.isSuccess}>{t('admin.billing.settings.saved')}</FormSuccess>
      <SubmitButton className="self-start" pending={mutation.isPending}>
        {t('admin.billing.settings.save')}
      </SubmitButton>
    </form>
  );
}
