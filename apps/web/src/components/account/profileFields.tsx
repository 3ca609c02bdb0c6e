// The profile form's pieces the customer's own page and the staff's "Editar perfil" share: the billing part of the
// schema (the API's rules), the form values of a profile, the billing fields and the language and country selects.
import { useMemo } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { LANGUAGES } from '../../i18n/locale.ts';
import { COUNTRY_CODES, countryOptions } from '../../lib/countries.ts';
import { SelectField, TextField, type SelectFieldProps } from '../form/fields.tsx';
import { optionalText } from '../form/validation.ts';

/** The billing data's rules (optional text; a country is one of the list or none). */
export const billingShape = {
  companyName: optionalText(200),
  taxId: optionalText(50),
  addressLine1: optionalText(200),
  addressLine2: optionalText(200),
  city: optionalText(100),
  state: optionalText(100),
  postalCode: optionalText(20),
  country: z.string().refine((value) => value === '' || COUNTRY_CODES.includes(value), 'validation.country'),
};

export const BILLING_FIELDS = [
  'companyName',
  'taxId',
  'addressLine1',
  'addressLine2',
  'city',
  'state',
  'postalCode',
  'country',
] as const;

type Person = { firstName: string; lastName: string; phone: string | null; language: string };
type Billing = Record<(typeof BILLING_FIELDS)[number], string | null>;

/** A profile as the form's values: text everywhere (none is ''), the language one the UI speaks. */
export function profileFormValues(person: Person, billing: Billing) {
  return {
    firstName: person.firstName,
    lastName: person.lastName,
    phone: person.phone ?? '',
    language: person.language === 'en' ? ('en' as const) : ('es' as const),
    ...(Object.fromEntries(BILLING_FIELDS.map((name) => [name, billing[name] ?? ''])) as Record<
      (typeof BILLING_FIELDS)[number],
      string
    >),
  };
}

type SelectProps = Omit<SelectFieldProps, 'label' | 'children'>;

/** The languages of the UI, each named in itself. */
export function LanguageSelect(props: SelectProps) {
  const { t } = useTranslation();
  return (
    <SelectField label={t('account.profile.language')} {...props}>
      {LANGUAGES.map((language) => (
        <option key={language} value={language} lang={language}>
          {t(`language.names.${language}`)}
        </option>
      ))}
    </SelectField>
  );
}

/** The countries by their name in `locale`, after "none". */
export function CountrySelect({ locale, ...props }: SelectProps & { locale: string }) {
  const { t } = useTranslation();
  const countries = useMemo(() => countryOptions(locale), [locale]);
  return (
    <SelectField label={t('account.profile.country')} optional {...props}>
      <option value="">{t('account.profile.noCountry')}</option>
      {countries.map(({ code, name }) => (
        <option key={code} value={code}>
          {name}
        </option>
      ))}
    </SelectField>
  );
}

type BillingField = (typeof BILLING_FIELDS)[number];

/** What the browser may fill each billing field with (the customer's own page only). */
const AUTOCOMPLETE: Record<BillingField, string | undefined> = {
  companyName: 'organization',
  taxId: undefined,
  addressLine1: 'address-line1',
  addressLine2: 'address-line2',
  city: 'address-level2',
  state: 'address-level1',
  postalCode: 'postal-code',
  country: 'country',
};

/**
 * The billing fields, in a two-column grid the caller draws (the address lines take both columns). `field(name)`
 * gives a field's registration and error.
 */
export function BillingFields({
  field,
  locale,
  autoComplete = false,
}: {
  field: (name: BillingField) => UseFormRegisterReturn & { error: string | undefined };
  /** The locale the countries are named and sorted in. */
  locale: string;
  /** Let the browser fill them from the user's own data. */
  autoComplete?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      {BILLING_FIELDS.filter((name) => name !== 'country').map((name) => (
        <TextField
          key={name}
          label={t(`account.profile.${name}`)}
          optional
          autoComplete={autoComplete ? AUTOCOMPLETE[name] : undefined}
          className={name.startsWith('addressLine') ? 'sm:col-span-2' : undefined}
          {...field(name)}
        />
      ))}
      <CountrySelect
        locale={locale}
        autoComplete={autoComplete ? AUTOCOMPLETE.country : undefined}
        {...field('country')}
      />
    </>
  );
}
