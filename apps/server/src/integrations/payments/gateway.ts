/**
 * The one contract every payment provider adapter implements (Stripe Checkout, MercadoPago Checkout Pro, PayPal
 * Orders v2). The orders/payments service talks only to `PaymentGateway`; adapters live next to this file and a local
 * fake of each provider's HTTP API lives in `fakes/`.
 *
 * Trust model: a redirect back from the provider or a webhook is only a *hint*. The service always confirms through
 * `fetchPayment` / `confirmOnReturn` (server-to-server) and must compare `paymentId`, `amountMinor` and `currency` of
 * the returned `GatewayPayment` with its own record before marking anything paid.
 */
export type GatewayProvider = 'stripe' | 'mercadopago' | 'paypal';

export interface CheckoutRequest {
  /** Our transaction id (uuid): idempotency key + external reference on the provider side. */
  paymentId: string;
  /** Integer minor units in `currency`. */
  amountMinor: number;
  /** ISO 4217, upper case (USD, EUR, ARS, COP, MXN, CLP, BRL, PEN, UYU …). */
  currency: string;
  /** e.g. "Pedido CV-2026-000042 — VPS 10 NVMe, 12 meses". */
  description: string;
  customerEmail: string;
  /** Customer comes back here after paying (we confirm server-side there). */
  returnUrl: string;
  cancelUrl: string;
  /** Webhook URL for providers that take it per request (MercadoPago). */
  notificationUrl?: string;
  locale?: 'es' | 'en';
}

export interface CheckoutSession {
  /**
   * Stripe: checkout session id. PayPal: order id. MercadoPago: *preference* id — not a payment; the payment id
   * arrives on return (`payment_id` query parameter) and in webhooks.
   */
  providerTxId: string;
  redirectUrl: string;
  raw: Record<string, unknown>;
}

export type GatewayPaymentStatus = 'pending' | 'succeeded' | 'failed' | 'cancelled';

export interface GatewayPayment {
  /** Stripe checkout session id / MercadoPago payment id / PayPal order id. */
  providerTxId: string;
  /** Our id read back from the provider (client_reference_id / external_reference / custom_id). */
  paymentId: string | null;
  status: GatewayPaymentStatus;
  amountMinor: number;
  currency: string;
  raw: Record<string, unknown>;
}

export interface GatewayWebhookEvent {
  eventId: string;
  type: string;
  providerTxId: string | null;
  paymentId: string | null;
  raw: Record<string, unknown>;
}

export type WebhookHeaders = Record<string, string | string[] | undefined>;

export interface RefundRequest {
  /** The `providerTxId` of the settled payment: Stripe checkout session id / MercadoPago payment id / PayPal order id. */
  providerTxId: string;
  /** Integer minor units in `currency`, > 0. Partial refunds are fine; their sum may not exceed what was paid. */
  amountMinor: number;
  /** ISO 4217, upper case; must be the payment's currency. */
  currency: string;
  /**
   * One key per logical refund (e.g. our refund record's uuid). Retrying with the same key and the same input returns
   * the same refund and never refunds twice; a second refund of the same payment needs a new key.
   */
  idempotencyKey: string;
  /** Free text for our records; forwarded where the provider has a field for it (Stripe metadata, PayPal note_to_payer). */
  reason?: string;
}

/** `pending`: accepted, money not yet back (Stripe pending/requires_action, MercadoPago in_process, PayPal PENDING). */
export type GatewayRefundStatus = 'succeeded' | 'pending' | 'failed';

export interface GatewayRefund {
  /** Stripe `re_…` / MercadoPago refund id / PayPal refund id. */
  refundId: string;
  status: GatewayRefundStatus;
  /** What the provider says it refunded, in minor units of `currency`. */
  amountMinor: number;
  currency: string;
  raw: Record<string, unknown>;
}

export interface PaymentGateway {
  readonly provider: GatewayProvider;
  createCheckout(req: CheckoutRequest): Promise<CheckoutSession>;
  /** Server-side confirmation: asks the provider for the current state (on return and after every webhook). */
  fetchPayment(providerTxId: string): Promise<GatewayPayment>;
  /** Finalises an approved payment where the provider needs it (PayPal capture); idempotent; others return fetchPayment. */
  confirmOnReturn(providerTxId: string, query: Record<string, string>): Promise<GatewayPayment>;
  /** Verifies the webhook the way the provider signs it; throws WebhookSignatureError on a bad/missing signature. */
  verifyWebhook(
    headers: WebhookHeaders,
    rawBody: Buffer,
    query: Record<string, string>,
  ): Promise<GatewayWebhookEvent>;
  /**
   * Refunds (part of) a settled payment, idempotent per `idempotencyKey`. A provider refusal — including an amount
   * above what is left to refund (`GatewayError`, not retryable, message says so) — throws; a refund the provider
   * accepted but reports as failed comes back with status `failed`.
   */
  refund(req: RefundRequest): Promise<GatewayRefund>;
  /**
   * Ends a checkout that a newer one replaced, so it can no longer be paid: Stripe expires the session, MercadoPago
   * expires the preference, PayPal (Orders v2 has no cancel) is only checked — its orders are paid by our capture,
   * which the service never runs for a replaced checkout. `not_open` when it is past that point (already paid,
   * completed or expired): a payment that still arrives is refunded by the service.
   */
  expireCheckout(providerTxId: string): Promise<ExpireOutcome>;
}

export type ExpireOutcome = 'expired' | 'not_open';

/** The webhook is not authentic (bad or missing signature, tampered body). Answer 400/401; never retry. */
export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

/**
 * The provider failed or refused a call. `retryable` is true for timeouts, network errors, 429 and 5xx: the caller
 * (a job, or a webhook answered with 5xx so the provider redelivers) may try again with the same idempotency key.
 */
export class GatewayError extends Error {
  constructor(
    message: string,
    readonly provider: GatewayProvider,
    readonly status?: number,
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

/** Rejects requests no provider should see (bad amounts, currency codes, URLs) before any network call. */
export function assertCheckoutRequest(provider: GatewayProvider, req: CheckoutRequest): void {
  const problems: string[] = [];
  if (!req.paymentId) problems.push('paymentId is required');
  if (!Number.isSafeInteger(req.amountMinor) || req.amountMinor <= 0) {
    problems.push(`amountMinor must be a positive integer, got ${req.amountMinor}`);
  }
  if (!/^[A-Z]{3}$/.test(req.currency))
    problems.push(`currency must be an upper-case ISO 4217 code, got "${req.currency}"`);
  for (const key of ['returnUrl', 'cancelUrl', 'notificationUrl'] as const) {
    const value = req[key];
    if (value === undefined && key === 'notificationUrl') continue;
    if (!value || !URL.canParse(value)) problems.push(`${key} must be an absolute URL`);
  }
  if (problems.length) {
    throw new GatewayError(`Invalid checkout request: ${problems.join('; ')}`, provider, undefined, false);
  }
}

/** Rejects refund requests no provider should see, before any network call. */
export function assertRefundRequest(provider: GatewayProvider, req: RefundRequest): void {
  const problems: string[] = [];
  if (!req.providerTxId) problems.push('providerTxId is required');
  if (!Number.isSafeInteger(req.amountMinor) || req.amountMinor <= 0) {
    problems.push(`amountMinor must be a positive integer, got ${req.amountMinor}`);
  }
  if (!/^[A-Z]{3}$/.test(req.currency))
    problems.push(`currency must be an upper-case ISO 4217 code, got "${req.currency}"`);
  if (!req.idempotencyKey) problems.push('idempotencyKey is required');
  if (problems.length) {
    throw new GatewayError(`Invalid refund request: ${problems.join('; ')}`, provider, undefined, false);
  }
}

/**
 * An adapter with its requests checked first (`assertCheckoutRequest`, `assertRefundRequest`): a bad amount, currency
 * or URL rejects before the adapter makes any call. Every adapter's factory returns its gateway through this.
 */
export function checkedGateway(gateway: PaymentGateway): PaymentGateway {
  return {
    ...gateway,
    async createCheckout(req) {
      assertCheckoutRequest(gateway.provider, req);
      return gateway.createCheckout(req);
    },
    async refund(req) {
      assertRefundRequest(gateway.provider, req);
      return gateway.refund(req);
    },
  };
}

/** The refund asks for more than is left to refund on the payment (already refunded in full, or partly). */
export function refundExceedsError(
  provider: GatewayProvider,
  req: RefundRequest,
  status: number | undefined,
  detail: string,
): GatewayError {
  return new GatewayError(
    `${provider} refused the refund of ${req.amountMinor} ${req.currency} (minor units) on ${req.providerTxId}: ` +
      `it exceeds the amount still refundable${detail ? ` (${detail})` : ''}`,
    provider,
    status,
    false,
  );
}

/** Default timeout for one provider call, including connection set-up. */
export const DEFAULT_GATEWAY_TIMEOUT_MS = 15_000;

/** Reads one header case-insensitively (node lower-cases them, tests may not); the first value of a repeated one. */
export function headerValue(headers: WebhookHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    const first = Array.isArray(value) ? value[0] : value;
    const trimmed = first?.trim();
    return trimmed ? trimmed : undefined;
  }
  return undefined;
}
