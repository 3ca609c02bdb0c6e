import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { MailCheck } from 'lucide-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import { EmailField } from '../../components/form/accountFields.tsx';
import { FormError, SubmitButton } from '../../components/form/FormBits.tsx';
import { applyApiError, emailSchema, submitToMutation } from '../../components/form/validation.ts';
import { buttonVariants } from '../../components/ui/Button.tsx';
import { AuthCard } from './AuthCard.tsx';

const schema = z.object({ email: emailSchema });

type EmailRequestFormProps = {
  title: string;
  subtitle: string;
  submitLabel: string;
  sentTitle: string;
  sentText: (email: string) => string;
  defaultEmail?: string;
  send: (email: string) => Promise<unknown>;
};

/**
 * "Write your e-mail and we send you a link" (forgot password, resend verification). The answer is the same
 * neutral message whether the address has an account or not.
 */
export function EmailRequestForm({
  title,
  subtitle,
  submitLabel,
  sentTitle,
  sentText,
  defaultEmail = '',
  send,
}: EmailRequestFormProps) {
  const { t } = useTranslation();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm<{ email: string }>({
    resolver: zodResolver(schema),
    defaultValues: { email: defaultEmail },
  });
  const mutation = useMutation({
    mutationFn: ({ email }: { email: string }) => send(email),
    onSuccess: (_data, { email }) => setSentTo(email),
    onError: (error) => {
      if (applyApiError(error, form.setError, ['email'])) mutation.reset();
    },
  });

  if (sentTo) {
    return (
      <AuthCard icon={MailCheck} iconTone="success" title={sentTitle}>
        <p role="status" className="text-sm text-muted-foreground">
          {sentText(sentTo)}
        </p>
        <Link to="/login" className={buttonVariants({ size: 'lg' })}>
          {t('auth.backToLogin')}
        </Link>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title={title}
      subtitle={subtitle}
      footer={
        <Link to="/login" className={buttonVariants({ variant: 'ghost' })}>
          {t('auth.backToLogin')}
        </Link>
      }
    >
      <form noValidate className="flex flex-col gap-4" onSubmit={submitToMutation(form, mutation)}>
        {mutation.error && <FormError error={mutation.error} />}
        <EmailField error={form.formState.errors.email?.message} {...form.register('email')} />
        <SubmitButton pending={mutation.isPending} pendingLabel={t('form.sending')} size="lg">
          {submitLabel}
        </SubmitButton>
      </form>
    </AuthCard>
  );
}
