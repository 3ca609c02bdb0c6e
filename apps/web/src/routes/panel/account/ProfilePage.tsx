import { zodResolver } from '@hookform/resolvers/zod';
import { BadgeCheck, MailWarning } from 'lucide-react';
import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useUpdateProfile } from '../../../api/account.ts';
import type { User } from '../../../api/models.ts';
import { SelectField, TextField } from '../../../components/form/fields.tsx';
import { FormError, FormSuccess, SubmitButton } from '../../../components/form/FormBits.tsx';
import {
  applyApiError,
  emptyToNull,
  optionalText,
  phoneSchema,
  requiredText,
} from '../../../components/form/validation.ts';
import { Badge } from '../../../components/ui/Badge.tsx';
import { intlLocale, LANGUAGES, setLanguage } from '../../../i18n/index.ts';
import { usePanelUser } from '../usePanelUser.ts';
import { Section } from './AccountLayout.tsx';
import { COUNTRY_CODES, countryOptions } from './countries.ts';

const schema = z.object({
  firstName: requiredText(100),
  lastName: requiredText(100),
  phone: phoneSchema,
  language: z.enum(LANGUAGES),
  companyName: optionalText(200),
  taxId: optionalText(50),
  addressLine1: optionalText(200),
  addressLine2: optionalText(200),
  city: optionalText(100),
  state: optionalText(100),
  postalCode: optionalText(20),
  country: z.string().refine((value) => value === '' || COUNTRY_CODES.includes(value), 'validation.country'),
});
type Values = z.infer<typeof schema>;

const BILLING_FIELDS = [
  'companyName',
  'taxId',
  'addressLine1',
  'addressLine2',
  'city',
  'state',
  'postalCode',
  'country',
] as const;
const FIELDS = ['firstName', 'lastName', 'phone', 'language', ...BILLING_FIELDS] as const;

function valuesOf(user: User): Values {
  const billing = user.billing;
  return {
    firstName: user.firstName,
    lastName: user.lastName,
    phone: user.phone ?? '',
    language: user.language === 'en' ? 'en' : 'es',
    companyName: billing.companyName ?? '',
    taxId: billing.taxId ?? '',
    addressLine1: billing.addressLine1 ?? '',
    addressLine2: billing.addressLine2 ?? '',
    city: billing.city ?? '',
    state: billing.state ?? '',
    postalCode: billing.postalCode ?? '',
    country: billing.country ?? '',
  };
}

export function ProfilePage() {
  const { t, i18n } = useTranslation();
  const user = usePanelUser();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: valuesOf(user) });
  const mutation = useUpdateProfile();
  const countries = useMemo(() => countryOptions(intlLocale(i18n.language)), [i18n.language]);
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    if (mutation.isPending) return;
    mutation.mutate(
      {
        firstName: values.firstName,
        lastName: values.lastName,
        phone: emptyToNull(values.phone),
        language: values.language,
        billing: Object.fromEntries(BILLING_FIELDS.map((name) => [name, emptyToNull(values[name])])),
      },
      {
        onSuccess: ({ user: saved }) => {
          form.reset(valuesOf(saved));
          // The profile language is the UI language too.
          if (saved.language !== i18n.language && (saved.language === 'es' || saved.language === 'en')) {
            void setLanguage(saved.language);
          }
        },
        onError: (error) => {
          if (applyApiError(error, form.setError, FIELDS)) mutation.reset();
        },
      },
    );
  });

  return (
    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-6">
      <title>{t('account.profile.documentTitle')}</title>
      <Section headingId="profile-personal" title={t('account.profile.personal')}>
        <div className="flex flex-col gap-1.5">
          <span className="text-sm font-medium">{t('account.profile.email')}</span>
          <div className="flex flex-wrap items-center gap-2">
            <span className="text-sm font-medium [overflow-wrap:anywhere] sm:text-base">{user.email}</span>
            {user.emailVerified ? (
              <Badge tone="success">
                <BadgeCheck aria-hidden="true" />
                {t('account.profile.verified')}
              </Badge>
            ) : (
              <Badge tone="warning">
                <MailWarning aria-hidden="true" />
                {t('account.profile.unverified')}
              </Badge>
            )}
          </div>
          <p className="text-xs text-muted-foreground">{t('account.profile.emailHint')}</p>
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t('account.profile.firstName')}
            autoComplete="given-name"
            error={errors.firstName?.message}
            {...form.register('firstName')}
          />
          <TextField
            label={t('account.profile.lastName')}
            autoComplete="family-name"
            error={errors.lastName?.message}
            {...form.register('lastName')}
          />
          <TextField
            label={t('account.profile.phone')}
            optional
            type="tel"
            autoComplete="tel"
            hint={t('auth.register.phoneHint')}
            error={errors.phone?.message}
            {...form.register('phone')}
          />
          <SelectField
            label={t('account.profile.language')}
            hint={t('account.profile.languageHint')}
            error={errors.language?.message}
            {...form.register('language')}
          >
            {LANGUAGES.map((language) => (
              <option key={language} value={language} lang={language}>
                {t(`language.names.${language}`)}
              </option>
            ))}
          </SelectField>
        </div>
      </Section>

      <Section
        headingId="profile-billing"
        title={t('account.profile.billing')}
        description={t('account.profile.billingHint')}
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t('account.profile.companyName')}
            optional
            autoComplete="organization"
            error={errors.companyName?.message}
            {...form.register('companyName')}
          />
          <TextField
            label={t('account.profile.taxId')}
            optional
            error={errors.taxId?.message}
            {...form.register('taxId')}
          />
          <TextField
            label={t('account.profile.addressLine1')}
            optional
            autoComplete="address-line1"
            className="sm:col-span-2"
            error={errors.addressLine1?.message}
            {...form.register('addressLine1')}
          />
          <TextField
            label={t('account.profile.addressLine2')}
            optional
            autoComplete="address-line2"
            className="sm:col-span-2"
            error={errors.addressLine2?.message}
            {...form.register('addressLine2')}
          />
          <TextField
            label={t('account.profile.city')}
            optional
            autoComplete="address-level2"
            error={errors.city?.message}
            {...form.register('city')}
          />
          <TextField
            label={t('account.profile.state')}
            optional
            autoComplete="address-level1"
            error={errors.state?.message}
            {...form.register('state')}
          />
          <TextField
            label={t('account.profile.postalCode')}
            optional
            autoComplete="postal-code"
            error={errors.postalCode?.message}
            {...form.register('postalCode')}
          />
          <SelectField
            label={t('account.profile.country')}
            optional
            autoComplete="country"
            error={errors.country?.message}
            {...form.register('country')}
          >
            <option value="">{t('account.profile.noCountry')}</option>
            {countries.map(({ code, name }) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </SelectField>
        </div>
      </Section>

      <div className="flex flex-col gap-3">
        {mutation.error && <FormError error={mutation.error} />}
        <FormSuccess show={mutation.isSuccess && !form.formState.isDirty}>
          {t('account.profile.saved')}
        </FormSuccess>
        <div className="flex justify-end">
          <SubmitButton
            pending={mutation.isPending}
            pendingLabel={t('form.saving')}
            className="w-full sm:w-auto"
          >
            {t('account.profile.submit')}
          </SubmitButton>
        </div>
      </div>
    </form>
  );
}
