// The three card-payment gateways described as data: which keys each takes (labels, hints, which are secret, which
// are required), what "remove the stored keys" sends, and whether it has settings beyond its keys (Mercado Pago's
// currency and exchange rate). One card (GatewayCard.tsx) renders any of them; the rules below build its form's
// schema, its starting values and the body of `PUT /api/admin/settings/payments`.
import type { ParseKeys } from 'i18next';
import { z } from 'zod';
import type { GatewayId, GatewaySource, PaymentSettingsUpdate } from '../../../api/models.ts';

export type GatewayField = {
  name: string;
  label: ParseKeys;
  hint?: ParseKeys;
  /** Shown instead of `hint` while keys are stored in the settings (an empty field keeps the stored one). */
  keptHint?: ParseKeys;
  /** Write-only: a password input, never filled from the API (which never returns it). */
  secret: boolean;
  /** Needed whenever keys are saved (not when the stored ones are removed); optional fields say so. */
  required: boolean;
  /** A fixed choice instead of free text; the first option is the value a removal sends. */
  options?: ReadonlyArray<{ value: string; label: ParseKeys }>;
  /** Only stored together with this other field: typing this one alone flags the other as required. */
  storedWith?: string;
};

export type GatewayDescription = {
  id: GatewayId;
  name: ParseKeys;
  text: ParseKeys;
  fields: readonly GatewayField[];
  /** Settings besides the keys (charge currency and exchange rate): the form shows even with environment keys. */
  exchange: boolean;
  saveLabel: ParseKeys;
  savedMessage: ParseKeys;
};

const P = 'admin.settings.payments';

export const GATEWAYS: readonly GatewayDescription[] = [
  {
    id: 'stripe',
    name: `${P}.stripe.name`,
    text: `${P}.stripe.text`,
    fields: [
      {
        name: 'secretKey',
        label: `${P}.stripe.secretKey`,
        hint: `${P}.stripe.secretKeyHint`,
        secret: true,
        required: true,
      },
      {
        name: 'webhookSecret',
        label: `${P}.stripe.webhookSecret`,
        hint: `${P}.stripe.webhookSecretHint`,
        secret: true,
        required: true,
      },
    ],
    exchange: false,
    saveLabel: `${P}.saveKeys`,
    savedMessage: `${P}.keysSaved`,
  },
  {
    id: 'mercadopago',
    name: `${P}.mercadopago.name`,
    text: `${P}.mercadopago.text`,
    fields: [
      {
        name: 'accessToken',
        label: `${P}.mercadopago.accessToken`,
        hint: `${P}.mercadopago.accessTokenHint`,
        keptHint: `${P}.keepHint`,
        secret: true,
        required: false,
      },
      {
        name: 'webhookSecret',
        label: `${P}.mercadopago.webhookSecret`,
        hint: `${P}.mercadopago.webhookSecretHint`,
        secret: true,
        required: false,
        // The API stores the webhook secret only together with an access token.
        storedWith: 'accessToken',
      },
    ],
    exchange: true,
    saveLabel: `${P}.save`,
    savedMessage: `${P}.saved`,
  },
  {
    id: 'paypal',
    name: `${P}.paypal.name`,
    text: `${P}.paypal.text`,
    fields: [
      { name: 'clientId', label: `${P}.paypal.clientId`, secret: true, required: true },
      { name: 'clientSecret', label: `${P}.paypal.clientSecret`, secret: true, required: true },
      {
        name: 'webhookId',
        label: `${P}.paypal.webhookId`,
        hint: `${P}.paypal.webhookIdHint`,
        secret: false,
        required: false,
      },
      {
        name: 'mode',
        label: `${P}.paypal.mode`,
        hint: `${P}.paypal.modeHint`,
        secret: false,
        required: false,
        options: [
          { value: 'live', label: `${P}.paypal.live` },
          { value: 'sandbox', label: `${P}.paypal.sandboxMode` },
        ],
      },
    ],
    exchange: false,
    saveLabel: `${P}.saveKeys`,
    savedMessage: `${P}.keysSaved`,
  },
];

/** A gateway form's values: one string per key field, `remove`, and `currency`/`exchangeRate` when it has them. */
export type GatewayValues = { remove: boolean } & Record<string, string | boolean>;

/** What a field holds when empty (and what a removal sends): the first option of a choice, else ''. */
export const emptyValue = (field: GatewayField): string => field.options?.[0]?.value ?? '';

export type GatewayState = { source: GatewaySource; currency?: string; exchangeRate?: number };

/** Starting values: key fields empty (stored keys are never shown), the exchange settings as stored. */
export function gatewayValues(gateway: GatewayDescription, state: GatewayState): GatewayValues {
  const values: GatewayValues = { remove: false };
  for (const field of gateway.fields) values[field.name] = emptyValue(field);
  if (gateway.exchange) {
    values.currency = state.currency ?? '';
    values.exchangeRate = String(state.exchangeRate ?? '');
  }
  return values;
}

const secretText = z.string().trim().max(300, 'validation.tooLong');
const currencyCode = z
  .string()
  .trim()
  .refine((value) => /^[A-Za-z]{3}$/.test(value), 'validation.currency');
const exchangeRate = z
  .string()
  .trim()
  .refine(
    (value) => /^\d+([.,]\d+)?$/.test(value) && Number(value.replace(',', '.')) > 0,
    'validation.exchangeRate',
  );

/** The form's checks, the API's rules as far as the browser can see them (messages are i18n keys). */
export function gatewaySchema(gateway: GatewayDescription): z.ZodType<GatewayValues, GatewayValues> {
  const shape: Record<string, z.ZodType> = { remove: z.boolean() };
  for (const field of gateway.fields) {
    const options = field.options?.map((option) => option.value);
    shape[field.name] = options?.length ? z.enum(options as [string, ...string[]]) : secretText;
  }
  if (gateway.exchange) Object.assign(shape, { currency: currencyCode, exchangeRate });
  return z.object(shape).superRefine((values, ctx) => {
    for (const field of gateway.fields) {
      const filled = values[field.name] !== '';
      if (field.required && !values.remove && !filled)
        ctx.addIssue({ code: 'custom', path: [field.name], message: 'validation.required' });
      if (field.storedWith && filled && values[field.storedWith] === '')
        ctx.addIssue({ code: 'custom', path: [field.storedWith], message: 'validation.required' });
    }
  }) as unknown as z.ZodType<GatewayValues, GatewayValues>;
}

/**
 * The update for one gateway. Keys are sent only when they are not the environment's: empty ones when the stored
 * keys are removed, the typed ones when the first key was typed (gateways with optional keys keep the stored ones
 * otherwise). Currency and exchange rate always go when the gateway has them.
 */
export function gatewayUpdate(
  gateway: GatewayDescription,
  source: GatewaySource,
  values: GatewayValues,
): PaymentSettingsUpdate {
  const body: Record<string, string | number> = {};
  if (gateway.exchange) {
    body.currency = String(values.currency).toUpperCase();
    body.exchangeRate = Number(String(values.exchangeRate).replace(',', '.'));
  }
  const lead = gateway.fields[0];
  if (source !== 'env' && values.remove) {
    for (const field of gateway.fields) body[field.name] = emptyValue(field);
  } else if (source !== 'env' && lead && values[lead.name] !== '') {
    for (const field of gateway.fields) body[field.name] = String(values[field.name]);
  }
  return { [gateway.id]: body } as PaymentSettingsUpdate;
}
