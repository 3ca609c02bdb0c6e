import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { KeyRound, ShieldCheck } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { login } from '../../api/auth.ts';
import { ApiError } from '../../api/client.ts';
import { sessionKeys, setSignedIn, useMe } from '../../api/session.ts';
import type { LoginResponse } from '../../api/models.ts';
import { EmailField, TotpCodeField } from '../../components/form/accountFields.tsx';
import { PasswordField, TextField } from '../../components/form/fields.tsx';
import { FormError, SubmitButton } from '../../components/form/FormBits.tsx';
import {
  currentPasswordSchema,
  emailSchema,
  submitToMutation,
  totpCodeSchema,
} from '../../components/form/validation.ts';
import { Button } from '../../components/ui/Button.tsx';
import { isLanguage, setLanguage } from '../../i18n/index.ts';
import { AuthCard, AuthFooterLink, textLinkClass } from './AuthCard.tsx';
import { safeNext } from './next.ts';

const credentialsSchema = z.object({ email: emailSchema, password: currentPasswordSchema });
type Credentials = z.infer<typeof credentialsSchema>;

const totpSchema = z.object({ code: totpCodeSchema });
const recoverySchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, 'validation.required')
    .min(6, 'validation.invalid')
    .max(64, 'validation.tooLong'),
});

const TWO_FACTOR_FAILURES = new Set([
  'invalid_two_factor_code',
  'two_factor_required',
  'invalid_credentials',
]);

/** Remembers the signed-in user and brings the UI to the language saved in their profile. */
function useSignedIn() {
  const queryClient = useQueryClient();
  return (response: LoginResponse) => {
    setSignedIn(queryClient, response.user);
    void queryClient.invalidateQueries({ queryKey: sessionKeys.me });
    if (isLanguage(response.user.language)) void setLanguage(response.user.language);
  };
}

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const { data: me } = useMe();
  // Set when the API asked for the second factor: the credentials are sent again with the code.
  const [pending2fa, setPending2fa] = useState<Credentials | null>(null);

  // Without a `next`, staff land on their own panel, customers on theirs.
  if (me)
    return (
      <Navigate
        to={params.has('next') ? next : me.role === 'admin' || me.role === 'support' ? '/admin' : next}
        replace
      />
    );

  return (
    <>
      <title>{t('auth.login.documentTitle')}</title>
      {pending2fa ? (
        <TwoFactorStep credentials={pending2fa} onBack={() => setPending2fa(null)} />
      ) : (
        <CredentialsStep
          askedToSignIn={params.has('next')}
          onTwoFactor={(credentials) => setPending2fa(credentials)}
        />
      )}
    </>
  );
}

function CredentialsStep({
  askedToSignIn,
  onTwoFactor,
}: {
  askedToSignIn: boolean;
  onTwoFactor: (credentials: Credentials) => void;
}) {
  const { t } = useTranslation();
  const signedIn = useSignedIn();
  const form = useForm<Credentials>({
    resolver: zodResolver(credentialsSchema),
    defaultValues: { email: '', password: '' },
  });
  const mutation = useMutation({
    mutationFn: login,
    onSuccess: signedIn,
    onError: (error, variables) => {
      if (error instanceof ApiError && error.code === 'two_factor_required') {
        onTwoFactor({ email: variables.email, password: variables.password });
      }
    },
  });
  const { errors } = form.formState;
  const showError =
    mutation.error && !(mutation.error instanceof ApiError && mutation.error.code === 'two_factor_required');

  return (
    <AuthCard
      title={t('auth.login.title')}
      subtitle={askedToSignIn ? t('auth.login.needed') : t('auth.login.subtitle')}
      footer={
        <AuthFooterLink text={t('auth.login.noAccount')} to="/register" label={t('auth.login.register')} />
      }
    >
      <form noValidate className="flex flex-col gap-4" onSubmit={submitToMutation(form, mutation)}>
        {showError && <FormError error={mutation.error} />}
        <EmailField error={errors.email?.message} {...form.register('email')} />
        <PasswordField
          label={t('auth.password')}
          autoComplete="current-password"
          error={errors.password?.message}
          {...form.register('password')}
        />
        <div className="-mt-2 flex justify-end">
          <Link to="/forgot-password" className={textLinkClass + ' text-sm'}>
            {t('auth.login.forgot')}
          </Link>
        </div>
        <SubmitButton pending={mutation.isPending} pendingLabel={t('auth.login.submitting')} size="lg">
          {t('auth.login.submit')}
        </SubmitButton>
      </form>
    </AuthCard>
  );
}

function TwoFactorStep({ credentials, onBack }: { credentials: Credentials; onBack: () => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'totp' | 'recovery'>('totp');
  return (
    <AuthCard
      icon={mode === 'totp' ? ShieldCheck : KeyRound}
      title={t('auth.login.twoFactor.title')}
      subtitle={
        mode === 'totp' ? t('auth.login.twoFactor.subtitle') : t('auth.login.twoFactor.recoverySubtitle')
      }
      footer={
        <Button variant="ghost" onClick={onBack}>
          {t('auth.backToLogin')}
        </Button>
      }
    >
      <CodeForm key={mode} mode={mode} credentials={credentials} />
      <Button variant="outline" onClick={() => setMode(mode === 'totp' ? 'recovery' : 'totp')}>
        {mode === 'totp' ? t('auth.login.twoFactor.useRecovery') : t('auth.login.twoFactor.useTotp')}
      </Button>
    </AuthCard>
  );
}

function CodeForm({ mode, credentials }: { mode: 'totp' | 'recovery'; credentials: Credentials }) {
  const { t } = useTranslation();
  const signedIn = useSignedIn();
  const form = useForm<{ code: string }>({
    resolver: zodResolver(mode === 'totp' ? totpSchema : recoverySchema),
    defaultValues: { code: '' },
  });
  const mutation = useMutation({
    mutationFn: (code: string) =>
      login({ ...credentials, ...(mode === 'totp' ? { totpCode: code } : { recoveryCode: code }) }),
    onSuccess: signedIn,
    onError: (error) => {
      if (error instanceof ApiError && TWO_FACTOR_FAILURES.has(error.code)) {
        form.setError(
          'code',
          { type: 'server', message: 'errors.codes.invalid_two_factor_code' },
          { shouldFocus: true },
        );
      }
    },
  });
  const handled = mutation.error instanceof ApiError && TWO_FACTOR_FAILURES.has(mutation.error.code);

  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={submitToMutation(form, mutation, { input: ({ code }) => code })}
    >
      {mutation.error && !handled && <FormError error={mutation.error} />}
      {mode === 'totp' ? (
        <TotpCodeField
          label={t('auth.login.twoFactor.code')}
          autoFocus
          error={form.formState.errors.code?.message}
          {...form.register('code')}
        />
      ) : (
        <TextField
          label={t('auth.login.twoFactor.recoveryCode')}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus
          className="[&_input]:font-mono"
          error={form.formState.errors.code?.message}
          {...form.register('code')}
        />
      )}
      <SubmitButton
        pending={mutation.isPending}
        pendingLabel={t('auth.login.twoFactor.submitting')}
        size="lg"
      >
        {t('auth.login.twoFactor.submit')}
      </SubmitButton>
    </form>
  );
}
