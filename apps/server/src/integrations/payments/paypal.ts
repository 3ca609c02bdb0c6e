import { majorToMinor } from './amounts.ts';
import {
  checkedGateway,
  DEFAULT_GATEWAY_TIMEOUT_MS,
  GatewayError,
  headerValue,
  refundExceedsError,
  WebhookSignatureError,
  type GatewayPayment,
  type PaymentGateway,
} from './gateway.ts';
import {
  asString,
  callProvider,
  gatewayHttpError,
  isRecord,
  type HttpCall,
  type HttpResult,
} from './http.ts';
import {
  firstCapture,
  firstIssue,
  hasAmount,
  paypalValue,
  payPalRefundStatus,
  toGatewayPayment,
  toWebhookEvent,
} from './paypal.orders.ts';

export { PAYPAL_CURRENCIES, payPalOrderStatus, payPalRefundStatus, paypalValue } from './paypal.orders.ts';

/**
 * PayPal Orders v2 over REST with fetch (PayPal has no maintained Node SDK for it).
 * - OAuth2 client-credentials token (POST /v1/oauth2/token), cached until shortly before expiry, refreshed once on 401
 * - createCheckout → POST /v2/checkout/orders (intent CAPTURE, PayPal-Request-Id = paymentId); redirect to the
 *   `payer-action` link (or `approve`)
 * - confirmOnReturn → POST /v2/checkout/orders/{id}/capture with PayPal-Request-Id `capture-<orderId>` (a repeat
 *   replays the first answer); 422 ORDER_ALREADY_CAPTURED / ORDER_NOT_APPROVED fall back to GET; 422
 *   INSTRUMENT_DECLINED reports `failed`
 * - fetchPayment → GET /v2/checkout/orders/{id}
 * - verifyWebhook → POST /v1/notifications/verify-webhook-signature with the paypal-* headers and the body as sent
 * - refund → GET /v2/checkout/orders/{id} for purchase_units[0].payments.captures[0].id, then
 *   POST /v2/payments/captures/{capture_id}/refund with `{ amount: { value, currency_code } }`
 *   (PayPal-Request-Id = the refund's key; 422 REFUND_AMOUNT_EXCEEDED / CAPTURE_FULLY_REFUNDED on an overshoot)
 */
export interface PayPalGatewayOptions {
  clientId: string;
  clientSecret: string;
  /** PAYPAL_WEBHOOK_ID. Without it every webhook is rejected (confirmation then relies on the return). */
  webhookId?: string;
  mode: 'sandbox' | 'live';
  /** Overrides the mode's origin (api-m.sandbox.paypal.com / api-m.paypal.com), e.g. the fake's. */
  apiBase?: string;
  timeoutMs?: number;
  /** Shown on PayPal's pages instead of the account's business name. */
  brandName?: string;
}

export function createPayPalGateway(options: PayPalGatewayOptions): PaymentGateway {
  const apiBase = paypalApiBase(options);
  const timeoutMs = options.timeoutMs ?? DEFAULT_GATEWAY_TIMEOUT_MS;
  let cached: { token: string; expiresAt: number } | null = null;
  let inflight: Promise<string> | null = null;

  async function fetchToken(): Promise<string> {
    const basic = Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64');
    const result = await callProvider('paypal', {
      method: 'POST',
      url: `${apiBase}/v1/oauth2/token`,
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
      timeoutMs,
    });
    if (!result.ok) throw gatewayHttpError('paypal', 'oauth2 token', result);
    const token = asString(result.body.access_token);
    const expiresIn = Number(result.body.expires_in ?? 0);
    if (!token)
      throw new GatewayError('paypal oauth2 token response without access_token', 'paypal', 200, true);
    // Renew a minute early so a token never expires between our check and PayPal's.
    cached = { token, expiresAt: Date.now() + Math.max(0, expiresIn - 60) * 1000 };
    return token;
  }

  async function accessToken(): Promise<string> {
    if (cached && cached.expiresAt > Date.now()) return cached.token;
    // Concurrent callers share one token request.
    inflight ??= fetchToken().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  async function api(call: Omit<HttpCall, 'timeoutMs' | 'url'> & { path: string }): Promise<HttpResult> {
    const send = async () =>
      callProvider('paypal', {
        ...call,
        url: `${apiBase}${call.path}`,
        timeoutMs,
        headers: { authorization: `Bearer ${await accessToken()}`, ...call.headers },
      });
    let result = await send();
    if (result.status === 401) {
      cached = null; // revoked or expired early: one fresh token, one retry
      result = await send();
    }
    return result;
  }

  async function fetchPayment(orderId: string): Promise<GatewayPayment> {
    const result = await api({ method: 'GET', path: `/v2/checkout/orders/${encodeURIComponent(orderId)}` });
    if (!result.ok) throw gatewayHttpError('paypal', 'get order', result);
    return toGatewayPayment(result.body);
  }

  return checkedGateway({
    provider: 'paypal',

    async createCheckout(req) {
      const order = {
        intent: 'CAPTURE',
        purchase_units: [
          {
            reference_id: req.paymentId,
            custom_id: req.paymentId,
            description: req.description.slice(0, 127),
            amount: { currency_code: req.currency, value: paypalValue(req.amountMinor, req.currency) },
          },
        ],
        payment_source: {
          paypal: {
            email_address: req.customerEmail,
            experience_context: {
              return_url: req.returnUrl,
              cancel_url: req.cancelUrl,
              user_action: 'PAY_NOW',
              shipping_preference: 'NO_SHIPPING',
              ...(options.brandName ? { brand_name: options.brandName.slice(0, 127) } : {}),
            },
          },
        },
      };
      const result = await api({
        method: 'POST',
        path: '/v2/checkout/orders',
        body: order,
        headers: { 'paypal-request-id': req.paymentId, prefer: 'return=representation' },
      });
      if (!result.ok) throw gatewayHttpError('paypal', 'create order', result);
      const id = asString(result.body.id);
      const links = Array.isArray(result.body.links) ? result.body.links.filter(isRecord) : [];
      const link = links.find((l) => l.rel === 'payer-action') ?? links.find((l) => l.rel === 'approve');
      const href = asString(link?.href);
      if (!id || !href)
        throw new GatewayError('paypal order without id/payer-action link', 'paypal', 200, false);
      return { providerTxId: id, redirectUrl: href, raw: result.body };
    },

    fetchPayment,

    async refund(req) {
      const value = paypalValue(req.amountMinor, req.currency);
      // Our providerTxId is the order; refunds are made against its capture.
      const order = await api({
        method: 'GET',
        path: `/v2/checkout/orders/${encodeURIComponent(req.providerTxId)}`,
      });
      if (!order.ok) throw gatewayHttpError('paypal', 'get order', order);
      const capture = firstCapture(order.body);
      const captureId = asString(capture?.id);
      if (!capture || !captureId) {
        throw new GatewayError(
          `paypal order ${req.providerTxId} has no capture to refund (order status ${String(order.body.status)})`,
          'paypal',
          undefined,
          false,
        );
      }
      const captured = isRecord(capture.amount) ? capture.amount : {};
      const capturedCurrency = asString(captured.currency_code);
      if (capturedCurrency !== req.currency) {
        throw new GatewayError(
          `paypal order ${req.providerTxId} was captured in ${capturedCurrency ?? 'an unknown currency'}, not ${req.currency}`,
          'paypal',
          undefined,
          false,
        );
      }
      const result = await api({
        method: 'POST',
        path: `/v2/payments/captures/${encodeURIComponent(captureId)}/refund`,
        body: {
          amount: { value, currency_code: req.currency },
          ...(req.reason ? { note_to_payer: req.reason.slice(0, 255) } : {}),
        },
        headers: { 'paypal-request-id': req.idempotencyKey, prefer: 'return=representation' },
      });
      if (!result.ok) {
        const issue = firstIssue(result.body);
        if (
          result.status === 422 &&
          (issue === 'REFUND_AMOUNT_EXCEEDED' || issue === 'CAPTURE_FULLY_REFUNDED')
        ) {
          throw refundExceedsError('paypal', req, result.status, `${issue} on capture ${captureId}`);
        }
        throw gatewayHttpError('paypal', 'refund capture', result);
      }
      const refundId = asString(result.body.id);
      if (!refundId) throw new GatewayError('paypal refund without id', 'paypal', result.status, false);
      // A minimal answer (id, status, links) has no amount: it is then the one we asked for.
      const amount = isRecord(result.body.amount) ? result.body.amount : {};
      const refundedValue = asString(amount.value);
      const refundedCurrency = asString(amount.currency_code) ?? req.currency;
      return {
        refundId,
        status: payPalRefundStatus(result.body.status),
        amountMinor: refundedValue ? majorToMinor(refundedValue, refundedCurrency) : req.amountMinor,
        currency: refundedCurrency,
        raw: { ...result.body, capture_id: captureId },
      };
    },

    async expireCheckout(orderId) {
      // Orders v2 has no cancel: an approved order is paid only by our capture, which a replaced checkout never gets.
      const order = await fetchPayment(orderId);
      return order.status === 'succeeded' || order.status === 'cancelled' ? 'not_open' : 'expired';
    },

    async confirmOnReturn(orderId) {
      const result = await api({
        method: 'POST',
        path: `/v2/checkout/orders/${encodeURIComponent(orderId)}/capture`,
        body: {},
        headers: { 'paypal-request-id': `capture-${orderId}`, prefer: 'return=representation' },
      });
      if (result.ok) {
        // A minimal capture answer lacks purchase_units amounts: read the order then. A repeated capture replays
        // the first answer, so a capture that was PENDING then (eCheck, review) is re-read: it may have cleared.
        if (!hasAmount(result.body)) return fetchPayment(orderId);
        const captured = toGatewayPayment(result.body);
        return captured.status === 'pending' ? fetchPayment(orderId) : captured;
      }
      const issue = firstIssue(result.body);
      if (result.status === 422 && (issue === 'ORDER_ALREADY_CAPTURED' || issue === 'ORDER_NOT_APPROVED')) {
        return fetchPayment(orderId);
      }
      if (result.status === 422 && issue === 'INSTRUMENT_DECLINED') {
        // The buyer's funding source was refused; the order stays APPROVED and could be retried on PayPal's page,
        // but for us this attempt failed.
        const order = await fetchPayment(orderId);
        return { ...order, status: 'failed', raw: { ...order.raw, capture_error: result.body } };
      }
      throw gatewayHttpError('paypal', 'capture order', result);
    },

    async verifyWebhook(headers, rawBody) {
      if (!options.webhookId) throw new WebhookSignatureError('PayPal webhook id is not configured');
      const fields = {
        auth_algo: headerValue(headers, 'paypal-auth-algo'),
        cert_url: headerValue(headers, 'paypal-cert-url'),
        transmission_id: headerValue(headers, 'paypal-transmission-id'),
        transmission_sig: headerValue(headers, 'paypal-transmission-sig'),
        transmission_time: headerValue(headers, 'paypal-transmission-time'),
        webhook_id: options.webhookId,
      };
      const missing = Object.entries(fields)
        .filter(([, v]) => !v)
        .map(([k]) => k);
      if (missing.length)
        throw new WebhookSignatureError(`Missing PayPal webhook headers: ${missing.join(', ')}`);
      const text = rawBody.toString('utf8');
      let event: unknown;
      try {
        event = JSON.parse(text);
      } catch {
        throw new WebhookSignatureError('Webhook body is not JSON');
      }
      if (!isRecord(event)) throw new WebhookSignatureError('Webhook body is not a JSON object');
      // The event goes back byte for byte as received (it is one valid JSON object, so splicing it is safe): PayPal
      // checks the signature over the body it sent, and re-serialising could change it.
      const payload = `${JSON.stringify(fields).slice(0, -1)},"webhook_event":${text}}`;
      const result = await api({
        method: 'POST',
        path: '/v1/notifications/verify-webhook-signature',
        body: payload,
        headers: { 'content-type': 'application/json' },
      });
      if (result.status === 400 || result.status === 422) {
        throw new WebhookSignatureError(`PayPal rejected the verification request (HTTP ${result.status})`);
      }
      if (!result.ok) throw gatewayHttpError('paypal', 'verify webhook signature', result);
      if (result.body.verification_status !== 'SUCCESS') {
        throw new WebhookSignatureError(
          `PayPal webhook verification: ${String(result.body.verification_status)}`,
        );
      }
      return toWebhookEvent(event);
    },
  });
}

export function paypalApiBase(options: Pick<PayPalGatewayOptions, 'mode' | 'apiBase'>): string {
  const base =
    options.apiBase ??
    (options.mode === 'live' ? 'https://api-m.paypal.com' : 'https://api-m.sandbox.paypal.com');
  return base.replace(/\/$/, '');
}
