import type { PeriodMonths, Product, ProductPrice } from '../../api/models.ts';

export function priceFor(product: Product, period: PeriodMonths): ProductPrice | undefined {
  return product.prices.find((price) => price.periodMonths === period);
}

/** Highest discount offered for each period across the given plans (for the period selector). */
export function maxDiscounts(products: Product[]): Record<PeriodMonths, number> {
  const result: Record<PeriodMonths, number> = {};
  for (const product of products) {
    for (const price of product.prices) {
      result[price.periodMonths] = Math.max(result[price.periodMonths] ?? 0, price.discountPercent);
    }
  }
  return result;
}

export type PricePreview = {
  currency: string;
  periodMonths: PeriodMonths;
  /** The plan for the whole period, after the period discount. */
  periodMinor: number;
  monthlyMinor: number;
  discountPercent: number;
  /** Region surcharge per month × months. */
  surchargeMinor: number;
  surchargePerMonthMinor: number;
  /** The chosen image's licence (Windows): its monthly fee × months, no period discount; 0 without one. */
  licenseMinor: number;
  licensePerMonthMinor: number;
  /** The licensed image's name, for the breakdown's line. */
  licenseName?: string;
  setupFeeMinor: number;
  totalMinor: number;
};

/** What the price preview needs of the chosen OS image (`GET /api/products/:id` lists them). */
export type PricedImage = { name: string; licenseFeeMinor: number };

/**
 * What an item should cost, computed in the browser from the public catalogue — only a preview: the server prices
 * every order itself (same rule: period total + region surcharge × months + image licence × months + setup fee).
 */
export function previewPrice(
  product: Product,
  period: PeriodMonths,
  regionCode: string | undefined,
  image?: PricedImage,
): PricePreview | undefined {
  const price = priceFor(product, period);
  if (!price) return undefined;
  const perMonth = product.regions.find((r) => r.code === regionCode)?.surchargeMinor ?? 0;
  const surchargeMinor = perMonth * period;
  const licensePerMonthMinor = image?.licenseFeeMinor ?? 0;
  const licenseMinor = licensePerMonthMinor * period;
  return {
    currency: product.currency,
    periodMonths: period,
    periodMinor: price.totalMinor,
    monthlyMinor: price.monthlyMinor,
    discountPercent: price.discountPercent,
    surchargeMinor,
    surchargePerMonthMinor: perMonth,
    licenseMinor,
    licensePerMonthMinor,
    ...(licenseMinor > 0 && image ? { licenseName: image.name } : {}),
    setupFeeMinor: price.setupFeeMinor,
    totalMinor: price.totalMinor + surchargeMinor + licenseMinor + price.setupFeeMinor,
  };
}

/** Product page of a plan, keeping the period the visitor was looking at. */
export function planPath(id: string, period?: PeriodMonths): string {
  return period && period !== 1 ? `/plans/${id}?period=${period}` : `/plans/${id}`;
}

/** Comparison page of the given plans (at most 4). */
export function comparePath(ids: readonly string[], period?: PeriodMonths): string {
  const params = new URLSearchParams();
  if (ids.length) params.set('ids', ids.slice(0, COMPARE_MAX).join(','));
  if (period && period !== 1) params.set('period', String(period));
  const qs = params.toString().replace(/%2C/g, ',');
  return qs ? `/compare?${qs}` : '/compare';
}

export const COMPARE_MAX = 4;
