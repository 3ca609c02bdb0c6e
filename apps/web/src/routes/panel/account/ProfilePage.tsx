import { zodResolver } from '@hookform/resolvers/zod';
import { BadgeCheck, MailWarning } from 'lucide-react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useUpdateProfile } from '../../../api/account.ts';
import type { User } from '../../../api/models.ts';
import {
  BILLING_FIELDS,
  BillingFields,
  billingShape,
  LanguageSelect,
  profileFormValues,
} from '../../../components/account/profileFields.tsx';
import { PhoneField } from '../../../components/form/accountFields.tsx';
import { TextField } from '../../../components/form/fields.tsx';
import { FormError, FormSuccess, SubmitButton } from '../../../components/form/FormBits.tsx';
import { emptyToNull, onFieldError, phoneSchema, requiredText } from '../../../components/form/validation.ts';
import { Badge } from '../../../components/ui/Badge.tsx';
import { intlLocale, LANGUAGES, setLanguage } from '../../../i18n/index.ts';
import { usePanelUser } from '../usePanelUser.ts';
import { Section } from './AccountLayout.tsx';

const schema = z.object({
  firstName: requiredText(100),
  lastName: requiredText(100),
  phone: phoneSchema,
  language: z.enum(LANGUAGES),
  ...billingShape,
});
type Values = z.infer<typeof schema>;

const FIELDS = ['firstName', 'lastName', 'phone', 'language', ...BILLING_FIELDS] as const;

const valuesOf = (user: User): Values => profileFormValues(user, user.billing);

export function ProfilePage() {
  const { t, i18n } = useTranslation();
  const user = usePanelUser();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: valuesOf(user) });
  const mutation = useUpdateProfile();
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
        onError: onFieldError(mutation.reset, form.setError, FIELDS),
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
          <PhoneField
            label={t('account.profile.phone')}
            error={errors.phone?.message}
            {...form.register('phone')}
          />
          <LanguageSelect
            hint={t('account.profile.languageHint')}
            error={errors.language?.message}
            {...form.register('language')}
          />
        </div>
      </Section>

      <Section
        headingId="profile-billing"
        title={t('account.profile.billing')}
        description={t('account.profile.billingHint')}
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <BillingFields
            field={(name) => ({ error: errors[name]?.message, ...form.register(name) })}
            locale={intlLocale(i18n.language)}
            autoComplete
          />
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
