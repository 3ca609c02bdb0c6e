import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { MailCheck } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { z } from 'zod';
import { register as registerAccount } from '../../api/auth.ts';
import { ApiError } from '../../api/client.ts';
import { legalKeys } from '../../api/legal.ts';
import { LegalAcceptance, type LegalAccepted } from '../../components/legal/LegalAcceptance.tsx';
import { useMe } from '../../api/session.ts';
import { EmailField, PhoneField } from '../../components/form/accountFields.tsx';
import { PasswordField, TextField } from '../../components/form/fields.tsx';
import { FormError, SubmitButton } from '../../components/form/FormBits.tsx';
import { PasswordRule } from '../../components/form/PasswordRule.tsx';
import {
  applyApiError,
  emailSchema,
  newPasswordSchema,
  phoneSchema,
  requiredText,
} from '../../components/form/validation.ts';
import { buttonVariants } from '../../components/ui/Button.tsx';
import { isLanguage } from '../../i18n/index.ts';
import { AuthCard, AuthFooterLink, textLinkClass } from './AuthCard.tsx';

const schema = z.object({
  firstName: requiredText(100),
  lastName: requiredText(100),
  email: emailSchema,
  phone: phoneSchema,
  password: newPasswordSchema,
});
type Values = z.infer<typeof schema>;
const FIELDS = ['firstName', 'lastName', 'email', 'phone', 'password'] as const;

export function RegisterPage() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const [doneEmail, setDoneEmail] = useState<string | null>(null);
  const [legal, setLegal] = useState<LegalAccepted | null>(null);
  const [legalError, setLegalError] = useState<string | undefined>();
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { firstName: '', lastName: '', email: '', phone: '', password: '' },
  });
  const mutation = useMutation({
    mutationFn: (values: Values) =>
      registerAccount({
        firstName: values.firstName,
        lastName: values.lastName,
        email: values.email,
        password: values.password,
        legalAccepted: legal ?? {},
        ...(values.phone ? { phone: values.phone } : {}),
        ...(isLanguage(i18n.language) ? { language: i18n.language } : {}),
      }),
    onSuccess: (_data, values) => setDoneEmail(values.email),
    onError: (error) => {
      if (error instanceof ApiError && error.code.startsWith('legal_')) {
        // The documents changed while the form was open: show the new versions and ask again.
        setLegal(null);
        void queryClient.invalidateQueries({ queryKey: legalKeys.versions });
        return;
      }
      if (
        applyApiError(error, form.setError, FIELDS, {
          email_taken: 'email',
          conflict: 'email',
          weak_password: 'password',
        })
      ) {
        mutation.reset();
      }
    },
  });
  const { errors } = form.formState;
  const password = form.watch('password');

  if (doneEmail) {
    return (
      <>
        <title>{t('auth.register.documentTitle')}</title>
        <AuthCard
          icon={MailCheck}
          iconTone="success"
          title={t('auth.register.doneTitle')}
          subtitle={t('auth.register.doneText', { email: doneEmail })}
        >
          <Link to="/login" className={buttonVariants({ size: 'lg' })}>
            {t('auth.register.doneLogin')}
          </Link>
          <p className="text-sm text-muted-foreground">
            <Link
              to={`/resend-verification?email=${encodeURIComponent(doneEmail)}`}
              className={textLinkClass}
            >
              {t('auth.register.notReceived')}
            </Link>
          </p>
        </AuthCard>
      </>
    );
  }
  if (me) return <Navigate to="/panel" replace />;

  return (
    <>
      <title>{t('auth.register.documentTitle')}</title>
      <AuthCard
        title={t('auth.register.title')}
        subtitle={t('auth.register.subtitle')}
        footer={
          <AuthFooterLink
            text={t('auth.register.haveAccount')}
            to="/login"
            label={t('auth.register.login')}
          />
        }
      >
        <form
          noValidate
          className="flex flex-col gap-4"
          onSubmit={form.handleSubmit((values) => {
            if (!legal) {
              setLegalError('errors.codes.legal_acceptance_required');
              return;
            }
            if (!mutation.isPending) mutation.mutate(values);
          })}
        >
          {mutation.error && <FormError error={mutation.error} />}
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label={t('auth.register.firstName')}
              autoComplete="given-name"
              error={errors.firstName?.message}
              {...form.register('firstName')}
            />
            <TextField
              label={t('auth.register.lastName')}
              autoComplete="family-name"
              error={errors.lastName?.message}
              {...form.register('lastName')}
            />
          </div>
          <EmailField error={errors.email?.message} {...form.register('email')} />
          <PhoneField
            label={t('auth.register.phone')}
            error={errors.phone?.message}
            {...form.register('phone')}
          />
          <PasswordField
            label={t('auth.password')}
            autoComplete="new-password"
            hint={<PasswordRule value={password} />}
            error={errors.password?.message}
            {...form.register('password')}
          />
          <LegalAcceptance
            documents={['terms', 'privacy']}
            checked={legal !== null}
            error={legalError}
            onChange={(accepted) => {
              setLegal(accepted);
              if (accepted) setLegalError(undefined);
            }}
          />
          <SubmitButton pending={mutation.isPending} pendingLabel={t('auth.register.submitting')} size="lg">
            {t('auth.register.submit')}
          </SubmitButton>
        </form>
      </AuthCard>
    </>
  );
}
