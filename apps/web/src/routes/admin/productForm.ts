// The plan form of "Productos y precios": the API's rules (catalog.admin.schemas.ts ZProductInput) on the strings the
// inputs hold, the conversions to and from the API's integer minor units, and the live price and margin of each
// period, computed the way the server does (pricing.ts priceForPeriod, money.ts applyDiscount).
import { z } from 'zod';
import {
  ADMIN_DISK_TYPES,
  type AdminDiskType,
  type AdminProduct,
  type ProductInput,
  type Region,
} from '../../api/models.ts';
import { amountInput, currencyDigits, parseAmount } from '../../lib/format.ts';

export const PERIOD_MIN = 1;
export const PERIOD_MAX = 36;
/** The periods the shop offers; a new plan starts with them and the seed's discounts. */
const DEFAULT_PERIODS = [
  { months: 1, discount: 0 },
  { months: 6, discount: 5 },
  { months: 12, discount: 10 },
];

const intText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .refine(
      (value) => /^-?\d+$/.test(value) && Number(value) >= min && Number(value) <= max,
      'validation.range',
    );

/** An amount as typed ("7,99" or "7.99"); the currency's decimals are checked when it is converted. */
const AMOUNT = /^\d+([.,]\d{1,3})?$/;
const amountText = (message: 'validation.price' | 'validation.pricePositive') =>
  z
    .string()
    .trim()
    .refine((value) => AMOUNT.test(value), 'validation.price')
    .refine(
      (value) => message !== 'validation.pricePositive' || Number(value.replace(',', '.')) > 0,
      message,
    );
const optionalAmount = z
  .string()
  .trim()
  .refine((value) => value === '' || AMOUNT.test(value), 'validation.price');

const percentText = z
  .string()
  .trim()
  .refine((value) => {
    if (value === '') return true;
    const n = Number(value.replace(',', '.'));
    return /^\d+([.,]\d{1,2})?$/.test(value) && n >= 0 && n <= 100;
  }, 'validation.percent');

export const productSchema = z
  .object({
    name: z.string().trim().min(1, 'validation.required').max(100, 'validation.tooLong'),
    contaboProductId: z.string().trim().min(1, 'validation.required').max(20, 'validation.tooLong'),
    description: z.string().max(2000, 'validation.tooLong'),
    currency: z
      .string()
      .trim()
      .refine(
        (value) => /^[A-Za-z]{3}$/.test(value) && isCurrency(value.toUpperCase()),
        'validation.currency',
      ),
    cost: amountText('validation.price'),
    sellingPrice: amountText('validation.pricePositive'),
    ramGb: z
      .string()
      .trim()
      .refine((value) => /^\d+([.,]\d{1,2})?$/.test(value) && toNumber(value) > 0, 'validation.range'),
    cpuCores: intText(1, 512),
    diskGb: intText(1, 100_000),
    diskType: z.enum(ADMIN_DISK_TYPES),
    snapshotQuota: intText(0, 50),
    sortOrder: intText(-100_000, 100_000),
    isActive: z.boolean(),
    prices: z
      .array(
        z.object({
          periodMonths: intText(PERIOD_MIN, PERIOD_MAX),
          discountPercent: percentText,
          finalPrice: optionalAmount.refine(
            (value) => value === '' || toNumber(value) > 0,
            'validation.pricePositive',
          ),
          cost: optionalAmount,
          setupFee: optionalAmount,
          isActive: z.boolean(),
        }),
      )
      .min(1, 'validation.periodRequired')
      .refine(
        (rows) => new Set(rows.map((row) => Number(row.periodMonths))).size === rows.length,
        'validation.periodTwice',
      ),
    regions: z
      .array(
        z.object({ code: z.string(), name: z.string(), enabled: z.boolean(), surcharge: optionalAmount }),
      )
      .refine((rows) => rows.some((row) => row.enabled), 'validation.regionRequired'),
  })
  .refine((values) => values.prices.some((row) => row.isActive), {
    path: ['prices'],
    message: 'validation.periodActive',
  });

export type ProductValues = z.infer<typeof productSchema>;
export type PriceRow = ProductValues['prices'][number];
export type RegionRow = ProductValues['regions'][number];

function toNumber(text: string): number {
  return Number(text.trim().replace(',', '.'));
}

export function isCurrency(code: string): boolean {
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
    return true;
  } catch {
    return false;
  }
}

/** The currency to format the live preview with while the field may hold half a code. */
export function previewCurrency(text: string, fallback: string): string {
  const code = text.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(code) && isCurrency(code) ? code : fallback;
}

/** Minor units of an amount as typed; a currency without decimals rounds. null when empty or not an amount. */
export function toMinor(text: string, currency: string): number | null {
  const clean = text.trim();
  if (!AMOUNT.test(clean)) return null;
  return parseAmount(clean, currency) ?? Math.round(toNumber(clean) * 10 ** currencyDigits(currency));
}

/** What the API does with a percentage: half away from zero, to whole minor units. */
function applyDiscount(amountMinor: number, percent: number): number {
  const off = (amountMinor * percent) / 100;
  return amountMinor - Math.sign(off) * Math.round(Math.abs(off));
}

export type Margin = { amountMinor: number; percent: number };

function margin(revenueMinor: number, costMinor: number): Margin {
  const amountMinor = revenueMinor - costMinor;
  return {
    amountMinor,
    percent: revenueMinor > 0 ? Math.round((amountMinor / revenueMinor) * 10_000) / 100 : 0,
  };
}

export type PeriodPreview = {
  months: number;
  totalMinor: number;
  monthlyMinor: number;
  /** The effective discount (a fixed price is shown as the discount it amounts to). */
  discountPercent: number;
  setupFeeMinor: number;
  costMinor: number;
  /** The cost was left empty: Contabo's monthly cost times the months. */
  costIsDefault: boolean;
  margin: Margin;
};

/** The month (selling price less Contabo's cost), or null while either amount is not valid. */
export function monthlyPreview(values: Pick<ProductValues, 'cost' | 'sellingPrice'>, currency: string) {
  const cost = toMinor(values.cost, currency);
  const price = toMinor(values.sellingPrice, currency);
  if (cost === null || price === null) return null;
  return { costMinor: cost, priceMinor: price, margin: margin(price, cost) };
}

/** One period as the server will price it (priceForPeriod), or null while its inputs are not valid yet. */
export function periodPreview(
  row: PriceRow,
  values: Pick<ProductValues, 'cost' | 'sellingPrice'>,
  currency: string,
): PeriodPreview | null {
  const months = Number(row.periodMonths);
  const price = toMinor(values.sellingPrice, currency);
  const monthlyCost = toMinor(values.cost, currency);
  if (!Number.isInteger(months) || months < PERIOD_MIN || months > PERIOD_MAX || price === null) return null;
  const discount = row.discountPercent.trim() === '' ? 0 : toNumber(row.discountPercent);
  const fixed = row.finalPrice.trim() === '' ? null : toMinor(row.finalPrice, currency);
  const setup = row.setupFee.trim() === '' ? 0 : toMinor(row.setupFee, currency);
  const ownCost = row.cost.trim() === '' ? null : toMinor(row.cost, currency);
  const cost = ownCost ?? (monthlyCost === null ? null : monthlyCost * months);
  if (!Number.isFinite(discount) || setup === null || cost === null) return null;
  if (row.finalPrice.trim() !== '' && fixed === null) return null;
  const list = price * months;
  const total = fixed ?? applyDiscount(list, discount);
  const effective =
    fixed === null
      ? discount
      : list > 0
        ? Math.max(0, Math.round(((list - total) / list) * 10_000) / 100)
        : 0;
  return {
    months,
    totalMinor: total,
    monthlyMinor: Math.round(total / months),
    discountPercent: effective,
    setupFeeMinor: setup,
    costMinor: cost,
    costIsDefault: ownCost === null,
    margin: margin(total + setup, cost),
  };
}

/** Region rows: every active region of the shop, plus any the plan has that is no longer listed. */
function regionRows(
  regions: Region[],
  chosen: Map<string, number> | null,
  currency: string,
  suggested: Map<string, number>,
): RegionRow[] {
  const rows = regions.map((region) => {
    const surcharge = chosen ? chosen.get(region.code) : suggested.get(region.code);
    return {
      code: region.code,
      name: region.name,
      enabled: chosen ? chosen.has(region.code) : true,
      surcharge: surcharge ? amountInput(surcharge, currency) : '',
    };
  });
  for (const [code, surcharge] of chosen ?? []) {
    if (!regions.some((region) => region.code === code))
      rows.push({
        code,
        name: code,
        enabled: true,
        surcharge: surcharge ? amountInput(surcharge, currency) : '',
      });
  }
  return rows;
}

/** The surcharge each region has on the other plans (the first found), to start a new plan with. */
function suggestedSurcharges(products: AdminProduct[]): Map<string, number> {
  const result = new Map<string, number>();
  for (const product of products)
    for (const region of product.regions)
      if (!result.has(region.code)) result.set(region.code, region.surchargeMinor);
  return result;
}

export function toValues(
  product: AdminProduct | null,
  regions: Region[],
  others: AdminProduct[],
): ProductValues {
  if (!product) {
    const currency = others[0]?.currency ?? 'USD';
    return {
      name: '',
      contaboProductId: '',
      description: '',
      currency,
      cost: '',
      sellingPrice: '',
      ramGb: '',
      cpuCores: '',
      diskGb: '',
      diskType: 'NVMe',
      snapshotQuota: '1',
      sortOrder: String(others.reduce((max, p) => Math.max(max, p.sortOrder), 0) + 1),
      isActive: true,
      prices: DEFAULT_PERIODS.map(({ months, discount }) => ({
        periodMonths: String(months),
        discountPercent: String(discount),
        finalPrice: '',
        cost: '',
        setupFee: '',
        isActive: true,
      })),
      regions: regionRows(regions, null, currency, suggestedSurcharges(others)),
    };
  }
  const { currency } = product;
  const money = (minor: number) => amountInput(minor, currency);
  return {
    name: product.name,
    contaboProductId: product.contaboProductId,
    description: product.description,
    currency,
    cost: money(product.costMinor),
    sellingPrice: money(product.sellingPriceMinor),
    ramGb: String(Math.round((product.ramMb / 1024) * 100) / 100),
    cpuCores: String(product.cpuCores),
    diskGb: String(product.diskGb),
    diskType: ADMIN_DISK_TYPES.find((type) => type === product.diskType) ?? 'NVMe',
    snapshotQuota: String(product.snapshotQuota),
    sortOrder: String(product.sortOrder),
    isActive: product.isActive,
    prices: product.prices.map((price) => ({
      periodMonths: String(price.periodMonths),
      discountPercent: price.finalPriceMinor === null ? String(price.discountPercent) : '',
      finalPrice: price.finalPriceMinor === null ? '' : money(price.finalPriceMinor),
      // A cost that follows the monthly cost stays empty, so it keeps following it.
      cost: price.costMinor === product.costMinor * price.periodMonths ? '' : money(price.costMinor),
      setupFee: price.setupFeeMinor ? money(price.setupFeeMinor) : '',
      isActive: price.isActive,
    })),
    regions: regionRows(
      regions,
      new Map(product.regions.map((region) => [region.code, region.surchargeMinor])),
      currency,
      new Map(),
    ),
  };
}

/** The body of POST/PUT /api/admin/products; call it on values the schema accepted. */
export function toInput(values: ProductValues): ProductInput {
  const currency = values.currency.trim().toUpperCase();
  const minor = (text: string) => toMinor(text, currency) ?? 0;
  const monthlyCost = minor(values.cost);
  return {
    contaboProductId: values.contaboProductId.trim(),
    name: values.name.trim(),
    description: values.description.trim(),
    costMinor: monthlyCost,
    sellingPriceMinor: minor(values.sellingPrice),
    currency,
    ramMb: Math.round(toNumber(values.ramGb) * 1024),
    cpuCores: Number(values.cpuCores),
    diskGb: Number(values.diskGb),
    diskType: values.diskType as AdminDiskType,
    snapshotQuota: Number(values.snapshotQuota),
    isActive: values.isActive,
    sortOrder: Number(values.sortOrder),
    regions: values.regions
      .filter((row) => row.enabled)
      .map((row) => ({ code: row.code, surchargeMinor: row.surcharge.trim() ? minor(row.surcharge) : 0 })),
    prices: values.prices
      .map((row) => {
        const months = Number(row.periodMonths);
        const fixed = row.finalPrice.trim() ? minor(row.finalPrice) : null;
        return {
          periodMonths: months,
          discountPercent: fixed === null && row.discountPercent.trim() ? toNumber(row.discountPercent) : 0,
          finalPriceMinor: fixed,
          costMinor: row.cost.trim() ? minor(row.cost) : monthlyCost * months,
          setupFeeMinor: row.setupFee.trim() ? minor(row.setupFee) : 0,
          isActive: row.isActive,
        };
      })
      .sort((a, b) => a.periodMonths - b.periodMonths),
  };
}

/** The whole plan as the API takes it back, with `changes` applied (e.g. to switch it on or off from the list). */
export function productInput(product: AdminProduct, changes: Partial<ProductInput> = {}): ProductInput {
  return {
    contaboProductId: product.contaboProductId,
    name: product.name,
    description: product.description,
    costMinor: product.costMinor,
    sellingPriceMinor: product.sellingPriceMinor,
    currency: product.currency,
    ramMb: product.ramMb,
    cpuCores: product.cpuCores,
    diskGb: product.diskGb,
    diskType: ADMIN_DISK_TYPES.find((type) => type === product.diskType) ?? 'NVMe',
    snapshotQuota: product.snapshotQuota,
    isActive: product.isActive,
    sortOrder: product.sortOrder,
    regions: product.regions.map(({ code, surchargeMinor }) => ({ code, surchargeMinor })),
    prices: product.prices.map((price) => ({
      periodMonths: price.periodMonths,
      discountPercent: price.discountPercent,
      finalPriceMinor: price.finalPriceMinor,
      costMinor: price.costMinor,
      setupFeeMinor: price.setupFeeMinor,
      isActive: price.isActive,
    })),
    ...changes,
  };
}
