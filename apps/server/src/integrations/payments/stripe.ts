import Stripe from 'stripe';
import {
  checkedGateway,
  DEFAULT_GATEWAY_TIMEOUT_MS,
  GatewayError,
  headerValue,
  refundExceedsError,
  WebhookSignatureError,
  type GatewayPayment,
  type GatewayPaymentStatus,
  type GatewayRefundStatus,
  type PaymentGateway,
} from './gateway.ts';
import { isRetryableStatus } from './http.ts';

/**
 * Stripe Checkout (hosted page) through the official `stripe` SDK.
 * - createCheckout → POST /v1/checkout/sessions (mode "payment", one price_data line, Idempotency-Key = paymentId)
 * - fetchPayment / confirmOnReturn → GET /v1/checkout/sessions/{id}?expand[]=payment_intent
 * - verifyWebhook → `stripe.webhooks.constructEvent` (Stripe-Signature HMAC, default 300 s tolerance)
 * - expireCheckout → POST /v1/checkout/sessions/{id}/expire (400 when it is no longer open → `not_open`)
 * - refund → GET the session (its `payment_intent`), then POST /v1/refunds with `payment_intent` + `amount`
 *   (Idempotency-Key = the refund's key); Stripe itself refuses more than the unrefunded remainder
 * Stripe amounts are already in minor units with the same decimals as ours (JPY/CLP 0, USD/COP 2), so no conversion.
 */
export interface StripeGatewayOptions {
  /** STRIPE_SECRET_KEY */
  secretKey: string;
  /** STRIPE_WEBHOOK_SECRET (whsec_…) */
  webhookSecret: string;
  /** Other API origin, e.g. the fake's `http://127.0.0.1:PORT`; split into the SDK's host/port/protocol. */
  apiBase?: string;
  timeoutMs?: number;
  /** SDK's automatic retries of network errors/409/5xx, always with the same idempotency key. Default 1. */
  maxNetworkRetries?: number;
  /** Seconds a signed webhook stays valid (replay window). Default: the SDK's 300. */
  webhookToleranceSeconds?: number;
}

const SESSION_EVENTS = new Set([
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
]);

export function createStripeGateway(options: StripeGatewayOptions): PaymentGateway {
  const stripe = new Stripe(options.secretKey, {
    timeout: options.timeoutMs ?? DEFAULT_GATEWAY_TIMEOUT_MS,
    maxNetworkRetries: options.maxNetworkRetries ?? 1,
    telemetry: false,
    appInfo: { name: 'cloud-vertice' },
    ...apiLocation(options.apiBase),
  });

  async function fetchPayment(sessionId: string): Promise<GatewayPayment> {
    const session = await call('retrieve checkout session', () =>
      stripe.checkout.sessions.retrieve(sessionId, { expand: ['payment_intent'] }),
    );
    return toGatewayPayment(session);
  }

  return checkedGateway({
    provider: 'stripe',

    async createCheckout(req) {
      const params: Stripe.Checkout.SessionCreateParams = {
        mode: 'payment',
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: req.currency.toLowerCase(),
              unit_amount: req.amountMinor,
              product_data: { name: req.description.slice(0, 250) },
            },
          },
        ],
        client_reference_id: req.paymentId,
        metadata: { paymentId: req.paymentId },
        payment_intent_data: { metadata: { paymentId: req.paymentId } },
        customer_email: req.customerEmail,
        success_url: withSessionIdTemplate(req.returnUrl),
        cancel_url: req.cancelUrl,
        locale: req.locale ?? 'auto',
      };
      const session = await call('create checkout session', () =>
        stripe.checkout.sessions.create(params, { idempotencyKey: req.paymentId }),
      );
      if (!session.url) {
        throw new GatewayError(
          `stripe checkout session ${session.id} has no url`,
          'stripe',
          undefined,
          false,
        );
      }
      return { providerTxId: session.id, redirectUrl: session.url, raw: toRecord(session) };
    },

    fetchPayment,

    async refund(req) {
      // Our providerTxId is the Checkout Session; refunds are made against its PaymentIntent.
      const session = await call('retrieve checkout session', () =>
        stripe.checkout.sessions.retrieve(req.providerTxId),
      );
      const intentId =
        typeof session.payment_intent === 'string' ? session.payment_intent : session.payment_intent?.id;
      if (!intentId) {
        throw new GatewayError(
          `stripe checkout session ${session.id} has no payment to refund (status ${session.status}, ` +
            `payment_status ${session.payment_status})`,
          'stripe',
          undefined,
          false,
        );
      }
      const currency = (session.currency ?? '').toUpperCase();
      if (currency !== req.currency) {
        throw new GatewayError(
          `stripe checkout session ${session.id} was paid in ${currency}, not ${req.currency}`,
          'stripe',
          undefined,
          false,
        );
      }
      const params: Stripe.RefundCreateParams = {
        payment_intent: intentId,
        amount: req.amountMinor,
        metadata: {
          checkoutSession: session.id,
          ...(req.reason ? { reason: req.reason.slice(0, 500) } : {}),
        },
        ...(isStripeRefundReason(req.reason) ? { reason: req.reason } : {}),
      };
      let refund: Stripe.Refund;
      try {
        refund = await stripe.refunds.create(params, { idempotencyKey: req.idempotencyKey });
      } catch (error) {
        if (isOverRefund(error)) throw refundExceedsError('stripe', req, error.statusCode, error.message);
        throw toGatewayError('create refund', error);
      }
      return {
        refundId: refund.id,
        status: stripeRefundStatus(refund.status),
        amountMinor: refund.amount,
        currency: refund.currency.toUpperCase(),
        raw: toRecord(refund),
      };
    },

    async expireCheckout(sessionId) {
      try {
        await stripe.checkout.sessions.expire(sessionId);
        return 'expired';
      } catch (error) {
        // Stripe expires only `open` sessions; a completed (paid) or already expired one answers 400.
        if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 400) {
          return 'not_open';
        }
        throw toGatewayError('expire checkout session', error);
      }
    },

    async confirmOnReturn(sessionId) {
      // Checkout captures by itself; the return only tells us to look. `session_id` in the query is the same id.
      return fetchPayment(sessionId);
    },

    async verifyWebhook(headers, rawBody) {
      const signature = headerValue(headers, 'stripe-signature');
      if (!signature) throw new WebhookSignatureError('Missing Stripe-Signature header');
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(
          rawBody,
          signature,
          options.webhookSecret,
          options.webhookToleranceSeconds,
        );
      } catch (error) {
        throw new WebhookSignatureError(
          `Invalid Stripe webhook: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      const object = (event.data as { object?: unknown }).object as Record<string, unknown> | undefined;
      const isSession = SESSION_EVENTS.has(event.type) && object?.object === 'checkout.session';
      const metadata = (object?.metadata ?? {}) as Record<string, unknown>;
      const reference = isSession ? object.client_reference_id : undefined;
      return {
        eventId: event.id,
        type: event.type,
        providerTxId: isSession && typeof object.id === 'string' ? object.id : null,
        paymentId:
          typeof reference === 'string'
            ? reference
            : typeof metadata.paymentId === 'string'
              ? metadata.paymentId
              : null,
        raw: toRecord(event),
      };
    },
  });
}

export function stripeSessionStatus(session: Stripe.Checkout.Session): GatewayPaymentStatus {
  if (session.payment_status === 'paid' || session.payment_status === 'no_payment_required')
    return 'succeeded';
  if (session.status === 'expired') return 'cancelled';
  const intent = typeof session.payment_intent === 'object' ? session.payment_intent : null;
  // A completed session that is still unpaid is an async method (boleto, OXXO, bank debit) in flight; when that
  // payment fails Stripe puts the PaymentIntent back to requires_payment_method (or cancels it).
  if (
    session.status === 'complete' &&
    intent &&
    (intent.status === 'requires_payment_method' || intent.status === 'canceled')
  ) {
    return 'failed';
  }
  return 'pending';
}

/** Refund statuses: succeeded; pending / requires_action (customer must act) still on their way; failed / canceled. */
export function stripeRefundStatus(status: string | null): GatewayRefundStatus {
  if (status === 'succeeded') return 'succeeded';
  if (status === 'failed' || status === 'canceled') return 'failed';
  return 'pending';
}

const STRIPE_REFUND_REASONS = new Set(['duplicate', 'fraudulent', 'requested_by_customer']);

/** Stripe's `reason` takes only its enum; any other text goes to metadata only. */
function isStripeRefundReason(
  reason: string | undefined,
): reason is 'duplicate' | 'fraudulent' | 'requested_by_customer' {
  return reason !== undefined && STRIPE_REFUND_REASONS.has(reason);
}

/**
 * Stripe answers 400 invalid_request_error: `charge_already_refunded` once fully refunded, and "Refund amount (…) is
 * greater than unrefunded amount on charge (…)" (code `amount_too_large`) for a partial overshoot.
 */
function isOverRefund(error: unknown): error is InstanceType<typeof Stripe.errors.StripeError> {
  if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) return false;
  return (
    error.code === 'charge_already_refunded' ||
    error.code === 'amount_too_large' ||
    /greater than (the )?unrefunded amount|already been refunded/i.test(error.message)
  );
}

function toGatewayPayment(session: Stripe.Checkout.Session): GatewayPayment {
  return {
    providerTxId: session.id,
    paymentId: session.client_reference_id ?? session.metadata?.paymentId ?? null,
    status: stripeSessionStatus(session),
    amountMinor: session.amount_total ?? 0,
    currency: (session.currency ?? '').toUpperCase(),
    raw: toRecord(session),
  };
}

/** Appends Stripe's literal `{CHECKOUT_SESSION_ID}` template (must stay unencoded), before any #fragment. */
export function withSessionIdTemplate(returnUrl: string): string {
  const hashAt = returnUrl.indexOf('#');
  const base = hashAt === -1 ? returnUrl : returnUrl.slice(0, hashAt);
  const fragment = hashAt === -1 ? '' : returnUrl.slice(hashAt);
  const separator = base.includes('?') ? (base.endsWith('?') || base.endsWith('&') ? '' : '&') : '?';
  return `${base}${separator}session_id={CHECKOUT_SESSION_ID}${fragment}`;
}

function apiLocation(apiBase: string | undefined): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
  if (!apiBase) return {};
  const url = new URL(apiBase);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port || (protocol === 'http' ? 80 : 443), protocol };
}

async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toGatewayError(what, error);
  }
}

function toGatewayError(what: string, error: unknown): GatewayError {
  if (error instanceof Stripe.errors.StripeError) {
    const status = error.statusCode;
    const retryable =
      error instanceof Stripe.errors.StripeConnectionError ||
      error instanceof Stripe.errors.StripeRateLimitError ||
      error instanceof Stripe.errors.StripeAPIError ||
      (status !== undefined && isRetryableStatus(status));
    const suffix = status ? ` with HTTP ${status}` : '';
    return new GatewayError(`stripe ${what} failed${suffix}: ${error.message}`, 'stripe', status, retryable);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new GatewayError(`stripe ${what} failed: ${message}`, 'stripe', undefined, false);
}

function toRecord(value: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}
