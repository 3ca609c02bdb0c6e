import { describe, expect, it } from 'vitest';
import { isOverdue, lineAmountMinor, taxLabel, transactionView } from './invoiceDetailRules.ts';

describe('invoice detail rules', () => {
  it('prices a line as unit price times quantity less its discount', () => {
    expect(lineAmountMinor({ unitPriceMinor: 450, quantity: 12, discountMinor: 0 })).toBe(5400);
    expect(lineAmountMinor({ unitPriceMinor: 500, quantity: 2, discountMinor: 150 })).toBe(850);
  });

  it('words the tax row by mode and by whether the rate is known', () => {
    expect(taxLabel('inclusive', true)).toBe('invoices.detail.taxIncludedRate');
    expect(taxLabel('inclusive', false)).toBe('invoices.detail.taxIncluded');
    expect(taxLabel('exclusive', true)).toBe('invoices.detail.taxRate');
    expect(taxLabel('exclusive', false)).toBeNull();
  });

  it('shows a refund negative, and "refunded" once it went through', () => {
    expect(transactionView({ kind: 'payment', status: 'succeeded', amountMinor: 600 })).toEqual({
      refund: false,
      status: 'succeeded',
      amountMinor: 600,
    });
    expect(transactionView({ kind: 'refund', status: 'succeeded', amountMinor: 600 })).toEqual({
      refund: true,
      status: 'refunded',
      amountMinor: -600,
    });
    // Stored negative or positive, a refund always reads negative; one still pending keeps its status.
    expect(transactionView({ kind: 'refund', status: 'pending', amountMinor: -600 })).toMatchObject({
      status: 'pending',
      amountMinor: -600,
    });
  });

  it('is overdue when the API says so or once the due day has passed', () => {
    const now = new Date(2026, 11, 6, 12);
    expect(isOverdue({ status: 'overdue', dueAt: null }, now)).toBe(true);
    expect(isOverdue({ status: 'issued', dueAt: new Date(2026, 11, 5, 12).toISOString() }, now)).toBe(true);
    expect(isOverdue({ status: 'issued', dueAt: new Date(2026, 11, 6, 20).toISOString() }, now)).toBe(false);
    expect(isOverdue({ status: 'issued', dueAt: null }, now)).toBe(false);
  });
});
