import type { Config } from '../../config.ts';
import {
  createPaymentGateways,
  paymentGatewayOptionsFromEnv,
  type GatewayProvider,
  type PaymentGateways,
} from '../../integrations/payments/index.ts';
import type { SettingsService } from '../../settings/settings.service.ts';

export type GatewaySource = 'env' | 'settings' | null;

/** Settings are re-read at most this often, so a key saved on another instance is picked up without a restart. */
const TTL_MS = 30_000;

/**
 * The enabled payment gateways: credentials from the environment win; a provider the environment does not configure
 * can be configured by the admin in the settings (stored encrypted). `invalidate()` after the admin saves them.
 */
export function createGatewayResolver(deps: {
  config: Config;
  settings: SettingsService;
  override?: PaymentGateways;
}) {
  let cache: {
    at: number;
    value: Promise<{ gateways: PaymentGateways; sources: Record<GatewayProvider, GatewaySource> }>;
  } | null = null;

  async function build() {
    if (deps.override) {
      const sources = { stripe: null, mercadopago: null, paypal: null } as Record<
        GatewayProvider,
        GatewaySource
      >;
      for (const id of Object.keys(deps.override) as GatewayProvider[]) sources[id] = 'env';
      return { gateways: deps.override, sources };
    }
    const env = paymentGatewayOptionsFromEnv(deps.config);
    const s = await deps.settings.getMany([
      'payments.stripe.credentials',
      'payments.mercadopago.credentials',
      'payments.paypal.credentials',
    ]);
    const fromSettings = paymentGatewayOptionsFromEnv({
      STRIPE_SECRET_KEY: s['payments.stripe.credentials'].secretKey || undefined,
      STRIPE_WEBHOOK_SECRET: s['payments.stripe.credentials'].webhookSecret || undefined,
      MERCADOPAGO_ACCESS_TOKEN: s['payments.mercadopago.credentials'].accessToken || undefined,
      MERCADOPAGO_WEBHOOK_SECRET: s['payments.mercadopago.credentials'].webhookSecret || undefined,
      PAYPAL_CLIENT_ID: s['payments.paypal.credentials'].clientId || undefined,
      PAYPAL_CLIENT_SECRET: s['payments.paypal.credentials'].clientSecret || undefined,
      PAYPAL_WEBHOOK_ID: s['payments.paypal.credentials'].webhookId || undefined,
      PAYPAL_MODE: s['payments.paypal.credentials'].mode,
    });
    const options = { ...fromSettings, ...env };
    const sources = {} as Record<GatewayProvider, GatewaySource>;
    for (const id of ['stripe', 'mercadopago', 'paypal'] as const) {
      sources[id] = env[id] ? 'env' : fromSettings[id] ? 'settings' : null;
    }
    return { gateways: createPaymentGateways(options), sources };
  }

  function current() {
    const now = Date.now();
    if (!cache || now - cache.at > TTL_MS) cache = { at: now, value: build() };
    return cache.value;
  }

  return {
    async gateways(): Promise<PaymentGateways> {
      return (await current()).gateways;
    },
    async sources(): Promise<Record<GatewayProvider, GatewaySource>> {
      return (await current()).sources;
    },
    /** Demo mode: sandbox payments exist only while no real gateway is configured. */
    async sandboxEnabled(): Promise<boolean> {
      return Object.keys((await current()).gateways).length === 0;
    },
    invalidate(): void {
      cache = null;
    },
  };
}

export type GatewayResolver = ReturnType<typeof createGatewayResolver>;
