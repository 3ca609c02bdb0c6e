// A plan and a cart line for the unit tests of the cart's rules (not used by the app).
import type { ProductDetail } from '../../api/models.ts';
import type { CartItem } from '../../lib/cart.ts';

export const plan = {
  id: 'p1',
  name: 'Cloud VPS 10',
  currency: 'EUR',
  prices: [
    { periodMonths: 1, discountPercent: 0, totalMinor: 500, monthlyMinor: 500, setupFeeMinor: 100 },
    { periodMonths: 12, discountPercent: 10, totalMinor: 5400, monthlyMinor: 450, setupFeeMinor: 0 },
  ],
  regions: [
    { code: 'EU', name: 'Europe', surchargeMinor: 0 },
    { code: 'US-east', name: 'US East', surchargeMinor: 150 },
  ],
  images: [
    { id: 'ubuntu', name: 'Ubuntu 24.04', osType: 'Linux' },
    { id: 'win', name: 'Windows Server', osType: 'Windows' },
  ],
} as unknown as ProductDetail;

export const line = (extra: Partial<CartItem> = {}): CartItem => ({
  id: 'l1',
  productId: 'p1',
  periodMonths: 12,
  region: 'EU',
  imageId: 'ubuntu',
  sshKeyIds: [],
  sshPublicKeys: [],
  displayName: '',
  userData: '',
  ...extra,
});
