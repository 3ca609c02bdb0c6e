import type { GatewayProvider, PaymentGateway } from './gateway.ts';
import { createMercadoPagoGateway, type MercadoPagoGatewayOptions } from './mercadopago.ts';
import { createPayPalGateway, type PayPalGatewayOptions } from './paypal.ts';
import { createStripeGateway, type StripeGatewayOptions } from './stripe.ts';

/**
 * Payment gateways: `createPaymentGateways(options)` builds an adapter for each configured provider. Tests point
 * the same adapters at the local fakes in `./fakes/index.ts` (`startPaymentFakes().gatewayOptions()`).
 */
export * from './gateway.ts';
export { majorToMinor, minorToMajor, currencyDigits } from './amounts.ts';
export { createStripeGateway, type StripeGatewayOptions } from './stripe.ts';
export { createMercadoPagoGateway, type MercadoPagoGatewayOptions } from './mercadopago.ts';
export { createPayPalGateway, PAYPAL_CURRENCIES, type PayPalGatewayOptions } from './paypal.ts';

export interface PaymentGatewaysOptions {
  stripe?: StripeGatewayOptions;
  mercadopago?: MercadoPagoGatewayOptions;
  paypal?: PayPalGatewayOptions;
  /** Applied to every adapter that does not set its own `timeoutMs`. */
  timeoutMs?: number;
}

export type PaymentGateways = Partial<Record<GatewayProvider, PaymentGateway>>;

/** Only the providers present in `options` get an adapter. */
export function createPaymentGateways(options: PaymentGatewaysOptions): PaymentGateways {
  const gateways: PaymentGateways = {};
  const timeout = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  if (options.stripe) gateways.stripe = createStripeGateway({ ...timeout, ...options.stripe });
  if (options.mercadopago)
    gateways.mercadopago = createMercadoPagoGateway({ ...timeout, ...options.mercadopago });
  if (options.paypal) gateways.paypal = createPayPalGateway({ ...timeout, ...options.paypal });
  return gateways;
}

/** The environment variables the platform already reads (a subset of `Config`; pass the config object itself). */
export interface PaymentEnv {
  STRIPE_SECRET_KEY?: string;
  STRIPE_WEBHOOK_SECRET?: string;
  MERCADOPAGO_ACCESS_TOKEN?: string;
  MERCADOPAGO_WEBHOOK_SECRET?: string;
  PAYPAL_CLIENT_ID?: string;
  PAYPAL_CLIENT_SECRET?: string;
  PAYPAL_WEBHOOK_ID?: string;
  PAYPAL_MODE?: 'sandbox' | 'live';
}

/**
 * Maps the env config to factory options: a provider is configured when its credentials are set. Stripe needs its
 * webhook secret too (config validation already insists on it); MercadoPago and PayPal work without webhook
 * credentials, rejecting every webhook and relying on the return confirmation.
 */
export function paymentGatewayOptionsFromEnv(env: PaymentEnv): PaymentGatewaysOptions {
  const options: PaymentGatewaysOptions = {};
  if (env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET) {
    options.stripe = { secretKey: env.STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET };
  }
  if (env.MERCADOPAGO_ACCESS_TOKEN) {
    options.mercadopago = {
      accessToken: env.MERCADOPAGO_ACCESS_TOKEN,
      webhookSecret: env.MERCADOPAGO_WEBHOOK_SECRET,
    };
  }
  if (env.PAYPAL_CLIENT_ID && env.PAYPAL_CLIENT_SECRET) {
    options.paypal = {
      clientId: env.PAYPAL_CLIENT_ID,
      clientSecret: env.PAYPAL_CLIENT_SECRET,
      webhookId: env.PAYPAL_WEBHOOK_ID,
      mode: env.PAYPAL_MODE ?? 'live',
    };
  }
  return options;
}
