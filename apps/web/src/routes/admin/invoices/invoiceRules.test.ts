import { describe, expect, it } from 'vitest';
import {
  creditNoteBody,
  creditSchema,
  dayAfter,
  exportSchema,
  isDay,
  isoDay,
  type CreditValues,
} from './invoiceRules.ts';

const credit = (values: Partial<CreditValues> = {}): CreditValues => ({
  reason: 'Duplicate charge',
  amount: '',
  refund: 'none',
  provider: 'bank_transfer',
  reference: '',
  ...values,
});
const messages = (result: {
  success: boolean;
  error?: { issues: Array<{ path: PropertyKey[]; message: string }> };
}) => Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));

describe('admin invoice days', () => {
  it('writes local days and the exclusive end of an included day', () => {
    expect(isoDay(new Date(2026, 0, 5))).toBe('2026-01-05');
    expect(dayAfter('2026-02-28')).toBe('2026-03-01');
    expect(dayAfter('2028-02-28')).toBe('2028-02-29');
    expect(dayAfter('2026-12-31')).toBe('2027-01-01');
    expect(isDay('2026-12-31')).toBe(true);
    expect(isDay('2026-1-31')).toBe(false);
    expect(isDay('')).toBe(false);
  });

  it('checks the export period, both days included', () => {
    expect(exportSchema.safeParse({ from: '2026-01-01', to: '2026-01-01' }).success).toBe(true);
    expect(messages(exportSchema.safeParse({ from: '2026-02-01', to: '2026-01-31' }))).toEqual({
      to: 'validation.dateRange',
    });
    expect(messages(exportSchema.safeParse({ from: '', to: '2026-01-31' }))).toEqual({
      from: 'validation.required',
    });
  });
});

describe('credit note form', () => {
  const schema = creditSchema('EUR', 1210);

  it('takes an empty amount (the whole invoice) or one up to the total', () => {
    expect(schema.safeParse(credit()).success).toBe(true);
    expect(schema.safeParse(credit({ amount: '12,10' })).success).toBe(true);
    for (const amount of ['12.11', '0', 'abc', '1.234'])
      expect(messages(schema.safeParse(credit({ amount }))), amount).toEqual({ amount: 'validation.amount' });
  });

  it('needs a reason, and a reference for a refund made by hand', () => {
    expect(messages(schema.safeParse(credit({ reason: ' ' })))).toHaveProperty('reason');
    expect(messages(schema.safeParse(credit({ refund: 'manual' })))).toEqual({
      reference: 'validation.required',
    });
    expect(schema.safeParse(credit({ refund: 'manual', reference: 'TR-1' })).success).toBe(true);
  });

  it('sends the amount in minor units only when one is typed, and the refund chosen', () => {
    expect(creditNoteBody(credit(), 'EUR')).toEqual({ reason: 'Duplicate charge' });
    expect(creditNoteBody(credit({ amount: '5,5', refund: 'gateway' }), 'EUR')).toEqual({
      reason: 'Duplicate charge',
      amountMinor: 550,
      refund: { throughGateway: true },
    });
    expect(
      creditNoteBody(
        credit({ amount: '1500', refund: 'manual', provider: 'paypal', reference: 'R9' }),
        'CLP',
      ),
    ).toEqual({
      reason: 'Duplicate charge',
      amountMinor: 1500,
      refund: { provider: 'paypal', reference: 'R9' },
    });
  });
});
