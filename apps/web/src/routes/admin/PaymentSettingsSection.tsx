import { zodResolver } from '@hookform/resolvers/zod';
import { CheckCircle2, CircleDashed, FlaskConical, Lock } from 'lucide-react';
import { useEffect, type ReactNode } from 'react';
import { useForm, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useSite } from '../../api/catalog.ts';
import { usePaymentSettings, useUpdatePaymentSettings } from '../../api/settings.ts';
import type {
  BankTransferDetails,
  GatewayId,
  GatewaySource,
  PaymentSettings,
  PaymentSettingsUpdate,
} from '../../api/models.ts';
import {
  CheckboxField,
  PasswordField,
  SelectField,
  TextareaField,
  TextField,
} from '../../components/form/fields.tsx';
import { FormError, FormSuccess, SubmitButton } from '../../components/form/FormBits.tsx';
import { applyApiError } from '../../components/form/validation.ts';
import { Badge } from '../../components/ui/Badge.tsx';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/Card.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../components/ui/Skeleton.tsx';
import { CopyValue } from '../panel/servers/serverBits.tsx';

/**
 * Pasarelas de pago (payment-settings.routes.ts): where each gateway's keys come from, new keys (write-only: the API
 * never returns them, the page never shows them; keys set in the server's environment win and cannot be changed
 * here), MercadoPago's currency and exchange rate, and the bank transfer details customers see.
 */
export function PaymentSettingsSection() {
  const { t } = useTranslation();
  const settings = usePaymentSettings();
  const data = settings.data;
  return (
    <section aria-labelledby="payments-title" id="payments" className="flex scroll-mt-20 flex-col gap-4">
      <div className="flex flex-col gap-1">
        <h2 id="payments-title" className="text-xl font-semibold">
          {t('admin.settings.payments.title')}
        </h2>
        <p className="text-sm text-muted-foreground">{t('admin.settings.payments.subtitle')}</p>
      </div>
      {settings.isPending ? (
        <div aria-busy="true" className="grid gap-4 lg:grid-cols-2">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-72 w-full rounded-xl" />
          ))}
        </div>
      ) : settings.error && !data ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : data ? (
        <>
          {data.sandbox && (
            <p
              data-testid="sandbox-note"
              className="flex items-start gap-2 rounded-lg border border-blue-300 bg-blue-50 p-3 text-sm text-blue-900 dark:border-blue-800 dark:bg-blue-950/60 dark:text-blue-100"
            >
              <FlaskConical aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
              {t('admin.settings.payments.sandbox')}
            </p>
          )}
          <div className="grid items-start gap-4 lg:grid-cols-2">
            <StripeCard source={data.stripe.source} />
            <MercadoPagoCard settings={data.mercadopago} />
            <PayPalCard source={data.paypal.source} />
            <BankTransferCard settings={data.bankTransfer} />
          </div>
        </>
      ) : null}
    </section>
  );
}

/** "Configurada (desde el entorno)", "Configurada (desde los ajustes)" or "Sin configurar". */
function SourceBadge({ source }: { source: GatewaySource }) {
  const { t } = useTranslation();
  if (source === null)
    return (
      <Badge tone="neutral" data-testid="gateway-source" data-source="none">
        <CircleDashed aria-hidden="true" />
        {t('admin.settings.payments.notConfigured')}
      </Badge>
    );
  return (
    <Badge tone="success" data-testid="gateway-source" data-source={source}>
      <CheckCircle2 aria-hidden="true" />
      {source === 'env' ? t('admin.settings.payments.fromEnv') : t('admin.settings.payments.fromSettings')}
    </Badge>
  );
}

function GatewayCard({
  id,
  title,
  text,
  badge,
  children,
}: {
  id: string;
  title: string;
  text: string;
  badge: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card aria-labelledby={`${id}-title`} data-testid={`gateway-${id}`}>
      <CardHeader>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <CardTitle id={`${id}-title`}>{title}</CardTitle>
          {badge}
        </div>
        <p className="text-sm text-muted-foreground">{text}</p>
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

/** What a gateway needs besides its keys: the address its webhooks must be sent to. */
function WebhookUrl({ gateway }: { gateway: GatewayId }) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-1 text-sm">
      <span className="font-medium">{t('admin.settings.payments.webhookUrl')}</span>
      <CopyValue
        value={`${window.location.origin}/api/webhooks/${gateway}`}
        label={t('admin.settings.payments.webhookUrl')}
      />
    </div>
  );
}

/** Keys from the environment: nothing to type here. */
function EnvKeys() {
  const { t } = useTranslation();
  return (
    <p className="flex items-start gap-2 rounded-lg bg-muted/60 p-3 text-sm" data-testid="env-keys">
      <Lock aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      {t('admin.settings.payments.envKeys')}
    </p>
  );
}

const secret = z.string().trim().max(300, 'validation.tooLong');

/** A form of one gateway: saves only its part of the settings, and clears the typed keys once they are stored. */
function useGatewayForm<V extends FieldValues>(schema: z.ZodType<V, V>, defaults: V) {
  const mutation = useUpdatePaymentSettings();
  const form = useForm<V>({ resolver: zodResolver(schema), defaultValues: defaults as never });
  const { isDirty } = form.formState;
  useEffect(() => {
    if (isDirty) mutation.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [isDirty]);
  const submit = (toBody: (values: V) => PaymentSettingsUpdate, after: (saved: PaymentSettings) => V) =>
    form.handleSubmit((values) => {
      if (mutation.isPending) return;
      mutation.mutate(toBody(values), {
        onSuccess: (saved) => form.reset(after(saved)),
        onError: (error) => {
          const fields = Object.keys(defaults) as Path<V>[];
          if (applyApiError(error, form.setError, fields)) mutation.reset();
        },
      });
    });
  return { form, mutation, submit };
}

function GatewayFormFooter({
  mutation,
  saved,
  label,
}: {
  mutation: { isPending: boolean; isSuccess: boolean; error: unknown };
  saved: string;
  label: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <FormError error={mutation.error} />
      <FormSuccess show={mutation.isSuccess}>{saved}</FormSuccess>
      <SubmitButton className="self-start" pending={mutation.isPending} pendingLabel={t('form.saving')}>
        {label}
      </SubmitButton>
    </>
  );
}

/** "Quitar las claves guardadas": only keys stored in the settings can be removed from here. */
function RemoveKeys<V extends FieldValues>({ form, name }: { form: UseFormReturn<V>; name: string }) {
  const { t } = useTranslation();
  return (
    <CheckboxField
      label={t('admin.settings.payments.remove')}
      hint={t('admin.settings.payments.removeHint', { name })}
      {...form.register('remove' as Path<V>)}
    />
  );
}

const stripeSchema = z
  .object({ secretKey: secret, webhookSecret: secret, remove: z.boolean() })
  .refine((v) => v.remove || v.secretKey !== '', { path: ['secretKey'], message: 'validation.required' })
  .refine((v) => v.remove || v.webhookSecret !== '', {
    path: ['webhookSecret'],
    message: 'validation.required',
  });
type StripeValues = z.infer<typeof stripeSchema>;
const stripeEmpty: StripeValues = { secretKey: '', webhookSecret: '', remove: false };

function StripeCard({ source }: { source: GatewaySource }) {
  const { t } = useTranslation();
  const { form, mutation, submit } = useGatewayForm(stripeSchema, stripeEmpty);
  const { errors } = form.formState;
  const name = t('admin.settings.payments.stripe.name');
  return (
    <GatewayCard
      id="stripe"
      title={name}
      text={t('admin.settings.payments.stripe.text')}
      badge={<SourceBadge source={source} />}
    >
      {source === 'env' ? (
        <div className="flex flex-col gap-4">
          <EnvKeys />
          <WebhookUrl gateway="stripe" />
        </div>
      ) : (
        <form
          noValidate
          className="flex flex-col gap-4"
          onSubmit={submit(
            (v) => ({
              stripe: v.remove
                ? { secretKey: '', webhookSecret: '' }
                : { secretKey: v.secretKey, webhookSecret: v.webhookSecret },
            }),
            () => stripeEmpty,
          )}
        >
          {source === 'settings' && <KeysKept />}
          <PasswordField
            label={t('admin.settings.payments.stripe.secretKey')}
            hint={t('admin.settings.payments.stripe.secretKeyHint')}
            autoComplete="new-password"
            spellCheck={false}
            error={errors.secretKey?.message}
            {...form.register('secretKey')}
          />
          <PasswordField
            label={t('admin.settings.payments.stripe.webhookSecret')}
            hint={t('admin.settings.payments.stripe.webhookSecretHint')}
            autoComplete="new-password"
            spellCheck={false}
            error={errors.webhookSecret?.message}
            {...form.register('webhookSecret')}
          />
          <WebhookUrl gateway="stripe" />
          {source === 'settings' && <RemoveKeys form={form} name={name} />}
          <GatewayFormFooter
            mutation={mutation}
            saved={t('admin.settings.payments.keysSaved', { name })}
            label={t('admin.settings.payments.saveKeys')}
          />
        </form>
      )}
    </GatewayCard>
  );
}

/** Configured from the settings: new keys replace the stored ones, which are never shown. */
function KeysKept() {
  const { t } = useTranslation();
  return (
    <p className="flex items-start gap-2 text-sm text-muted-foreground">
      <Lock aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      {t('admin.settings.payments.keysKept')}
    </p>
  );
}

const mercadoPagoSchema = z
  .object({
    accessToken: secret,
    webhookSecret: secret,
    remove: z.boolean(),
    currency: z
      .string()
      .trim()
      .refine((value) => /^[A-Za-z]{3}$/.test(value), 'validation.currency'),
    exchangeRate: z
      .string()
      .trim()
      .refine((value) => {
        const n = Number(value.replace(',', '.'));
        return /^\d+([.,]\d+)?$/.test(value) && n > 0;
      }, 'validation.exchangeRate'),
  })
  .refine((v) => v.accessToken !== '' || v.webhookSecret === '', {
    // The API stores the webhook secret only together with an access token.
    path: ['accessToken'],
    message: 'validation.required',
  });
type MercadoPagoValues = z.infer<typeof mercadoPagoSchema>;

function MercadoPagoCard({ settings }: { settings: PaymentSettings['mercadopago'] }) {
  const { t } = useTranslation();
  const site = useSite();
  const storeCurrency = site.data?.currency ?? 'USD';
  const values = (s: PaymentSettings['mercadopago']): MercadoPagoValues => ({
    accessToken: '',
    webhookSecret: '',
    remove: false,
    currency: s.currency,
    exchangeRate: String(s.exchangeRate),
  });
  const { form, mutation, submit } = useGatewayForm(mercadoPagoSchema, values(settings));
  const { errors } = form.formState;
  const source = settings.source;
  const name = t('admin.settings.payments.mercadopago.name');
  const currency = form.watch('currency').trim().toUpperCase() || settings.currency;
  return (
    <GatewayCard
      id="mercadopago"
      title={name}
      text={t('admin.settings.payments.mercadopago.text')}
      badge={<SourceBadge source={source} />}
    >
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={submit(
          (v) => {
            const body: NonNullable<PaymentSettingsUpdate['mercadopago']> = {
              currency: v.currency.toUpperCase(),
              exchangeRate: Number(v.exchangeRate.replace(',', '.')),
            };
            if (source !== 'env' && v.remove) Object.assign(body, { accessToken: '', webhookSecret: '' });
            else if (source !== 'env' && v.accessToken)
              Object.assign(body, { accessToken: v.accessToken, webhookSecret: v.webhookSecret });
            return { mercadopago: body };
          },
          (saved) => values(saved.mercadopago),
        )}
      >
        {source === 'env' ? <EnvKeys /> : source === 'settings' ? <KeysKept /> : null}
        {source !== 'env' && (
          <>
            <PasswordField
              label={t('admin.settings.payments.mercadopago.accessToken')}
              hint={
                source === 'settings'
                  ? t('admin.settings.payments.keepHint')
                  : t('admin.settings.payments.mercadopago.accessTokenHint')
              }
              optional
              autoComplete="new-password"
              spellCheck={false}
              error={errors.accessToken?.message}
              {...form.register('accessToken')}
            />
            <PasswordField
              label={t('admin.settings.payments.mercadopago.webhookSecret')}
              hint={t('admin.settings.payments.mercadopago.webhookSecretHint')}
              optional
              autoComplete="new-password"
              spellCheck={false}
              error={errors.webhookSecret?.message}
              {...form.register('webhookSecret')}
            />
          </>
        )}
        <div className="grid gap-4 sm:grid-cols-[8rem_minmax(0,1fr)]">
          <TextField
            label={t('admin.settings.payments.mercadopago.currency')}
            maxLength={3}
            autoComplete="off"
            className="[&_input]:uppercase"
            error={errors.currency?.message}
            {...form.register('currency')}
          />
          <TextField
            label={t('admin.settings.payments.mercadopago.exchangeRate')}
            hint={t('admin.settings.payments.mercadopago.exchangeRateHint', {
              store: storeCurrency,
              currency,
            })}
            inputMode="decimal"
            autoComplete="off"
            error={errors.exchangeRate?.message}
            {...form.register('exchangeRate')}
          />
        </div>
        <WebhookUrl gateway="mercadopago" />
        {source === 'settings' && <RemoveKeys form={form} name={name} />}
        <GatewayFormFooter
          mutation={mutation}
          saved={t('admin.settings.payments.saved', { name })}
          label={t('admin.settings.payments.save')}
        />
      </form>
    </GatewayCard>
  );
}

const payPalSchema = z
  .object({
    clientId: secret,
    clientSecret: secret,
    webhookId: secret,
    mode: z.enum(['live', 'sandbox']),
    remove: z.boolean(),
  })
  .refine((v) => v.remove || v.clientId !== '', { path: ['clientId'], message: 'validation.required' })
  .refine((v) => v.remove || v.clientSecret !== '', {
    path: ['clientSecret'],
    message: 'validation.required',
  });
type PayPalValues = z.infer<typeof payPalSchema>;
const payPalEmpty: PayPalValues = {
  clientId: '',
  clientSecret: '',
  webhookId: '',
  mode: 'live',
  remove: false,
};

function PayPalCard({ source }: { source: GatewaySource }) {
  const { t } = useTranslation();
  const { form, mutation, submit } = useGatewayForm(payPalSchema, payPalEmpty);
  const { errors } = form.formState;
  const name = t('admin.settings.payments.paypal.name');
  return (
    <GatewayCard
      id="paypal"
      title={name}
      text={t('admin.settings.payments.paypal.text')}
      badge={<SourceBadge source={source} />}
    >
      {source === 'env' ? (
        <div className="flex flex-col gap-4">
          <EnvKeys />
          <WebhookUrl gateway="paypal" />
        </div>
      ) : (
        <form
          noValidate
          className="flex flex-col gap-4"
          onSubmit={submit(
            (v) => ({
              paypal: v.remove
                ? { clientId: '', clientSecret: '', webhookId: '', mode: 'live' }
                : {
                    clientId: v.clientId,
                    clientSecret: v.clientSecret,
                    webhookId: v.webhookId,
                    mode: v.mode,
                  },
            }),
            () => payPalEmpty,
          )}
        >
          {source === 'settings' && <KeysKept />}
          <PasswordField
            label={t('admin.settings.payments.paypal.clientId')}
            autoComplete="new-password"
            spellCheck={false}
            error={errors.clientId?.message}
            {...form.register('clientId')}
          />
          <PasswordField
            label={t('admin.settings.payments.paypal.clientSecret')}
            autoComplete="new-password"
            spellCheck={false}
            error={errors.clientSecret?.message}
            {...form.register('clientSecret')}
          />
          <div className="flex flex-col gap-4">
            <TextField
              label={t('admin.settings.payments.paypal.webhookId')}
              hint={t('admin.settings.payments.paypal.webhookIdHint')}
              optional
              autoComplete="off"
              spellCheck={false}
              error={errors.webhookId?.message}
              {...form.register('webhookId')}
            />
            <SelectField
              label={t('admin.settings.payments.paypal.mode')}
              hint={t('admin.settings.payments.paypal.modeHint')}
              error={errors.mode?.message}
              {...form.register('mode')}
            >
              <option value="live">{t('admin.settings.payments.paypal.live')}</option>
              <option value="sandbox">{t('admin.settings.payments.paypal.sandboxMode')}</option>
            </SelectField>
          </div>
          <WebhookUrl gateway="paypal" />
          {source === 'settings' && <RemoveKeys form={form} name={name} />}
          <GatewayFormFooter
            mutation={mutation}
            saved={t('admin.settings.payments.keysSaved', { name })}
            label={t('admin.settings.payments.saveKeys')}
          />
        </form>
      )}
    </GatewayCard>
  );
}

/** The API's rules for the bank details (settings.registry.ts payments.bankTransfer.details). */
const bankSchema = z.object({
  enabled: z.boolean(),
  bankName: z.string().trim().max(100, 'validation.tooLong'),
  accountHolder: z.string().trim().max(200, 'validation.tooLong'),
  accountNumber: z.string().trim().max(100, 'validation.tooLong'),
  swift: z.string().trim().max(20, 'validation.tooLong'),
  note: z.string().trim().max(500, 'validation.tooLong'),
});
type BankValues = z.infer<typeof bankSchema>;
const BANK_FIELDS = ['bankName', 'accountHolder', 'accountNumber', 'swift'] as const;

function BankTransferCard({ settings }: { settings: PaymentSettings['bankTransfer'] }) {
  const { t } = useTranslation();
  const values = (s: PaymentSettings['bankTransfer']): BankValues => ({ enabled: s.enabled, ...s.details });
  const { form, mutation, submit } = useGatewayForm(bankSchema, values(settings));
  const { errors } = form.formState;
  const name = t('admin.settings.payments.bank.name');
  return (
    <GatewayCard
      id="bank"
      title={name}
      text={t('admin.settings.payments.bank.text')}
      badge={
        <Badge tone={settings.enabled ? 'success' : 'neutral'} data-testid="bank-state">
          {settings.enabled ? <CheckCircle2 aria-hidden="true" /> : <CircleDashed aria-hidden="true" />}
          {settings.enabled ? t('admin.settings.payments.bank.on') : t('admin.settings.payments.bank.off')}
        </Badge>
      }
    >
      <form
        noValidate
        data-testid="bank-transfer-settings"
        className="flex flex-col gap-4"
        onSubmit={submit(
          ({ enabled, ...details }) => {
            const body: BankTransferDetails = details;
            return { bankTransfer: { enabled, details: body } };
          },
          (saved) => values(saved.bankTransfer),
        )}
      >
        <CheckboxField
          label={t('admin.settings.payments.bank.enabled')}
          hint={t('admin.settings.payments.bank.enabledHint')}
          {...form.register('enabled')}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          {BANK_FIELDS.map((field) => (
            <TextField
              key={field}
              label={t(`admin.settings.payments.bank.${field}`)}
              autoComplete="off"
              error={errors[field]?.message}
              {...form.register(field)}
            />
          ))}
        </div>
        <TextareaField
          label={t('admin.settings.payments.bank.note')}
          hint={t('admin.settings.payments.bank.noteHint')}
          optional
          rows={2}
          className="[&_textarea]:min-h-16 [&_textarea]:font-sans [&_textarea]:break-normal"
          error={errors.note?.message}
          {...form.register('note')}
        />
        <GatewayFormFooter
          mutation={mutation}
          saved={t('admin.settings.payments.bank.saved')}
          label={t('admin.settings.payments.bank.save')}
        />
      </form>
    </GatewayCard>
  );
}
