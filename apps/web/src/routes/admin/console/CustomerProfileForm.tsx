import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useCustomerAction, type CustomerDetail } from '../../../api/console.ts';
import {
  BILLING_FIELDS,
  BillingFields,
  billingShape,
  LanguageSelect,
  profileFormValues,
} from '../../../components/account/profileFields.tsx';
import { TextField } from '../../../components/form/fields.tsx';
import { FormDialog, toastAndClose } from '../../../components/form/FormDialog.tsx';
import { emptyToNull, optionalText, phoneSchema, requiredText } from '../../../components/form/validation.ts';
import { LANGUAGES } from '../../../i18n/index.ts';
import { useFormat } from '../../../lib/format.ts';

const schema = z.object({
  firstName: requiredText(100),
  lastName: optionalText(100),
  phone: phoneSchema,
  language: z.enum(LANGUAGES),
  ...billingShape,
});
type Values = z.infer<typeof schema>;

const NULLABLE = ['phone', ...BILLING_FIELDS] as const;
const FIELDS = ['firstName', 'lastName', 'language', ...NULLABLE] as const;

type Profile = CustomerDetail['profile'];

/**
 * "Editar perfil" on the admin's customer page: the customer's name, contact and billing data, checked here as on
 * the server (the server's validation errors land under their field too). The server audits the change with the
 * names of the fields that changed; only those are sent.
 */
export function CustomerProfileForm({ profile, onClose }: { profile: Profile; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const initial = useMemo(() => profileFormValues(profile, profile), [profile]);
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: initial });
  const action = useCustomerAction(profile.id);
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

  const text = (name: 'firstName' | 'lastName' | 'phone', extra = {}) => (
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
        <LanguageSelect error={errors.language?.message} {...form.register('language')} />
        <BillingFields
          field={(name) => ({ error: errors[name]?.message, ...form.register(name) })}
          locale={format.locale}
        />
      </div>
    </FormDialog>
  );
}
