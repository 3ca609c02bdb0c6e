import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useCompanySettings, useUpdateCompanySettings } from '../../api/settings.ts';
import type { CompanySettings } from '../../api/models.ts';
import { TextareaField, TextField } from '../../components/form/fields.tsx';
import { FormError, FormSuccess, SubmitButton } from '../../components/form/FormBits.tsx';
import {
  emailSchema,
  optionalText,
  requiredText,
  submitToMutation,
} from '../../components/form/validation.ts';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/Card.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../components/ui/Skeleton.tsx';

/** The API's rules (company-settings.routes.ts ZCompanySettings). */
const schema = z.object({
  name: requiredText(100),
  legalName: optionalText(200),
  address: optionalText(500),
  taxId: optionalText(50),
  email: emailSchema,
  phone: optionalText(30),
  logoUrl: z
    .string()
    .trim()
    .max(500, 'validation.tooLong')
    .regex(/^(\/[\w/.-]+|https:\/\/\S+)$/, 'validation.logoUrl'),
});

const FIELDS = ['name', 'legalName', 'address', 'taxId', 'email', 'phone', 'logoUrl'] as const;

/** Datos de la empresa: printed on new invoices (issued ones keep theirs), shown in the footer and the e-mails. */
export function CompanySettingsCard() {
  const { t } = useTranslation();
  const settings = useCompanySettings();
  return (
    <Card aria-labelledby="company-title" id="company" className="scroll-mt-20">
      <CardHeader>
        <CardTitle id="company-title">{t('admin.settings.company.title')}</CardTitle>
        <p className="text-sm text-muted-foreground">{t('admin.settings.company.subtitle')}</p>
      </CardHeader>
      <CardContent>
        {settings.isPending ? (
          <div aria-busy="true" className="grid gap-4 sm:grid-cols-2">
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} className="h-16 w-full" />
            ))}
          </div>
        ) : settings.error ? (
          <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <CompanyForm settings={settings.data} />
        )}
      </CardContent>
    </Card>
  );
}

function CompanyForm({ settings }: { settings: CompanySettings }) {
  const { t } = useTranslation();
  const mutation = useUpdateCompanySettings();
  const form = useForm<CompanySettings>({ resolver: zodResolver(schema), defaultValues: settings });
  const { errors, isDirty } = form.formState;
  useEffect(() => {
    // Hide the stale "saved" notice once the form changes again.
    if (isDirty) mutation.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [isDirty]);
  const field = (name: (typeof FIELDS)[number], extra: { hint?: string; optional?: boolean } = {}) => (
    <TextField
      label={t(`admin.settings.company.${name}`)}
      autoComplete="off"
      error={errors[name]?.message}
      {...extra}
      {...form.register(name)}
    />
  );

  return (
    <form
      noValidate
      data-testid="company-settings"
      className="flex flex-col gap-4"
      onSubmit={submitToMutation(form, mutation, { fields: FIELDS, onSuccess: (saved) => form.reset(saved) })}
    >
      <FormError error={mutation.error} />
      <div className="grid gap-4 sm:grid-cols-2">
        {field('name', { hint: t('admin.settings.company.nameHint') })}
        {field('legalName', { optional: true })}
        {field('taxId', { optional: true })}
        <TextField
          type="email"
          label={t('admin.settings.company.email')}
          hint={t('admin.settings.company.emailHint')}
          autoComplete="off"
          error={errors.email?.message}
          {...form.register('email')}
        />
        {field('phone', { optional: true })}
        {field('logoUrl', { hint: t('admin.settings.company.logoUrlHint') })}
      </div>
      <TextareaField
        label={t('admin.settings.company.address')}
        optional
        rows={2}
        className="[&_textarea]:min-h-16 [&_textarea]:font-sans [&_textarea]:break-normal"
        error={errors.address?.message}
        {...form.register('address')}
      />
      <FormSuccess show={mutation.isSuccess}>{t('admin.settings.company.saved')}</FormSuccess>
      <SubmitButton className="self-start" pending={mutation.isPending} pendingLabel={t('form.saving')}>
        {t('admin.settings.company.save')}
      </SubmitButton>
    </form>
  );
}
