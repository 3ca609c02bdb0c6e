import { applyDiscount } from '../../lib/money.ts';

export const PERIODS = [1, 6, 12] as const;
export type PeriodMonths = (typeof PERIODS)[number];

export interface PriceRuleInput {
  periodMonths: number;
  discountPercent: number;
  finalPriceMinor: number | null;
  setupFeeMinor: number;
  costMinor: number;
  isActive: boolean;
}

export interface PeriodPrice {
  periodMonths: number;
  totalMinor: number;
  monthlyMinor: number;
  discountPercent: number;
  setupFeeMinor: number;
  costMinor: number;
  marginMinor: number;
}

/**
 * The price of one billing period: a fixed final price when the rule has one, else the monthly selling price times
 * the months less the rule's discount. The effective discount is reported either way so the page can show it.
 */
export function priceForPeriod(sellingPriceMinor: number, rule: PriceRuleInput): PeriodPrice {
  const listTotal = sellingPriceMinor * rule.periodMonths;
  const totalMinor = rule.finalPriceMinor ?? applyDiscount(listTotal, rule.discountPercent);
  const discountPercent =
    rule.finalPriceMinor === null
      ? rule.discountPercent
      : listTotal > 0
        ? Math.max(0, Math.round(((listTotal - totalMinor) / listTotal) * 10_000) / 100)
        : 0;
  return {
    periodMonths: rule.periodMonths,
    totalMinor,
    monthlyMinor: Math.round(totalMinor / rule.periodMonths),
    discountPercent,
    setupFeeMinor: rule.setupFeeMinor,
    costMinor: rule.costMinor,
    marginMinor: totalMinor + rule.setupFeeMinor - rule.costMinor,
  };
}

/**
 * An image's licence (Windows) for a period: its monthly fee times the months. No period discount and no fixed
 * period price apply: Contabo bills the licence to us every month at the same rate, so (like the region surcharge)
 * it is passed on month by month; tax is computed on its invoice line like on every other line.
 */
export function licenseFeeForPeriod(monthlyFeeMinor: number, periodMonths: number): number {
  return monthlyFeeMinor * periodMonths;
}
