import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import {
  useMailSettings,
  useSaveMailSettings,
  useTestMailSettings,
  type MailSettings,
  type MailSettingsInput,
} from '../../api/ticketsAdmin.ts';
import { CheckboxField, PasswordField, TextField } from '../../components/form/fields.tsx';
import { FormError, FormSuccess, SubmitButton } from '../../components/form/FormBits.tsx';
import { onFieldError, optionalText } from '../../components/form/validation.ts';
import { Button } from '../../components/ui/Button.tsx';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/Card.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../components/ui/Skeleton.tsx';

/** The API's rules (tickets-mail.routes.ts ZMailSettingsInput). */
const schema = z.object({
  address: z
    .string()
    .trim()
    .max(200, 'validation.tooLong')
    .refine((v) => v === '' || z.email().safeParse(v).success, 'validation.email'),
  host: optionalText(255),
  port: z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, 'validation.port')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 65535, 'validation.port'),
  secure: z.boolean(),
  user: optionalText(255),
  password: z.string().max(500, 'validation.tooLong'),
  folder: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'),
});
type MailForm = z.input<typeof schema>;
const FIELDS = ['address', 'host', 'port', 'user', 'password', 'folder'] as const;

/**
 * Ajustes → Respuesta por correo: the support mailbox read over IMAP. The password is write-only (blank keeps the
 * stored one); the feature stays off, and says so, until the address, host and user are set.
 */
export function SupportMailSettingsCard() {
  const { t } = useTranslation();
  const settings = useMailSettings();
  return (
    <Card aria-labelledby="support-mail-title" id="support-mail" className="scroll-mt-20">
      <CardHeader>
        <CardTitle id="support-mail-title">{t('tickets.mail.title')}</CardTitle>
        <p className="text-sm text-muted-foreground">{t('tickets.mail.subtitle')}</p>
      </CardHeader>
      <CardContent>
        {settings.isPending ? (
          <Skeleton className="h-48 w-full" />
        ) : settings.error ? (
          <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <MailSettingsForm settings={settings.data} />
        )}
      </CardContent>
    </Card>
  );
}

const toForm = (s: MailSettings): MailForm => ({
  address: s.address,
  host: s.host,
  port: String(s.port),
  secure: s.secure,
  user: s.user,
  password: '',
  folder: s.folder,
});

function MailSettingsForm({ settings }: { settings: MailSettings }) {
  const { t } = useTranslation();
  const save = useSaveMailSettings();
  const test = useTestMailSettings();
  const form = useForm<MailForm, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: toForm(settings),
  });
  const { errors } = form.formState;
  const input = (values: z.output<typeof schema>): MailSettingsInput => {
    const { password, ...rest } = values;
    return password ? { ...rest, password } : rest;
  };

  return (
    <form
      noValidate
      data-testid="support-mail-settings"
      className="flex flex-col gap-4"
      onSubmit={form.handleSubmit((values) => {
        if (save.isPending) return;
        test.reset();
        save.mutate(input(values), {
          onSuccess: (saved) => form.reset(toForm(saved)),
          onError: onFieldError(save.reset, form.setError, FIELDS),
        });
      })}
    >
      <p
        role="status"
        data-testid="support-mail-state"
        className="rounded-md border border-border bg-muted px-3 py-2 text-sm"
      >
        {settings.enabled ? t('tickets.mail.on', { address: settings.address }) : t('tickets.mail.off')}
      </p>
      <FormError error={save.error} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          type="email"
          label={t('tickets.mail.address')}
          hint={t('tickets.mail.addressHint')}
          autoComplete="off"
          error={errors.address?.message}
          {...form.register('address')}
        />
        <TextField
          label={t('tickets.mail.host')}
          autoComplete="off"
          placeholder="imap.ejemplo.com"
          error={errors.host?.message}
          {...form.register('host')}
        />
        <TextField
          label={t('tickets.mail.port')}
          inputMode="numeric"
          error={errors.port?.message}
          {...form.register('port')}
        />
        <TextField
          label={t('tickets.mail.folder')}
          autoComplete="off"
          error={errors.folder?.message}
          {...form.register('folder')}
        />
        <TextField
          label={t('tickets.mail.user')}
          autoComplete="off"
          error={errors.user?.message}
          {...form.register('user')}
        />
        <PasswordField
          label={t('tickets.mail.password')}
          autoComplete="new-password"
          optional
          hint={settings.passwordSet ? t('tickets.mail.passwordSet') : t('tickets.mail.passwordNotSet')}
          error={errors.password?.message}
          {...form.register('password')}
        />
      </div>
      <CheckboxField label={t('tickets.mail.secure')} {...form.register('secure')} />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={save.isPending} pendingLabel={t('form.saving')}>
          {t('tickets.mail.save')}
        </SubmitButton>
        <Button
          variant="outline"
          disabled={test.isPending}
          onClick={() =>
            void form.handleSubmit((values) => {
              save.reset();
              test.mutate(input(values));
            })()
          }
        >
          {test.isPending ? t('tickets.mail.testing') : t('tickets.mail.test')}
        </Button>
        <Link
          to="/admin/tickets/unmatched"
          className="text-sm text-primary underline-offset-2 hover:underline"
        >
          {t('tickets.unmatched.nav')}
        </Link>
      </div>
      <FormSuccess show={save.isSuccess}>{t('tickets.mail.saved')}</FormSuccess>
      <FormError error={test.error} />
      {test.data && (
        <p
          role="status"
          data-testid="support-mail-test"
          className={
            test.data.ok
              ? 'rounded-md border border-border p-3 text-sm'
              : 'rounded-md border border-red-300 p-3 text-sm text-red-700 dark:text-red-400'
          }
        >
          {test.data.ok
            ? t('tickets.mail.testOk', { count: test.data.messages, unseen: test.data.unseen })
            : t(`tickets.mail.reason.${test.data.reason}`, { message: test.data.message })}
        </p>
      )}
    </form>
  );
}
