import { convertAmount } from '../../lib/money.ts';
import type { GatewayPayment, GatewayPaymentStatus } from '../../integrations/payments/gateway.ts';
import type { OrderRow } from '../orders/orders.repo.ts';
import type { TransactionRow } from './payments.repo.ts';
import type { AutoRefund } from './payments.refunds.ts';

/**
 * Settlement's decisions as pure functions over rows: what a gateway's report does to a transaction, and what is
 * owed back when the money arrived for something already paid. `payments.settle.ts` runs them inside the settling
 * transaction and writes what they decide.
 */

/** Statuses no later report changes (a late or redelivered webhook leaves them as they are). */
export const FINAL: ReadonlySet<string> = new Set(['succeeded', 'mismatch', 'refunded']);

/** What the gateway must report for this transaction: the amount asked for, in the gateway's currency. */
export interface Charge {
  amountMinor: number;
  currency: string;
}

export type Verdict =
  /** Nothing to change and nothing to count: unknown row, final state, or a replaced checkout that took no money. */
  | { kind: 'ignore' }
  /** The report names another transaction as its payment: not applied (but counted as a settlement attempt). */
  | { kind: 'foreign' }
  /** Not paid (yet): the row takes the reported status. */
  | { kind: 'not_paid'; status: Exclude<GatewayPaymentStatus, 'succeeded'> }
  /** Paid, but not what was asked for: nothing is marked paid and the admins are told. */
  | { kind: 'mismatch'; expected: Charge }
  /** Paid exactly what was asked for: the orders / invoice take the payment. */
  | { kind: 'pay'; expected: Charge };

export function expectedCharge(row: TransactionRow): Charge {
  return {
    amountMinor: row.providerAmountMinor ?? row.amountMinor,
    currency: row.providerCurrency ?? row.currency,
  };
}

/** What a gateway's report does to the (locked) transaction row. */
export function judgeReport(row: TransactionRow | undefined, payment: GatewayPayment): Verdict {
  if (!row || FINAL.has(row.status) || row.status === 'duplicate') return { kind: 'ignore' };
  // A checkout a newer one replaced stays ended unless money actually arrived through it.
  if (row.raw?.replacedBy && payment.status !== 'succeeded') return { kind: 'ignore' };
  if (payment.paymentId && payment.paymentId !== row.id) return { kind: 'foreign' };
  if (payment.status !== 'succeeded') return { kind: 'not_paid', status: payment.status };
  const expected = expectedCharge(row);
  if (payment.amountMinor !== expected.amountMinor || payment.currency.toUpperCase() !== expected.currency) {
    return { kind: 'mismatch', expected };
  }
  return { kind: 'pay', expected };
}

/** The provider's id to keep: MercadoPago's payment id (known only once paid), else the checkout's own. */
export function settledProviderTxId(row: TransactionRow, payment: GatewayPayment): string {
  return row.provider === 'mercadopago' ? payment.providerTxId : (row.providerTxId ?? payment.providerTxId);
}

/**
 * The refund owed on a payment that could not be applied in full: this payment's share of orders that were already
 * paid (or ended) through something else — all of it when none of its orders took it — or all of it when its invoice
 * refused it. Undefined when the payment was applied in full.
 */
export function refundOwedOn(
  row: TransactionRow,
  expected: Charge,
  outcome: {
    paid: readonly string[];
    alreadyPaid: readonly Pick<OrderRow, 'orderNumber' | 'totalMinor'>[];
    invoiceRefusal: AutoRefund['reason'] | null;
  },
): AutoRefund | undefined {
  if (outcome.invoiceRefusal) {
    return {
      amountMinor: expected.amountMinor,
      currency: expected.currency,
      reason: outcome.invoiceRefusal,
      reference: row.reference ?? row.invoiceId!,
    };
  }
  if (!outcome.alreadyPaid.length) return undefined;
  const share = outcome.alreadyPaid.reduce((sum, o) => sum + o.totalMinor, 0);
  return {
    amountMinor: outcome.paid.length
      ? convertAmount(share, row.currency, expected.currency, row.exchangeRate ?? 1)
      : expected.amountMinor,
    currency: expected.currency,
    reason: 'order_already_paid',
    reference: outcome.alreadyPaid.map((o) => o.orderNumber).join(', '),
  };
}
