import { randomBytes } from 'node:crypto';
import { minorToMajor } from '../amounts.ts';
import type { FakeReply } from './http-server.ts';
import { OneShot } from './provider-fake.ts';

/**
 * The Stripe fake's refunds: POST /v1/refunds against a PaymentIntent (`payment_intent` + optional `amount` /
 * `reason` / `metadata`; `charge` is not modelled). Refunds never exceed the intent's `amount_received`, cumulatively;
 * failed and canceled ones do not count. Also Stripe's error body and id format, which the whole fake uses.
 */
export type FakeStripeRefundStatus = 'succeeded' | 'pending' | 'requires_action' | 'failed' | 'canceled';

export type StripeIntentRecord = Record<string, unknown> & { id: string; status: string };
type RefundRecord = Record<string, unknown> & {
  id: string;
  amount: number;
  status: string;
  payment_intent: string;
};

const REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'];

export class StripeRefunds {
  private readonly records = new Map<string, RefundRecord>();
  /** The status the next refund gets (pending for slow methods; failed/canceled never count). */
  readonly nextStatus = new OneShot<FakeStripeRefundStatus>('succeeded');

  /** Refunds of this PaymentIntent, oldest first. */
  ofIntent(intentId: string | null): Record<string, unknown>[] {
    return [...this.records.values()]
      .filter((r) => r.payment_intent === intentId)
      .map((r) => structuredClone(r));
  }

  /** What Stripe counts as refunded against the intent's charge. */
  refundedOn(intentId: string): number {
    let total = 0;
    for (const refund of this.records.values()) {
      if (refund.payment_intent !== intentId) continue;
      if (refund.status === 'failed' || refund.status === 'canceled') continue;
      total += refund.amount;
    }
    return total;
  }

  create(intent: StripeIntentRecord | undefined, params: Record<string, unknown>): FakeReply {
    const intentId = params.payment_intent;
    if (typeof intentId !== 'string' || !intentId) {
      return stripeError(
        400,
        'invalid_request_error',
        'One of the following params should be provided for this request: payment_intent or charge.',
        'payment_intent',
        'parameter_missing',
      );
    }
    if (!intent) {
      return stripeError(
        404,
        'invalid_request_error',
        `No such payment_intent: '${intentId}'`,
        'payment_intent',
        'resource_missing',
      );
    }
    if (intent.status !== 'succeeded') {
      return stripeError(
        400,
        'invalid_request_error',
        `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`,
        'payment_intent',
      );
    }
    const remaining = Number(intent.amount_received) - this.refundedOn(intent.id);
    let amount = remaining;
    if (params.amount !== undefined) {
      const text = String(params.amount);
      if (!/^\d+$/.test(text) || Number(text) <= 0) {
        return stripeError(
          400,
          'invalid_request_error',
          `Invalid positive integer`,
          'amount',
          'parameter_invalid_integer',
        );
      }
      amount = Number(text);
    }
    if (remaining <= 0) {
      return stripeError(
        400,
        'invalid_request_error',
        `Charge ${String(intent.latest_charge)} has already been refunded.`,
        undefined,
        'charge_already_refunded',
      );
    }
    if (amount > remaining) {
      const currency = String(intent.currency);
      return stripeError(
        400,
        'invalid_request_error',
        `Refund amount (${money(amount, currency)}) is greater than unrefunded amount on charge ` +
          `(${money(remaining, currency)})`,
        'amount',
        'amount_too_large',
      );
    }
    const reason = params.reason;
    if (reason !== undefined && !REASONS.includes(String(reason))) {
      return stripeError(
        400,
        'invalid_request_error',
        `Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer`,
        'reason',
      );
    }
    const status = this.nextStatus.take();
    const refund: RefundRecord = {
      id: `re_${stripeId(24)}`,
      object: 'refund',
      amount,
      balance_transaction: `txn_${stripeId(24)}`,
      charge: intent.latest_charge,
      created: Math.floor(Date.now() / 1000),
      currency: intent.currency,
      destination_details: { type: 'card', card: { type: 'refund', reference_status: 'pending' } },
      metadata: (params.metadata as Record<string, unknown> | undefined) ?? {},
      payment_intent: intent.id,
      reason: reason ?? null,
      receipt_number: null,
      source_transfer_reversal: null,
      status,
      transfer_reversal: null,
      ...(status === 'failed' ? { failure_reason: 'expired_or_canceled_card' } : {}),
    };
    this.records.set(refund.id, refund);
    return { status: 200, body: structuredClone(refund) };
  }
}

/** Stripe's error body, with its request id header. */
export function stripeError(
  status: number,
  type: string,
  message: string,
  param?: string,
  code?: string,
): FakeReply {
  return {
    status,
    body: { error: { type, message, ...(code ? { code } : {}), ...(param ? { param } : {}) } },
    headers: { 'request-id': `req_${stripeId(14)}` },
  };
}

/** "$47.94"-style amounts in error messages, as Stripe writes them (currency code instead of a symbol). */
function money(amountMinor: number, currency: string): string {
  const code = currency.toUpperCase();
  return `${code} ${minorToMajor(amountMinor, code)}`;
}

/** Stripe-looking random ids (letters and digits). */
export function stripeId(length: number): string {
  return randomBytes(length).toString('base64url').replace(/[-_]/g, 'x').slice(0, length);
}
