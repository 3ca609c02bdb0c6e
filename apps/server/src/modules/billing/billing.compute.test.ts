import { describe, expect, it } from 'vitest';
import { computeLine, csvField, csvRow, sumLines } from './billing.compute.ts';

describe('invoice line arithmetic', () => {
  it('adds exclusive tax on the net amount after discount', () => {
    const line = computeLine(
      { description: 'x', quantity: 2, unitPriceMinor: 1000, discountMinor: 200 },
      19,
      'exclusive',
    );
    expect(line).toMatchObject({ taxMinor: 342, totalMinor: 2142 });
  });

  it('extracts inclusive tax without changing the total', () => {
    const line = computeLine({ description: 'x', quantity: 1, unitPriceMinor: 1190 }, 19, 'inclusive');
    expect(line).toMatchObject({ taxMinor: 190, totalMinor: 1190 });
    expect(computeLine({ description: 'x', quantity: 1, unitPriceMinor: 999 }, 0, 'inclusive').taxMinor).toBe(
      0,
    );
  });

  it('sums lines in minor units', () => {
    const lines = [
      computeLine({ description: 'a', quantity: 1, unitPriceMinor: 333 }, 10, 'exclusive'),
      computeLine({ description: 'b', quantity: 3, unitPriceMinor: 333, discountMinor: 99 }, 10, 'exclusive'),
    ];
    expect(sumLines(lines)).toEqual({
      subtotalMinor: 1332,
      discountMinor: 99,
      taxMinor: 123,
      totalMinor: 1356,
    });
  });
});

describe('CSV escaping', () => {
  it('quotes commas, quotes and line breaks and neutralises formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField(-1500)).toBe('-1500');
    expect(csvField(null)).toBe('');
    expect(csvField(new Date('2026-01-15T12:00:00Z'))).toBe('2026-01-15T12:00:00.000Z');
    expect(csvRow(['a', 1, null])).toBe('a,1,');
  });
});
