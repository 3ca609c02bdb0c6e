import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useCustomerAction, type CustomerDetail } from '../../../api/console.ts';
import { SelectField, TextField } from '../../../components/form/fields.tsx';
import { FormDialog, toastAndClose } from '../../../components/form/FormDialog.tsx';
import { emptyToNull, optionalText, phoneSchema, requiredText } from '../../../components/form/validation.ts';
import { LANGUAGES } from '../../../i18n/index.ts';
import { useFormat } from '../../../lib/format.ts';
import { COUNTRY_CODES, countryOptions } from '../../panel/account/countries.ts';

const schema = z.object({
  firstName: requiredText(100),
  lastName: optionalText(100),
  phone: phoneSchema,
  language: z.enum(LANGUAGES),
  country: z.string().refine((value) => value === '' || COUNTRY_CODES.includes(value), 'validation.country'),
  companyName: optionalText(200),
  taxId: optionalText(50),
  addressLine1: optionalText(200),
  addressLine2: optionalText(200),
  city: optionalText(100),
  state: optionalText(100),
  postalCode: optionalText(20),
});
type Values = z.infer<typeof schema>;

const NULLABLE = [
  'phone',
  'country',
  'companyName',
  'taxId',
  'addressLine1',
  'addressLine2',
  'city',
  'state',
  'postalCode',
] as const;
const FIELDS = ['firstName', 'lastName', 'language', ...NULLABLE] as const;

type Profile = CustomerDetail['profile'];

function valuesOf(p: Profile): Values {
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    phone: p.phone ?? '',
    language: p.language === 'en' ? 'en' : 'es',
    country: p.country ?? '',
    companyName: p.companyName ?? '',
    taxId: p.taxId ?? '',
    addressLine1: p.addressLine1 ?? '',
    addressLine2: p.addressLine2 ?? '',
    city: p.city ?? '',
    state: p.state ?? '',
    postalCode: p.postalCode ?? '',
  };
}

/**
 * "Editar perfil" on the admin's customer page: the customer's name, contact and billing data, checked here as on
 * the server (the server's validation errors land under their field too). The server audits the change with the
 * names of the fields that changed; only those are sent.
 */
export function CustomerProfileForm({ profile, onClose }: { profile: Profile; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const initial = useMemo(() => valuesOf(profile), [profile]);
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: initial });
  const action = useCustomerAction(profile.id);
  const countries = useMemo(() => countryOptions(format.locale), [format.locale]);
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    if (action.isPending) return;
    const patch: Record<string, string | null> = {};
    for (const name of FIELDS) {
      if (values[name] === initial[name]) continue;
      patch[name] = (NULLABLE as readonly string[]).includes(name)
        ? emptyToNull(values[name])
        : values[name].trim();
    }
    if (Object.keys(patch).length === 0) return onClose();
    action.mutate(
      { kind: 'profile', patch },
      toastAndClose({
        message: t('console.customer.done.profile'),
        onClose,
        setError: form.setError,
        fields: FIELDS,
        reset: action.reset,
      }),
    );
  });

  const text = (name: Exclude<(typeof FIELDS)[number], 'language' | 'country'>, extra = {}) => (
    <TextField
      label={t(`account.profile.${name}`)}
      optional={name !== 'firstName'}
      error={errors[name]?.message}
      {...extra}
      {...form.register(name)}
    />
  );

  return (
    <FormDialog
      title={t('console.customer.editProfile')}
      description={profile.email}
      className="w-[min(40rem,calc(100vw-2rem))]"
      onClose={onClose}
      onSubmit={onSubmit}
      pending={action.isPending}
      error={action.error}
      submit={t('console.customer.saveProfile')}
    >
      <div className="grid gap-4 sm:grid-cols-2" data-testid="customer-profile-form">
        {text('firstName')}
        {text('lastName')}
        {text('phone', { type: 'tel', hint: t('auth.register.phoneHint') })}
        <SelectField
          label={t('account.profile.language')}
          error={errors.language?.message}
          {...form.register('language')}
        >
          {LANGUAGES.map((language) => (
            <option key={language} value={language} lang={language}>
              {t(`language.names.${language}`)}
            </option>
          ))}
        </SelectField>
        {text('companyName')}
        {text('taxId')}
        {text('addressLine1', { className: 'sm:col-span-2' })}
        {text('addressLine2', { className: 'sm:col-span-2' })}
        {text('city')}
        {text('state')}
        {text('postalCode')}
        <SelectField
          label={t('account.profile.country')}
          optional
          error={errors.country?.message}
          {...form.register('country')}
        >
          <option value="">{t('account.profile.noCountry')}</option>
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </SelectField>
      </div>
    </FormDialog>
  );
}
