import { currencyDigits } from '../amounts.ts';
import { headerOf, type FakeReply, type RecordedRequest } from './http-server.ts';
import { asObject, decimalPlaces, OneShot, ReplayCache } from './provider-fake.ts';
import { randomId, unprocessable } from './paypal-webhooks.fake.ts';

/**
 * The PayPal fake's refunds: POST /v2/payments/captures/{capture_id}/refund (PayPal-Request-Id replay; `amount`
 * optional = the rest; 422 REFUND_AMOUNT_EXCEEDED / CAPTURE_FULLY_REFUNDED / PENDING_CAPTURE /
 * REFUND_CAPTURE_CURRENCY_MISMATCH / DECIMAL_PRECISION / CANNOT_BE_ZERO_OR_NEGATIVE; `Prefer: return=representation`
 * for the full body, else minimal) and GET /v2/payments/refunds/{id}. The capture turns PARTIALLY_REFUNDED /
 * REFUNDED and its order lists `payments.refunds`.
 */
export type FakePayPalRefundStatus = 'COMPLETED' | 'PENDING' | 'FAILED' | 'CANCELLED';

type Refund = Record<string, unknown> & { id: string; status: string; captureId: string; valueMinor: number };
/** A PayPal order: its first purchase unit keeps `payments.captures` and `payments.refunds`. */
type PayPalOrder = Record<string, unknown> & { purchase_units: Record<string, unknown>[] };

/** Decimals PayPal takes in `value` for a currency: none for HUF/JPY/TWD, at most two otherwise. */
export function paypalDecimals(currency: string): number {
  return ['HUF', 'JPY', 'TWD'].includes(currency) ? 0 : Math.min(2, currencyDigits(currency));
}

/** A PayPal `value`: digits, then at most `decimals` after the point. */
export function isPayPalValue(value: string, decimals: number): boolean {
  return /^\d+(\.\d+)?$/.test(value) && decimalPlaces(value) <= decimals;
}

export class PayPalRefunds {
  private readonly records = new Map<string, Refund>();
  private readonly replay = new ReplayCache<Refund>();
  /** The status the next refund gets (PENDING: e.g. eCheck-funded; FAILED/CANCELLED do not count). */
  readonly nextStatus = new OneShot<FakePayPalRefundStatus>('COMPLETED');

  constructor(private readonly baseUrl: () => string) {}

  /** Refunds of this capture, oldest first (full representation). */
  ofCapture(captureId: string | undefined): Record<string, unknown>[] {
    return [...this.records.values()].filter((r) => r.captureId === captureId).map((r) => this.present(r));
  }

  /** GET /v2/payments/refunds/{id} */
  find(id: string): Record<string, unknown> | undefined {
    const refund = this.records.get(id);
    return refund && this.present(refund);
  }

  /** POST /v2/payments/captures/{capture_id}/refund of this order's capture. */
  route(order: PayPalOrder, capture: Record<string, unknown>, req: RecordedRequest): FakeReply {
    const minimal = !String(headerOf(req.headers, 'prefer') ?? '').includes('return=representation');
    const requestId = headerOf(req.headers, 'paypal-request-id');
    const key = requestId ? `${String(capture.id)}:${requestId}` : undefined;
    const previous = this.replay.get(key);
    if (previous) return { status: 200, body: this.present(previous, minimal) };
    const result = this.create(order, capture, asObject(req.body));
    if (!('captureId' in result)) return result;
    this.replay.remember(key, result);
    return { status: 201, body: this.present(result, minimal) };
  }

  private create(
    order: PayPalOrder,
    capture: Record<string, unknown>,
    body: Record<string, unknown>,
  ): FakeReply | Refund {
    const captured = capture.amount as { currency_code: string; value: string };
    const currency = captured.currency_code;
    const minorUnit = 10 ** currencyDigits(currency);
    const decimals = paypalDecimals(currency);
    const toMinor = (value: string) => Math.round(Number(value) * minorUnit);
    const toValue = (minor: number) => (minor / minorUnit).toFixed(decimals);
    if (capture.status === 'REFUNDED')
      return unprocessable(422, 'UNPROCESSABLE_ENTITY', 'CAPTURE_FULLY_REFUNDED');
    if (capture.status !== 'COMPLETED' && capture.status !== 'PARTIALLY_REFUNDED') {
      return unprocessable(422, 'UNPROCESSABLE_ENTITY', 'PENDING_CAPTURE');
    }
    const refundedMinor = [...this.records.values()]
      .filter((r) => r.captureId === capture.id && r.status !== 'FAILED' && r.status !== 'CANCELLED')
      .reduce((sum, r) => sum + r.valueMinor, 0);
    const remaining = toMinor(captured.value) - refundedMinor;
    let valueMinor = remaining;
    if (body.amount !== undefined) {
      const amount = asObject(body.amount);
      if (amount.currency_code !== currency) {
        return unprocessable(
          422,
          'UNPROCESSABLE_ENTITY',
          'REFUND_CAPTURE_CURRENCY_MISMATCH',
          '/amount/currency_code',
        );
      }
      const value = String(amount.value ?? '');
      if (!isPayPalValue(value, decimals))
        return unprocessable(422, 'UNPROCESSABLE_ENTITY', 'DECIMAL_PRECISION', '/amount/value');
      valueMinor = toMinor(value);
      if (valueMinor <= 0) {
        return unprocessable(422, 'UNPROCESSABLE_ENTITY', 'CANNOT_BE_ZERO_OR_NEGATIVE', '/amount/value');
      }
    }
    if (valueMinor > remaining) return unprocessable(422, 'UNPROCESSABLE_ENTITY', 'REFUND_AMOUNT_EXCEEDED');
    const status = this.nextStatus.take();
    const now = new Date().toISOString();
    const value = toValue(valueMinor);
    const refund: Refund = {
      id: randomId(17).toUpperCase(),
      status,
      amount: { currency_code: currency, value },
      ...(typeof body.note_to_payer === 'string' ? { note_to_payer: body.note_to_payer } : {}),
      ...(typeof body.invoice_id === 'string' ? { invoice_id: body.invoice_id } : {}),
      create_time: now,
      update_time: now,
      captureId: String(capture.id),
      valueMinor,
    };
    this.records.set(refund.id, refund);
    if (status !== 'FAILED' && status !== 'CANCELLED') {
      const total = refundedMinor + valueMinor;
      refund.seller_payable_breakdown = {
        gross_amount: { currency_code: currency, value },
        net_amount: { currency_code: currency, value },
        total_refunded_amount: { currency_code: currency, value: toValue(total) },
      };
      capture.status = total >= toMinor(captured.value) ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
      capture.update_time = now;
    }
    const payments = order.purchase_units[0]!.payments as { refunds?: Record<string, unknown>[] };
    payments.refunds = [...(payments.refunds ?? []), this.present(refund)];
    order.update_time = now;
    return refund;
  }

  private present(refund: Refund, minimal = false): Record<string, unknown> {
    const { captureId, valueMinor: _v, ...visible } = structuredClone(refund);
    const links = [
      { href: `${this.baseUrl()}/v2/payments/refunds/${refund.id}`, rel: 'self', method: 'GET' },
      { href: `${this.baseUrl()}/v2/payments/captures/${captureId}`, rel: 'up', method: 'GET' },
    ];
    return minimal ? { id: refund.id, status: refund.status, links } : { ...visible, links };
  }
}
