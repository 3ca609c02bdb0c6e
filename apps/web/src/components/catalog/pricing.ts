import type { PeriodMonths, Product, ProductPrice } from '../../api/types.ts';

export function priceFor(product: Product, period: PeriodMonths): ProductPrice | undefined {
  return product.prices.find((price) => price.periodMonths === period);
}

/** Highest discount offered for each period across the given plans (for the period selector). */
export function maxDiscounts(products: Product[]): Partial<Record<PeriodMonths, number>> {
  const result: Partial<Record<PeriodMonths, number>> = {};
  for (const product of products) {
    for (const price of product.prices) {
      result[price.periodMonths] = Math.max(result[price.periodMonths] ?? 0, price.discountPercent);
    }
  }
  return result;
}
