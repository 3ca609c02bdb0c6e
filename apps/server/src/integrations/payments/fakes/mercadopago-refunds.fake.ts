import { currencyDigits } from '../amounts.ts';
import { headerOf, type FakeReply, type RecordedRequest } from './http-server.ts';
import { asObject, decimalPlaces, OneShot, ReplayCache } from './provider-fake.ts';

/**
 * The MercadoPago fake's refunds: POST /v1/payments/{id}/refunds (X-Idempotency-Key required and replayed; `{ amount }`
 * partial or `{}` full; never more than what is left of `transaction_amount`, cumulatively; the payment carries
 * `refunds[]`, `transaction_amount_refunded` and turns `refunded` once nothing is left). Also MercadoPago's error body.
 */
export type FakeMpRefundStatus = 'approved' | 'in_process' | 'rejected';

export type MpPaymentRecord = Record<string, unknown> & {
  id: number;
  status: string;
  preference_id: string;
  refunds: Record<string, unknown>[];
};

export class MercadoPagoRefunds {
  private readonly replay = new ReplayCache<FakeReply>();
  private nextRefundId = 2_100_000_001;
  /** The status the next refund gets (`in_process`: Pix contingency; `rejected` does not count). */
  readonly nextStatus = new OneShot<FakeMpRefundStatus>('approved');

  constructor(private readonly collectorId: number) {}

  /** POST /v1/payments/{id}/refunds of this payment. */
  route(payment: MpPaymentRecord, req: RecordedRequest): FakeReply {
    const key = headerOf(req.headers, 'x-idempotency-key');
    if (!key) {
      return mpError(400, 'bad_request', "Header X-Idempotency-Key can't be null", [
        { code: 4292, description: "Header X-Idempotency-Key can't be null" },
      ]);
    }
    const reply = this.replay.answer(
      `${payment.id}:${key}`,
      () => this.create(payment, asObject(req.body)),
      (answer) => answer.status < 500,
    );
    return structuredClone(reply);
  }

  /** Amounts are kept in minor units here (no float sums); the payment shows them in major units like MercadoPago. */
  private create(payment: MpPaymentRecord, body: Record<string, unknown>): FakeReply {
    const currency = String(payment.currency_id);
    const digits = currencyDigits(currency);
    const unit = 10 ** digits;
    const total = Math.round(Number(payment.transaction_amount) * unit);
    const refunded = Math.round(Number(payment.transaction_amount_refunded) * unit);
    const remaining = total - refunded;
    if (payment.status !== 'approved' || remaining <= 0) {
      return mpError(400, 'bad_request', 'The action requested is not valid for the current payment state', [
        { code: 2063, description: 'The action requested is not valid for the current payment state' },
      ]);
    }
    let amountMinor = remaining;
    if (body.amount !== undefined && body.amount !== null) {
      if (typeof body.amount !== 'number' || !Number.isFinite(body.amount)) {
        return mpError(400, 'bad_request', 'amount attribute must be numeric', [
          { code: 4041, description: 'amount attribute must be numeric' },
        ]);
      }
      if (body.amount <= 0) {
        return mpError(400, 'bad_request', 'amount attribute must be positive', [
          { code: 4040, description: 'amount attribute must be positive' },
        ]);
      }
      if (decimalPlaces(body.amount) > digits) {
        return mpError(400, 'bad_request', `amount invalid: ${currency} allows ${digits} decimals`);
      }
      amountMinor = Math.round(body.amount * unit);
    }
    if (amountMinor > remaining) {
      return mpError(
        400,
        'bad_request',
        `Invalid refund amount: ${body.amount as number} exceeds the available balance ${remaining / unit}`,
      );
    }
    const status = this.nextStatus.take();
    const amount = amountMinor / unit;
    const refund = {
      id: this.nextRefundId++,
      payment_id: payment.id,
      amount,
      metadata: {},
      source: { id: String(this.collectorId), name: 'Cloud Vértice (fake)', type: 'collector' },
      date_created: new Date().toISOString(),
      unique_sequence_number: null,
      refund_mode: 'standard',
      adjustment_amount: 0,
      status,
      reason: null,
      labels: [],
      amount_refunded_to_payer: amount,
      partition_details: [],
    };
    payment.refunds.push(refund);
    if (status !== 'rejected') {
      const nowRefunded = refunded + amountMinor;
      payment.transaction_amount_refunded = nowRefunded / unit;
      payment.date_last_updated = refund.date_created;
      if (nowRefunded === total) {
        payment.status = 'refunded';
        payment.status_detail = 'refunded';
      } else {
        payment.status_detail = 'partially_refunded';
      }
    }
    return { status: 201, body: structuredClone(refund) };
  }
}

/** MercadoPago's error body. */
export function mpError(status: number, error: string, message: string, cause: unknown[] = []): FakeReply {
  return { status, body: { message, error, status, cause } };
}
