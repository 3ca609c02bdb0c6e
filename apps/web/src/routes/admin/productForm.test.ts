import { describe, expect, it } from 'vitest';
import type { AdminProduct, Region } from '../../api/models.ts';
import {
  monthlyPreview,
  periodPreview,
  previewCurrency,
  productInput,
  productSchema,
  toInput,
  toMinor,
  toValues,
  type PriceRow,
} from './productForm.ts';

const regions = [
  { code: 'EU', name: 'Europe' },
  { code: 'US-east', name: 'US East' },
] as Region[];

const product = {
  id: 'p1',
  contaboProductId: 'V45',
  name: 'Cloud VPS 10',
  description: 'Small',
  currency: 'EUR',
  costMinor: 450,
  sellingPriceMinor: 700,
  ramMb: 8192,
  cpuCores: 4,
  diskGb: 75,
  diskType: 'NVMe',
  snapshotQuota: 1,
  isActive: true,
  sortOrder: 3,
  orderCount: 0,
  regions: [
    { code: 'EU', surchargeMinor: 0 },
    { code: 'SIN', surchargeMinor: 150 },
  ],
  prices: [
    {
      periodMonths: 12,
      discountPercent: 10,
      finalPriceMinor: null,
      costMinor: 5400,
      setupFeeMinor: 0,
      isActive: true,
    },
    {
      periodMonths: 1,
      discountPercent: 0,
      finalPriceMinor: null,
      costMinor: 450,
      setupFeeMinor: 500,
      isActive: true,
    },
    {
      periodMonths: 6,
      discountPercent: 0,
      finalPriceMinor: 3900,
      costMinor: 2500,
      setupFeeMinor: 0,
      isActive: false,
    },
  ],
} as unknown as AdminProduct;

const row = (extra: Partial<PriceRow> = {}): PriceRow => ({
  periodMonths: '12',
  discountPercent: '10',
  finalPrice: '',
  cost: '',
  setupFee: '',
  isActive: true,
  ...extra,
});
const money = { cost: '4,50', sellingPrice: '7.00' };

describe('product form amounts', () => {
  it('reads typed amounts in minor units, with either decimal mark', () => {
    expect(toMinor('7,99', 'EUR')).toBe(799);
    expect(toMinor(' 7.9 ', 'EUR')).toBe(790);
    expect(toMinor('1500', 'CLP')).toBe(1500);
    expect(toMinor('', 'EUR')).toBeNull();
    expect(toMinor('7.999.1', 'EUR')).toBeNull();
    expect(previewCurrency('us', 'EUR')).toBe('EUR');
    expect(previewCurrency(' usd ', 'EUR')).toBe('USD');
  });

  it('computes the monthly margin', () => {
    expect(monthlyPreview(money, 'EUR')).toEqual({
      costMinor: 450,
      priceMinor: 700,
      margin: { amountMinor: 250, percent: 35.71 },
    });
    expect(monthlyPreview({ cost: '', sellingPrice: '7' }, 'EUR')).toBeNull();
  });

  it('prices a period with a discount, a fixed price, a setup fee and its own cost', () => {
    // 12 × 7.00 = 84.00 less 10 % = 75.60; cost follows the monthly one: 12 × 4.50.
    expect(periodPreview(row(), money, 'EUR')).toEqual({
      months: 12,
      totalMinor: 7560,
      monthlyMinor: 630,
      discountPercent: 10,
      setupFeeMinor: 0,
      costMinor: 5400,
      costIsDefault: true,
      margin: { amountMinor: 2160, percent: 28.57 },
    });
    const fixed = periodPreview(
      row({ periodMonths: '6', finalPrice: '39', cost: '25', setupFee: '5' }),
      money,
      'EUR',
    );
    expect(fixed).toMatchObject({
      totalMinor: 3900,
      monthlyMinor: 650,
      discountPercent: 7.14,
      setupFeeMinor: 500,
      costMinor: 2500,
      costIsDefault: false,
      margin: { amountMinor: 1900 },
    });
    // Half a cent off rounds away from zero, as the API does: 3 × 0.05 = 0.15, less 50 % = 0.075 → 0.07 paid.
    expect(
      periodPreview(
        row({ periodMonths: '3', discountPercent: '50' }),
        { cost: '0', sellingPrice: '0.05' },
        'EUR',
      )?.totalMinor,
    ).toBe(7);
  });

  it('shows a loss as a negative margin', () => {
    const loss = periodPreview(row({ discountPercent: '50' }), money, 'EUR');
    expect(loss?.margin.amountMinor).toBe(4200 - 5400);
    expect(loss?.margin.percent).toBeLessThan(0);
  });

  it('has no preview while a period is not valid', () => {
    expect(periodPreview(row({ periodMonths: '0' }), money, 'EUR')).toBeNull();
    expect(periodPreview(row({ periodMonths: '37' }), money, 'EUR')).toBeNull();
    expect(periodPreview(row({ finalPrice: 'abc' }), money, 'EUR')).toBeNull();
    expect(periodPreview(row(), { cost: '', sellingPrice: '7' }, 'EUR')).toBeNull();
    expect(periodPreview(row({ cost: '10' }), { cost: '', sellingPrice: '7' }, 'EUR')?.costMinor).toBe(1000);
  });
});

describe('product form values and payload', () => {
  it('starts a new plan with the shop periods, the next sort order and the surcharges other plans use', () => {
    const values = toValues(null, regions, [product]);
    expect(values).toMatchObject({ currency: 'EUR', sortOrder: '4', diskType: 'NVMe', snapshotQuota: '1' });
    expect(values.prices.map((p) => [p.periodMonths, p.discountPercent])).toEqual([
      ['1', '0'],
      ['6', '5'],
      ['12', '10'],
    ]);
    expect(values.regions).toEqual([
      { code: 'EU', name: 'Europe', enabled: true, surcharge: '' },
      { code: 'US-east', name: 'US East', enabled: true, surcharge: '' },
    ]);
    expect(toValues(null, regions, []).currency).toBe('USD');
  });

  it('loads a plan: fixed prices and own costs as typed, costs that follow the monthly one left empty', () => {
    const values = toValues(product, regions, []);
    expect(values).toMatchObject({
      cost: '4.50',
      sellingPrice: '7.00',
      ramGb: '8',
      cpuCores: '4',
      sortOrder: '3',
    });
    expect(values.prices).toEqual([
      { periodMonths: '12', discountPercent: '10', finalPrice: '', cost: '', setupFee: '', isActive: true },
      { periodMonths: '1', discountPercent: '0', finalPrice: '', cost: '', setupFee: '5.00', isActive: true },
      {
        periodMonths: '6',
        discountPercent: '',
        finalPrice: '39.00',
        cost: '25.00',
        setupFee: '',
        isActive: false,
      },
    ]);
    // A region the shop no longer lists stays, so saving does not drop it silently.
    expect(values.regions).toEqual([
      { code: 'EU', name: 'Europe', enabled: true, surcharge: '' },
      { code: 'US-east', name: 'US East', enabled: false, surcharge: '' },
      { code: 'SIN', name: 'SIN', enabled: true, surcharge: '1.50' },
    ]);
  });

  it('round-trips a plan through the form to the same API payload, periods sorted', () => {
    const values = productSchema.parse(toValues(product, regions, []));
    const input = toInput(values);
    const expected = productInput(product);
    expect(input).toEqual({
      ...expected,
      prices: [...expected.prices].sort((a, b) => a.periodMonths - b.periodMonths),
    });
  });

  it('converts typed values: currency upper-cased, RAM in MB, empty costs following the monthly one', () => {
    const values = productSchema.parse({
      ...toValues(null, regions, [product]),
      name: ' Cloud VPS 20 ',
      contaboProductId: 'V46',
      currency: 'eur',
      cost: '5',
      sellingPrice: '9,5',
      ramGb: '1.5',
      cpuCores: '2',
      diskGb: '50',
    });
    const input = toInput(values);
    expect(input).toMatchObject({
      name: 'Cloud VPS 20',
      currency: 'EUR',
      ramMb: 1536,
      costMinor: 500,
      sellingPriceMinor: 950,
    });
    expect(input.prices.find((p) => p.periodMonths === 6)).toEqual({
      periodMonths: 6,
      discountPercent: 5,
      finalPriceMinor: null,
      costMinor: 3000,
      setupFeeMinor: 0,
      isActive: true,
    });
    expect(input.regions).toEqual([
      { code: 'EU', surchargeMinor: 0 },
      { code: 'US-east', surchargeMinor: 0 },
    ]);
  });

  it('refuses a plan without an active period or an enabled region, and bad numbers', () => {
    const base = toValues(product, regions, []);
    const issues = (values: unknown) =>
      (productSchema.safeParse(values).error?.issues ?? []).map((i) => `${i.path.join('.')}:${i.message}`);
    expect(issues(base)).toEqual([]);
    expect(issues({ ...base, prices: base.prices.map((p) => ({ ...p, isActive: false })) })).toContain(
      'prices:validation.periodActive',
    );
    expect(issues({ ...base, regions: base.regions.map((r) => ({ ...r, enabled: false })) })).toContain(
      'regions:validation.regionRequired',
    );
    expect(issues({ ...base, name: ' ' })).toContain('name:validation.required');
    expect(issues({ ...base, cpuCores: 'four' })).toContain('cpuCores:validation.range');
    expect(issues({ ...base, sellingPrice: '7,999,9' }).some((i) => i.startsWith('sellingPrice:'))).toBe(
      true,
    );
  });
});
