import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { accountKeys, useChangePassword } from '../../../api/account.ts';
import { PasswordField } from '../../../components/form/fields.tsx';
import { FormError, FormSuccess, SubmitButton } from '../../../components/form/FormBits.tsx';
import { PasswordRule } from '../../../components/form/PasswordRule.tsx';
import {
  currentPasswordSchema,
  newPasswordSchema,
  submitToMutation,
} from '../../../components/form/validation.ts';
import { Section } from './AccountLayout.tsx';

const schema = z
  .object({
    currentPassword: currentPasswordSchema,
    newPassword: newPasswordSchema,
    confirm: z.string().min(1, 'validation.required'),
  })
  .refine((values) => values.newPassword === values.confirm, {
    path: ['confirm'],
    message: 'validation.passwordMismatch',
  });
type Values = z.infer<typeof schema>;

export function ChangePasswordCard() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { currentPassword: '', newPassword: '', confirm: '' },
  });
  const mutation = useChangePassword();
  const { errors } = form.formState;
  const newPassword = form.watch('newPassword');

  return (
    <Section
      headingId="password-title"
      title={t('account.password.title')}
      description={t('account.password.description')}
    >
      <form
        noValidate
        className="flex max-w-md flex-col gap-4"
        onSubmit={submitToMutation(form, mutation, {
          input: ({ currentPassword, newPassword: next }) => ({ currentPassword, newPassword: next }),
          resetOnSuccess: true,
          // The other sessions ended with the change.
          onSuccess: () => void queryClient.invalidateQueries({ queryKey: accountKeys.sessions }),
          fields: ['currentPassword', 'newPassword'],
          codeFields: {
            invalid_password: 'currentPassword',
            invalid_credentials: 'currentPassword',
            weak_password: 'newPassword',
          },
        })}
      >
        {mutation.error && <FormError error={mutation.error} />}
        <FormSuccess show={mutation.isSuccess && !form.formState.isDirty}>
          {t('account.password.done')}
        </FormSuccess>
        <PasswordField
          label={t('account.password.current')}
          autoComplete="current-password"
          error={errors.currentPassword?.message}
          {...form.register('currentPassword')}
        />
        <PasswordField
          label={t('account.password.new')}
          autoComplete="new-password"
          hint={<PasswordRule value={newPassword} />}
          error={errors.newPassword?.message}
          {...form.register('newPassword')}
        />
        <PasswordField
          label={t('account.password.confirm')}
          autoComplete="new-password"
          error={errors.confirm?.message}
          {...form.register('confirm')}
        />
        <div>
          <SubmitButton pending={mutation.isPending} pendingLabel={t('form.saving')}>
            {t('account.password.submit')}
          </SubmitButton>
        </div>
      </form>
    </Section>
  );
}
