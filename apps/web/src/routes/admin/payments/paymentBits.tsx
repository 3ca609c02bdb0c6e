import { zodResolver } from '@hookform/resolvers/zod';
import { CheckCircle2, CircleDashed, Lock } from 'lucide-react';
import { useEffect, type ReactNode } from 'react';
import { useForm, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { useUpdatePaymentSettings } from '../../../api/settings.ts';
import type {
  GatewayId,
  GatewaySource,
  PaymentSettings,
  PaymentSettingsUpdate,
} from '../../../api/models.ts';
import { CheckboxField } from '../../../components/form/fields.tsx';
import { FormError, FormSuccess, SubmitButton } from '../../../components/form/FormBits.tsx';
import { submitToMutation } from '../../../components/form/validation.ts';
import { Badge } from '../../../components/ui/Badge.tsx';
import { Card, CardContent, CardHeader, CardTitle } from '../../../components/ui/Card.tsx';
import { CopyValue } from '../../panel/servers/serverBits.tsx';

/** "Configurada (desde el entorno)", "Configurada (desde los ajustes)" or "Sin configurar". */
export function SourceBadge({ source }: { source: GatewaySource }) {
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

/** The card around one way of paying: title, state badge, what it is. */
export function PaymentCardFrame({
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
export function WebhookUrl({ gateway }: { gateway: GatewayId }) {
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
export function EnvKeys() {
  const { t } = useTranslation();
  return (
    <p className="flex items-start gap-2 rounded-lg bg-muted/60 p-3 text-sm" data-testid="env-keys">
      <Lock aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      {t('admin.settings.payments.envKeys')}
    </p>
  );
}

/** Configured from the settings: new keys replace the stored ones, which are never shown. */
export function KeysKept() {
  const { t } = useTranslation();
  return (
    <p className="flex items-start gap-2 text-sm text-muted-foreground">
      <Lock aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      {t('admin.settings.payments.keysKept')}
    </p>
  );
}

/** A form of one payment method: saves only its part of the settings, and clears the typed keys once stored. */
export function usePaymentForm<V extends FieldValues>(schema: z.ZodType<V, V>, defaults: V) {
  const mutation = useUpdatePaymentSettings();
  const form = useForm<V>({ resolver: zodResolver(schema), defaultValues: defaults as never });
  const { isDirty } = form.formState;
  useEffect(() => {
    if (isDirty) mutation.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [isDirty]);
  const submit = (toBody: (values: V) => PaymentSettingsUpdate, after: (saved: PaymentSettings) => V) =>
    submitToMutation(form, mutation, {
      input: toBody,
      onSuccess: (saved) => form.reset(after(saved)),
      fields: Object.keys(defaults) as Path<V>[],
    });
  return { form, mutation, submit };
}

export function PaymentFormFooter({
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
export function RemoveKeys<V extends FieldValues>({ form, name }: { form: UseFormReturn<V>; name: string }) {
  const { t } = useTranslation();
  return (
    <CheckboxField
      label={t('admin.settings.payments.remove')}
      hint={t('admin.settings.payments.removeHint', { name })}
      {...form.register('remove' as Path<V>)}
    />
  );
}
