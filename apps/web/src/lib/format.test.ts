import { describe, expect, it } from 'vitest';
import { intlLocale } from '../i18n/locale.ts';
import { formatMoney } from './format.ts';

describe('money format', () => {
  it('is one format per language, the same the server prints in e-mails and the invoice PDF', () => {
    // apps/server/src/lib/lib.test.ts expects these very strings from the server's formatMoney.
    expect(formatMoney(7404, 'USD', intlLocale('es'))).toBe('USD\u00a074.04');
    expect(formatMoney(1999, 'EUR', intlLocale('es'))).toBe('EUR\u00a019.99');
    expect(formatMoney(123456, 'USD', intlLocale('en'))).toBe('$1,234.56');
    expect(formatMoney(7404, 'USD', intlLocale('en'))).toBe('$74.04');
  });
});
