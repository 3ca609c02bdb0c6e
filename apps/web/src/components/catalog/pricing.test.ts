import { describe, expect, it } from 'vitest';
import type { Product, ProductPrice } from '../../api/models.ts';
import { maxDiscounts, priceFor } from './pricing.ts';

const price = (periodMonths: number, discountPercent: number): ProductPrice => ({
  periodMonths,
  discountPercent,
  totalMinor: 1000 * periodMonths,
  monthlyMinor: 1000,
  setupFeeMinor: 0,
});
const plan = (prices: ProductPrice[]) => ({ prices }) as Product;

describe('catalogue pricing', () => {
  it("finds a plan's price for a period", () => {
    const p = plan([price(1, 0), price(12, 15)]);
    expect(priceFor(p, 12)?.discountPercent).toBe(15);
    expect(priceFor(p, 6)).toBeUndefined();
  });

  it('takes the highest discount per period across plans', () => {
    expect(maxDiscounts([plan([price(1, 0), price(12, 10)]), plan([price(12, 20), price(6, 5)])])).toEqual({
      1: 0,
      6: 5,
      12: 20,
    });
    expect(maxDiscounts([])).toEqual({});
  });
});
