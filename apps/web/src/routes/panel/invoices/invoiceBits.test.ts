import { describe, expect, it } from 'vitest';
import { invoiceRowData } from './invoiceBits.tsx';

describe('invoice row data', () => {
  it('names the row, its status and its number (empty for a draft without one)', () => {
    expect(invoiceRowData('invoice-row')({ status: 'paid', invoiceNumber: 'CV-2026-000012' })).toEqual({
      'data-testid': 'invoice-row',
      'data-status': 'paid',
      'data-number': 'CV-2026-000012',
    });
    expect(invoiceRowData('admin-invoice-row')({ status: 'issued', invoiceNumber: null })).toMatchObject({
      'data-testid': 'admin-invoice-row',
      'data-number': '',
    });
  });
});
