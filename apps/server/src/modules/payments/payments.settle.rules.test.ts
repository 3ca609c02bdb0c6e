import { describe, expect, it } from 'vitest';
import type { GatewayPayment } from '../../integrations/payments/gateway.ts';
import type { TransactionRow } from './payments.repo.ts';
import { judgeReport, refundOwedOn, settledProviderTxId } from './payments.settle.rules.ts';

// Settlement's decisions as pure functions over rows (the store-backed paths are in payments.settle.test.ts).

const row = (fields: Partial<TransactionRow> = {}): TransactionRow =>
  ({
    id: 'tx-1',
    provider: 'stripe',
    providerTxId: 'cs_1',
    status: 'pending',
    amountMinor: 1_000,
    currency: 'USD',
    providerAmountMinor: null,
    providerCurrency: null,
    exchangeRate: null,
    reference: 'CV-1',
    invoiceId: null,
    orderIds: ['o-1'],
    raw: null,
    ...fields,
  }) as TransactionRow;

const report = (fields: Partial<GatewayPayment> = {}): GatewayPayment => ({
  providerTxId: 'cs_1',
  paymentId: 'tx-1',
  status: 'succeeded',
  amountMinor: 1_000,
  currency: 'USD',
  raw: {},
  ...fields,
});

describe('judgeReport', () => {
  it.each([
    ['pays the amount asked for', row(), report(), 'pay'],
    ['refuses a smaller amount', row(), report({ amountMinor: 999 }), 'mismatch'],
    ['refuses a larger amount', row(), report({ amountMinor: 1_001 }), 'mismatch'],
    ['refuses another currency', row(), report({ currency: 'EUR' }), 'mismatch'],
    ['reads the currency case-insensitively', row(), report({ currency: 'usd' }), 'pay'],
    [
      "expects the gateway's converted amount",
      row({ providerAmountMinor: 17_250, providerCurrency: 'MXN' }),
      report({ amountMinor: 17_250, currency: 'MXN' }),
      'pay',
    ],
    ['passes on a status that is not paid', row(), report({ status: 'failed' }), 'not_paid'],
    ['ignores a final row', row({ status: 'succeeded' }), report({ status: 'failed' }), 'ignore'],
    ['ignores a refunded row', row({ status: 'refunded' }), report(), 'ignore'],
    ['ignores a mismatch row', row({ status: 'mismatch' }), report(), 'ignore'],
    ['ignores a duplicate row', row({ status: 'duplicate' }), report(), 'ignore'],
    ['ignores an unknown row', undefined, report(), 'ignore'],
    [
      'keeps a replaced checkout ended without money',
      row({ status: 'cancelled', raw: { replacedBy: 'tx-2' } }),
      report({ status: 'cancelled' }),
      'ignore',
    ],
    [
      'takes money that arrived through a replaced checkout',
      row({ status: 'cancelled', raw: { replacedBy: 'tx-2' } }),
      report(),
      'pay',
    ],
    ['refuses a report naming another payment', row(), report({ paymentId: 'tx-9' }), 'foreign'],
  ] as const)('%s', (_name, tx, payment, kind) => {
    expect(judgeReport(tx, payment).kind).toBe(kind);
  });
});

describe('refundOwedOn', () => {
  const expected = { amountMinor: 17_250, currency: 'MXN' };
  const mxn = row({ providerAmountMinor: 17_250, providerCurrency: 'MXN', exchangeRate: 17.25 });

  it('owes nothing when every order took the payment', () => {
    expect(refundOwedOn(mxn, expected, { paid: ['o-1'], alreadyPaid: [], invoiceRefusal: null })).toBe(
      undefined,
    );
  });

  it("owes all of it when none of its orders took it, else the paid orders' share in the gateway currency", () => {
    const alreadyPaid = [{ orderNumber: 'CV-1', totalMinor: 400 }];
    expect(refundOwedOn(mxn, expected, { paid: [], alreadyPaid, invoiceRefusal: null })).toEqual({
      amountMinor: 17_250,
      currency: 'MXN',
      reason: 'order_already_paid',
      reference: 'CV-1',
    });
    expect(refundOwedOn(mxn, expected, { paid: ['o-2'], alreadyPaid, invoiceRefusal: null })).toMatchObject({
      amountMinor: 6_900,
      currency: 'MXN',
    });
  });

  it('owes all of it when the invoice refused it', () => {
    const invoice = row({ invoiceId: 'inv-1', orderIds: [], reference: 'F-2026-7' });
    expect(
      refundOwedOn(
        invoice,
        { amountMinor: 1_000, currency: 'USD' },
        {
          paid: [],
          alreadyPaid: [],
          invoiceRefusal: 'invoice_already_paid',
        },
      ),
    ).toEqual({ amountMinor: 1_000, currency: 'USD', reason: 'invoice_already_paid', reference: 'F-2026-7' });
  });
});

describe('settledProviderTxId', () => {
  it("keeps the checkout's id, except MercadoPago's payment id known once paid", () => {
    expect(settledProviderTxId(row(), report({ providerTxId: 'other' }))).toBe('cs_1');
    expect(
      settledProviderTxId(
        row({ provider: 'mercadopago', providerTxId: 'pref-1' }),
        report({ providerTxId: '132' }),
      ),
    ).toBe('132');
  });
});
