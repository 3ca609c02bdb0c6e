// The cart page's totals and its "may go to checkout" rule, kept apart from the components so they can be tested.
import type { ProductDetail } from '../../api/models.ts';
import { previewPrice, type PricePreview } from '../../components/catalog/pricing.ts';
import type { CartItem } from '../../lib/cart.ts';
import { checkCartItem, type CartErrors } from './cartRules.ts';

/** What the summary needs of the loaded plans (see `useCartProducts`). */
export type LoadedPlans = {
  byId: Map<string, ProductDetail>;
  missing: Set<string>;
  pending: boolean;
};

export type CartSummaryFacts = {
  /** One price preview per line (undefined while its plan is unknown). */
  previews: Array<PricePreview | undefined>;
  /** The currency of the first priced line; the total is shown only once one is known. */
  currency: string | undefined;
  totalMinor: number;
  /** Some line is withdrawn, breaks a rule the browser can check, or carries an error the API sent back. */
  invalid: boolean;
  /** Checkout is offered only when every plan is loaded, every line is valid and priced. */
  ready: boolean;
};

export function itemPreview(item: CartItem, plans: Pick<LoadedPlans, 'byId'>): PricePreview | undefined {
  const product = plans.byId.get(item.productId);
  if (!product) return undefined;
  const image = product.images.find((candidate) => candidate.id === item.imageId);
  return previewPrice(product, item.periodMonths, item.region, image);
}

export function summarizeCart(
  items: CartItem[],
  plans: LoadedPlans,
  serverErrors: Record<string, CartErrors>,
): CartSummaryFacts {
  const previews = items.map((item) => itemPreview(item, plans));
  const currency = previews.find(Boolean)?.currency;
  const totalMinor = previews.reduce((sum, p) => sum + (p?.totalMinor ?? 0), 0);
  const invalid = items.some(
    (item) =>
      plans.missing.has(item.productId) ||
      Object.keys(checkCartItem(item, plans.byId.get(item.productId))).length > 0 ||
      Object.values(serverErrors[item.id] ?? {}).some(Boolean),
  );
  const ready = !plans.pending && !invalid && previews.every(Boolean);
  return { previews, currency, totalMinor, invalid, ready };
}
