import type { UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useSite } from '../../../api/catalog.ts';
import type { GatewaySource } from '../../../api/models.ts';
import { PasswordField, SelectField, TextField } from '../../../components/form/fields.tsx';
import {
  gatewaySchema,
  gatewayUpdate,
  gatewayValues,
  type GatewayDescription,
  type GatewayField,
  type GatewayState,
  type GatewayValues,
} from './gateways.ts';
import {
  EnvKeys,
  KeysKept,
  PaymentCardFrame,
  PaymentFormFooter,
  RemoveKeys,
  SourceBadge,
  usePaymentForm,
  WebhookUrl,
} from './paymentBits.tsx';

/**
 * One card-payment gateway, drawn from its description (gateways.ts): its keys are written only (never shown), keys
 * from the server's environment cannot be changed here, stored ones can be replaced or removed.
 */
export function GatewayCard({ gateway, state }: { gateway: GatewayDescription; state: GatewayState }) {
  const { t } = useTranslation();
  const { form, mutation, submit } = usePaymentForm(gatewaySchema(gateway), gatewayValues(gateway, state));
  const { source } = state;
  const name = t(gateway.name);
  return (
    <PaymentCardFrame
      id={gateway.id}
      title={name}
      text={t(gateway.text)}
      badge={<SourceBadge source={source} />}
    >
      {source === 'env' && !gateway.exchange ? (
        <div className="flex flex-col gap-4">
          <EnvKeys />
          <WebhookUrl gateway={gateway.id} />
        </div>
      ) : (
        <form
          noValidate
          className="flex flex-col gap-4"
          onSubmit={submit(
            (values) => gatewayUpdate(gateway, source, values),
            (saved) => gatewayValues(gateway, saved[gateway.id]),
          )}
        >
          {source === 'env' ? <EnvKeys /> : source === 'settings' ? <KeysKept /> : null}
          {source !== 'env' &&
            gateway.fields.map((field) => (
              <KeyField key={field.name} field={field} source={source} form={form} />
            ))}
          {gateway.exchange && <ExchangeFields form={form} storedCurrency={state.currency ?? ''} />}
          <WebhookUrl gateway={gateway.id} />
          {source === 'settings' && <RemoveKeys form={form} name={name} />}
          <PaymentFormFooter
            mutation={mutation}
            saved={t(gateway.savedMessage, { name })}
            label={t(gateway.saveLabel)}
          />
        </form>
      )}
    </PaymentCardFrame>
  );
}

function KeyField({
  field,
  source,
  form,
}: {
  field: GatewayField;
  source: GatewaySource;
  form: UseFormReturn<GatewayValues>;
}) {
  const { t } = useTranslation();
  const error = form.formState.errors[field.name]?.message;
  const hintKey = source === 'settings' && field.keptHint ? field.keptHint : field.hint;
  const hint = hintKey ? t(hintKey) : undefined;
  if (field.options)
    return (
      <SelectField label={t(field.label)} hint={hint} error={error} {...form.register(field.name)}>
        {field.options.map((option) => (
          <option key={option.value} value={option.value}>
            {t(option.label)}
          </option>
        ))}
      </SelectField>
    );
  const Input = field.secret ? PasswordField : TextField;
  return (
    <Input
      label={t(field.label)}
      hint={hint}
      optional={!field.required}
      autoComplete={field.secret ? 'new-password' : 'off'}
      spellCheck={false}
      error={error}
      {...form.register(field.name)}
    />
  );
}

/** The currency a gateway charges in and how many of it one unit of the store's currency makes. */
function ExchangeFields({
  form,
  storedCurrency,
}: {
  form: UseFormReturn<GatewayValues>;
  storedCurrency: string;
}) {
  const { t } = useTranslation();
  const site = useSite();
  const storeCurrency = site.data?.currency ?? 'USD';
  const { errors } = form.formState;
  const currency = String(form.watch('currency')).trim().toUpperCase() || storedCurrency;
  return (
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
  );
}
