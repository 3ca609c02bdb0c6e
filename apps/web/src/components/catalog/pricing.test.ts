import { describe, expect, it } from 'vitest';
import type { Product, ProductDetail, ProductPrice } from '../../api/models.ts';
import type { CartItem } from '../../lib/cart.ts';
import { itemPreview } from '../../routes/shop/cartSummary.ts';
import { maxDiscounts, previewPrice, priceFor } from './pricing.ts';

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

describe('cart price preview with a licensed image', () => {
  const product = {
    currency: 'USD',
    prices: [
      { periodMonths: 1, discountPercent: 0, totalMinor: 799, monthlyMinor: 799, setupFeeMinor: 0 },
      { periodMonths: 12, discountPercent: 10, totalMinor: 8629, monthlyMinor: 719, setupFeeMinor: 500 },
    ],
    regions: [
      { code: 'EU', name: 'European Union', surchargeMinor: 0 },
      { code: 'US-east', name: 'United States (East)', surchargeMinor: 150 },
    ],
    images: [
      {
        id: 'ubuntu',
        name: 'Ubuntu 24.04 LTS',
        osType: 'Linux',
        version: '24.04',
        description: '',
        licenseFeeMinor: 0,
      },
      {
        id: 'win',
        name: 'Windows Server 2022',
        osType: 'Windows',
        version: '2022',
        description: '',
        licenseFeeMinor: 1234,
      },
    ],
  } as unknown as ProductDetail;
  const cart = (imageId: string, periodMonths: 1 | 12, region = 'EU'): CartItem => ({
    id: 'line-1',
    productId: 'plan',
    periodMonths,
    region,
    imageId,
    displayName: '',
    sshKeyIds: [],
    sshPublicKeys: [],
    userData: '',
  });
  const products = { byId: new Map([['plan', product]]) };

  it('adds the licence × months, without the period discount, as its own amount', () => {
    const preview = itemPreview(cart('win', 12, 'US-east'), products)!;
    expect(preview.licenseMinor).toBe(1234 * 12);
    expect(preview.licensePerMonthMinor).toBe(1234);
    expect(preview.licenseName).toBe('Windows Server 2022');
    expect(preview.totalMinor).toBe(8629 + 150 * 12 + 1234 * 12 + 500);
    const monthly = itemPreview(cart('win', 1), products)!;
    expect(monthly.totalMinor).toBe(799 + 1234);
  });

  it('adds nothing for an image without a licence', () => {
    const preview = itemPreview(cart('ubuntu', 12), products)!;
    expect(preview.licenseMinor).toBe(0);
    expect(preview.licenseName).toBeUndefined();
    expect(preview.totalMinor).toBe(8629 + 500);
    expect(previewPrice(product, 12, 'EU')!.totalMinor).toBe(preview.totalMinor);
  });
});
