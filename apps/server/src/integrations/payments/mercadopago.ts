import { createHmac, timingSafeEqual } from 'node:crypto';
import { majorToMinor, minorToMajor, minorToMajorNumber } from './amounts.ts';
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
import { asString, callProvider, gatewayHttpError, isRecord, type HttpCall } from './http.ts';

/**
 * MercadoPago Checkout Pro over its REST API with fetch — not the `mercadopago` SDK: the SDK's base URL is a
 * process-wide static (`AppConfig.BASE_URL`), so it cannot be pointed at a fake per client without mutating global
 * state for every other client in the process. The endpoints used are few and stable:
 * - createCheckout → POST /checkout/preferences (X-Idempotency-Key = paymentId); redirect to `init_point`
 * - fetchPayment   → GET /v1/payments/{id}
 * - confirmOnReturn → the `payment_id` (or `collection_id`) MercadoPago appends to back_urls → fetchPayment;
 *   without one (buyer came back without paying) → GET /checkout/preferences/{id}, reported as pending
 * - verifyWebhook  → `x-signature: ts=…,v1=…` = HMAC-SHA256(secret, "id:<data.id>;request-id:<x-request-id>;ts:<ts>;")
 * - refund         → GET /v1/payments/{id} (currency, amounts), then POST /v1/payments/{id}/refunds with
 *   `{ amount }` in major units, or `{}` for a full refund of an untouched payment (X-Idempotency-Key = the refund's key)
 *
 * Back URLs: success and pending → `returnUrl` (confirm there), failure → `cancelUrl` (Checkout Pro has no separate
 * cancel redirect; rejected payments are also reported by webhook). The webhook body itself is not signed — only
 * data.id — so the event is a hint: always fetchPayment(data.id) before acting on it.
 */
export interface MercadoPagoGatewayOptions {
  /** MERCADOPAGO_ACCESS_TOKEN */
  accessToken: string;
  /** MERCADOPAGO_WEBHOOK_SECRET. Without it every webhook is rejected (confirmation then relies on the return). */
  webhookSecret?: string;
  /** Default https://api.mercadopago.com */
  apiBase?: string;
  timeoutMs?: number;
  /** Reject webhooks whose `ts` is further than this from now (replay window). Default: not checked. */
  webhookToleranceSeconds?: number;
}

const STATUS: Record<string, GatewayPaymentStatus> = {
  approved: 'succeeded',
  authorized: 'pending',
  pending: 'pending',
  in_process: 'pending',
  // A dispute holds the funds: not money we may act on yet.
  in_mediation: 'pending',
  rejected: 'failed',
  cancelled: 'cancelled',
  refunded: 'cancelled',
  charged_back: 'cancelled',
};

export function mercadoPagoPaymentStatus(status: unknown): GatewayPaymentStatus {
  return (typeof status === 'string' && STATUS[status]) || 'pending';
}

export function createMercadoPagoGateway(options: MercadoPagoGatewayOptions): PaymentGateway {
  const apiBase = (options.apiBase ?? 'https://api.mercadopago.com').replace(/\/$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_GATEWAY_TIMEOUT_MS;

  const api = (call: Omit<HttpCall, 'timeoutMs' | 'url'> & { path: string }) =>
    callProvider('mercadopago', {
      ...call,
      url: `${apiBase}${call.path}`,
      timeoutMs,
      headers: { authorization: `Bearer ${options.accessToken}`, ...call.headers },
    });

  async function fetchPayment(paymentId: string): Promise<GatewayPayment> {
    if (!/^\d+$/.test(paymentId)) {
      throw new GatewayError(`Not a MercadoPago payment id: "${paymentId}"`, 'mercadopago', undefined, false);
    }
    const result = await api({ method: 'GET', path: `/v1/payments/${paymentId}` });
    if (!result.ok) throw gatewayHttpError('mercadopago', 'get payment', result);
    return toGatewayPayment(result.body);
  }

  return checkedGateway({
    provider: 'mercadopago',

    async createCheckout(req) {
      const preference = {
        items: [
          {
            id: req.paymentId,
            title: req.description.slice(0, 256),
            quantity: 1,
            unit_price: minorToMajorNumber(req.amountMinor, req.currency),
            currency_id: req.currency,
          },
        ],
        payer: { email: req.customerEmail },
        external_reference: req.paymentId,
        back_urls: { success: req.returnUrl, pending: req.returnUrl, failure: req.cancelUrl },
        auto_return: 'approved',
        ...(req.notificationUrl ? { notification_url: req.notificationUrl } : {}),
      };
      const result = await api({
        method: 'POST',
        path: '/checkout/preferences',
        body: preference,
        headers: { 'x-idempotency-key': req.paymentId },
      });
      if (!result.ok) throw gatewayHttpError('mercadopago', 'create preference', result);
      const id = asString(result.body.id);
      const initPoint = asString(result.body.init_point);
      if (!id || !initPoint) {
        throw new GatewayError(
          'mercadopago preference without id/init_point',
          'mercadopago',
          result.status,
          false,
        );
      }
      return { providerTxId: id, redirectUrl: initPoint, raw: result.body };
    },

    fetchPayment,

    async expireCheckout(preferenceId) {
      // A preference can be paid more than once until it expires: end its validity now.
      const now = new Date().toISOString();
      const result = await api({
        method: 'PUT',
        path: `/checkout/preferences/${encodeURIComponent(preferenceId)}`,
        body: { expires: true, expiration_date_to: now },
      });
      if (result.status === 404) return 'not_open';
      if (!result.ok) throw gatewayHttpError('mercadopago', 'expire preference', result);
      return 'expired';
    },

    async refund(req) {
      if (!/^\d+$/.test(req.providerTxId)) {
        throw new GatewayError(
          `MercadoPago refunds need the payment id (digits), got "${req.providerTxId}" — a preference id is not a payment`,
          'mercadopago',
          undefined,
          false,
        );
      }
      const payment = await fetchPayment(req.providerTxId);
      if (payment.currency !== req.currency) {
        throw new GatewayError(
          `mercadopago payment ${payment.providerTxId} was paid in ${payment.currency}, not ${req.currency}`,
          'mercadopago',
          undefined,
          false,
        );
      }
      const refundedMinor = majorToMinor(
        decimalOf(payment.raw.transaction_amount_refunded),
        payment.currency,
      );
      // No amount = full refund. Only for the whole amount of a payment nothing was refunded from yet: on a partly
      // refunded payment an explicit amount lets MercadoPago refuse the overshoot instead of refunding the rest.
      const full = req.amountMinor === payment.amountMinor && refundedMinor === 0;
      const result = await api({
        method: 'POST',
        path: `/v1/payments/${req.providerTxId}/refunds`,
        body: full ? {} : { amount: minorToMajorNumber(req.amountMinor, req.currency) },
        headers: { 'x-idempotency-key': req.idempotencyKey },
      });
      if (!result.ok) {
        const remaining = payment.amountMinor - refundedMinor;
        if (result.status === 400 && req.amountMinor > remaining) {
          const detail = `${minorToMajor(remaining, req.currency)} ${req.currency} left of ${minorToMajor(payment.amountMinor, req.currency)}`;
          throw refundExceedsError('mercadopago', req, result.status, detail);
        }
        throw gatewayHttpError('mercadopago', 'create refund', result);
      }
      const refundId = asString(result.body.id);
      if (!refundId)
        throw new GatewayError('mercadopago refund without id', 'mercadopago', result.status, false);
      const amount = result.body.amount;
      return {
        refundId,
        status: mercadoPagoRefundStatus(result.body.status),
        amountMinor:
          typeof amount === 'number' || typeof amount === 'string'
            ? majorToMinor(amount, payment.currency)
            : req.amountMinor,
        currency: payment.currency,
        raw: result.body,
      };
    },

    async confirmOnReturn(preferenceId, query) {
      // MercadoPago appends payment_id and collection_id (same value), or the string "null" when nothing was paid.
      const paymentId = [query.payment_id, query.collection_id].find((v) => v && /^\d+$/.test(v));
      if (paymentId) return fetchPayment(paymentId);
      const result = await api({
        method: 'GET',
        path: `/checkout/preferences/${encodeURIComponent(preferenceId)}`,
      });
      if (!result.ok) throw gatewayHttpError('mercadopago', 'get preference', result);
      const items = Array.isArray(result.body.items) ? result.body.items.filter(isRecord) : [];
      const currency = asString(items[0]?.currency_id) ?? '';
      const amountMinor = items.reduce(
        (sum, item) => sum + majorToMinor(decimalOf(item.unit_price), currency) * Number(item.quantity ?? 1),
        0,
      );
      return {
        providerTxId: preferenceId,
        paymentId: asString(result.body.external_reference),
        status: 'pending',
        amountMinor,
        currency,
        raw: result.body,
      };
    },

    async verifyWebhook(headers, rawBody, query) {
      if (!options.webhookSecret)
        throw new WebhookSignatureError('MercadoPago webhook secret is not configured');
      const signature = headerValue(headers, 'x-signature');
      const requestId = headerValue(headers, 'x-request-id');
      if (!signature || !requestId)
        throw new WebhookSignatureError('Missing x-signature or x-request-id header');
      const { ts, v1 } = parseSignature(signature);
      if (!ts || !/^\d+$/.test(ts) || !v1) throw new WebhookSignatureError('Malformed x-signature header');

      const body = parseBody(rawBody);
      const bodyDataId = isRecord(body.data) ? asString(body.data.id) : null;
      const queryDataId = query['data.id'] ?? null;
      const dataId = normaliseDataId(queryDataId ?? bodyDataId);
      if (!dataId) throw new WebhookSignatureError('Missing data.id');
      if (queryDataId && bodyDataId && normaliseDataId(bodyDataId) !== dataId) {
        throw new WebhookSignatureError('data.id in the body does not match the signed one');
      }

      const manifest = `id:${dataId};request-id:${requestId};ts:${ts};`;
      const expected = createHmac('sha256', options.webhookSecret).update(manifest).digest('hex');
      if (!constantTimeEqual(expected, v1.toLowerCase()))
        throw new WebhookSignatureError('Signature mismatch');
      if (options.webhookToleranceSeconds !== undefined) {
        const tsMs = ts.length > 11 ? Number(ts) : Number(ts) * 1000; // seconds per the docs; accept ms too
        if (Math.abs(Date.now() - tsMs) > options.webhookToleranceSeconds * 1000) {
          throw new WebhookSignatureError('Webhook timestamp outside the tolerance window');
        }
      }

      const type = asString(body.type) ?? query.type ?? query.topic ?? 'unknown';
      return {
        eventId: asString(body.id) ?? `${type}:${dataId}`,
        type,
        providerTxId: type === 'payment' ? dataId : null,
        // Notifications carry no external_reference: it comes back with fetchPayment(providerTxId).
        paymentId: null,
        raw: body,
      };
    },
  });
}

/** Refund statuses: approved; in_process / pending (e.g. Pix contingency) still on their way; rejected / cancelled. */
export function mercadoPagoRefundStatus(status: unknown): GatewayRefundStatus {
  if (status === 'approved') return 'succeeded';
  if (status === 'rejected' || status === 'cancelled') return 'failed';
  return 'pending';
}

function toGatewayPayment(body: Record<string, unknown>): GatewayPayment {
  const id = asString(body.id);
  const currency = asString(body.currency_id);
  if (!id || !currency)
    throw new GatewayError('mercadopago payment without id/currency', 'mercadopago', 200, false);
  return {
    providerTxId: id,
    paymentId: asString(body.external_reference) || null,
    status: mercadoPagoPaymentStatus(body.status),
    amountMinor: majorToMinor(decimalOf(body.transaction_amount), currency),
    currency,
    raw: body,
  };
}

function decimalOf(value: unknown): string | number {
  return typeof value === 'number' || typeof value === 'string' ? value : 0;
}

function parseSignature(header: string): { ts?: string; v1?: string } {
  const parts: Record<string, string> = {};
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) parts[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim();
  }
  return { ts: parts.ts, v1: parts.v1 };
}

function parseBody(rawBody: Buffer): Record<string, unknown> {
  if (rawBody.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(rawBody.toString('utf8'));
    if (isRecord(parsed)) return parsed;
  } catch {
    // fall through
  }
  throw new WebhookSignatureError('Webhook body is not a JSON object');
}

/** MercadoPago signs alphanumeric ids in lower case. */
function normaliseDataId(id: string | null): string | null {
  if (!id) return null;
  const trimmed = id.trim();
  return /^[a-z0-9]+$/i.test(trimmed) ? trimmed.toLowerCase() : trimmed;
}

function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
