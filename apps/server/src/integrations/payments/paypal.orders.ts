import { currencyDigits, majorToMinor, minorToMajor } from './amounts.ts';
import {
  GatewayError,
  type GatewayPayment,
  type GatewayPaymentStatus,
  type GatewayRefundStatus,
  type GatewayWebhookEvent,
} from './gateway.ts';
import { asString, isRecord } from './http.ts';

/**
 * What PayPal's Orders v2 JSON means to us, as pure functions: order and refund statuses, amounts in PayPal's decimals,
 * the order's first purchase unit and capture, webhook events and error issues. `paypal.ts` makes the calls.
 */

/** Currencies PayPal accepts for payments; the ones with no decimals there are listed in PAYPAL_ZERO_DECIMAL. */
export const PAYPAL_CURRENCIES = new Set(
  'AUD BRL CAD CHF CNY CZK DKK EUR GBP HKD HUF ILS JPY MXN MYR NOK NZD PHP PLN SEK SGD THB TWD USD'.split(
    ' ',
  ),
);
const PAYPAL_ZERO_DECIMAL = new Set(['HUF', 'JPY', 'TWD']);

const ORDER_EVENTS = new Set([
  'CHECKOUT.ORDER.APPROVED',
  'CHECKOUT.ORDER.COMPLETED',
  'CHECKOUT.ORDER.VOIDED',
]);

export function payPalOrderStatus(order: Record<string, unknown>): GatewayPaymentStatus {
  switch (order.status) {
    case 'COMPLETED': {
      // The order completes even when its capture is declined or held for review: the capture decides.
      const capture = firstCapture(order);
      switch (capture?.status) {
        case 'DECLINED':
        case 'FAILED':
          return 'failed';
        case 'PENDING':
          return 'pending';
        case 'REFUNDED':
          return 'cancelled';
        default:
          return 'succeeded';
      }
    }
    case 'VOIDED':
      return 'cancelled';
    default: // CREATED, SAVED, APPROVED, PAYER_ACTION_REQUIRED
      return 'pending';
  }
}

/** Refund statuses: COMPLETED; PENDING (e.g. eCheck funding) on its way; FAILED / CANCELLED. */
export function payPalRefundStatus(status: unknown): GatewayRefundStatus {
  if (status === 'COMPLETED') return 'succeeded';
  if (status === 'FAILED' || status === 'CANCELLED') return 'failed';
  return 'pending';
}

/** "12.34" for USD 1234; PayPal takes no decimals for HUF/JPY/TWD, so those must be whole units. */
export function paypalValue(amountMinor: number, currency: string): string {
  if (!PAYPAL_CURRENCIES.has(currency)) {
    throw new GatewayError(`PayPal does not support ${currency}`, 'paypal', undefined, false);
  }
  const ours = currencyDigits(currency);
  if (PAYPAL_ZERO_DECIMAL.has(currency) && ours > 0) {
    const unit = 10 ** ours;
    if (amountMinor % unit !== 0) {
      throw new GatewayError(`PayPal takes whole ${currency} amounts only`, 'paypal', undefined, false);
    }
    return String(amountMinor / unit);
  }
  return minorToMajor(amountMinor, currency);
}

export function toGatewayPayment(order: Record<string, unknown>): GatewayPayment {
  const id = asString(order.id);
  if (!id) throw new GatewayError('paypal order without id', 'paypal', 200, false);
  const unit = firstUnit(order);
  const amount = isRecord(unit?.amount) ? unit.amount : {};
  const currency = asString(amount.currency_code) ?? '';
  const value = asString(amount.value);
  return {
    providerTxId: id,
    paymentId: asString(unit?.custom_id) ?? asString(firstCapture(order)?.custom_id) ?? null,
    status: payPalOrderStatus(order),
    amountMinor: value && currency ? majorToMinor(value, currency) : 0,
    currency,
    raw: order,
  };
}

export function toWebhookEvent(event: Record<string, unknown>): GatewayWebhookEvent {
  const type = asString(event.event_type) ?? 'unknown';
  const resource = isRecord(event.resource) ? event.resource : {};
  let providerTxId: string | null = null;
  let paymentId: string | null = null;
  if (ORDER_EVENTS.has(type)) {
    providerTxId = asString(resource.id);
    paymentId = asString(firstUnit(resource)?.custom_id);
  } else if (type.startsWith('PAYMENT.CAPTURE.')) {
    const supplementary = isRecord(resource.supplementary_data) ? resource.supplementary_data : {};
    const related = isRecord(supplementary.related_ids) ? supplementary.related_ids : {};
    providerTxId = asString(related.order_id);
    paymentId = asString(resource.custom_id);
  }
  return {
    eventId: asString(event.id) ?? `${type}:${providerTxId}`,
    type,
    providerTxId,
    paymentId,
    raw: event,
  };
}

export function firstUnit(order: Record<string, unknown>): Record<string, unknown> | undefined {
  const units = Array.isArray(order.purchase_units) ? order.purchase_units : [];
  return units.find(isRecord);
}

export function firstCapture(order: Record<string, unknown>): Record<string, unknown> | undefined {
  const payments = firstUnit(order)?.payments;
  const captures = isRecord(payments) && Array.isArray(payments.captures) ? payments.captures : [];
  return captures.find(isRecord);
}

export function hasAmount(order: Record<string, unknown>): boolean {
  const unit = firstUnit(order);
  return isRecord(unit?.amount) && typeof unit.amount.value === 'string';
}

export function firstIssue(body: Record<string, unknown>): string | null {
  const details = Array.isArray(body.details) ? body.details : [];
  const first = details.find(isRecord);
  return asString(first?.issue) ?? asString(body.name);
}
