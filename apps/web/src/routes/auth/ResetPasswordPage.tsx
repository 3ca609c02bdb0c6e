import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { CircleCheck, MailX } from 'lucide-react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { resetPassword } from '../../api/auth.ts';
import { PasswordField } from '../../components/form/fields.tsx';
import { FormError, SubmitButton } from '../../components/form/FormBits.tsx';
import { PasswordRule } from '../../components/form/PasswordRule.tsx';
import { applyApiError, newPasswordSchema, submitToMutation } from '../../components/form/validation.ts';
import { buttonVariants } from '../../components/ui/Button.tsx';
import { AuthCard } from './AuthCard.tsx';
import { tokenProblem } from './tokenProblem.ts';

const schema = z
  .object({ password: newPasswordSchema, confirm: z.string().min(1, 'validation.required') })
  .refine((values) => values.password === values.confirm, {
    path: ['confirm'],
    message: 'validation.passwordMismatch',
  });
type Values = z.infer<typeof schema>;

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { password: '', confirm: '' },
  });
  const mutation = useMutation({
    mutationFn: ({ password }: Values) => resetPassword(token, password),
    onError: (error) => {
      if (applyApiError(error, form.setError, ['password'], { weak_password: 'password' })) mutation.reset();
    },
  });
  const { errors } = form.formState;
  const password = form.watch('password');
  const problem = tokenProblem(mutation.error);

  let content;
  if (mutation.isSuccess) {
    content = (
      <AuthCard
        icon={CircleCheck}
        iconTone="success"
        title={t('auth.reset.doneTitle')}
        subtitle={t('auth.reset.doneText')}
      >
        <Link to="/login" className={buttonVariants({ size: 'lg' })}>
          {t('auth.verify.login')}
        </Link>
      </AuthCard>
    );
  } else if (problem) {
    content = (
      <AuthCard
        icon={MailX}
        iconTone="danger"
        title={t('auth.reset.invalidTitle')}
        subtitle={t('auth.reset.invalidText')}
      >
        <Link to="/forgot-password" className={buttonVariants({ size: 'lg' })}>
          {t('auth.reset.requestNew')}
        </Link>
      </AuthCard>
    );
  } else {
    content = (
      <AuthCard title={t('auth.reset.title')} subtitle={t('auth.reset.subtitle')}>
        <form noValidate className="flex flex-col gap-4" onSubmit={submitToMutation(form, mutation)}>
          {mutation.error && <FormError error={mutation.error} />}
          <PasswordField
            label={t('auth.reset.password')}
            autoComplete="new-password"
            hint={<PasswordRule value={password} />}
            error={errors.password?.message}
            {...form.register('password')}
          />
          <PasswordField
            label={t('auth.reset.confirm')}
            autoComplete="new-password"
            error={errors.confirm?.message}
            {...form.register('confirm')}
          />
          <SubmitButton pending={mutation.isPending} pendingLabel={t('form.saving')} size="lg">
            {t('auth.reset.submit')}
          </SubmitButton>
        </form>
      </AuthCard>
    );
  }

  return (
    <>
      <title>{t('auth.reset.documentTitle')}</title>
      {content}
    </>
  );
}
