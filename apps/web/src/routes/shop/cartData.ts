import { useQueries, useQuery } from '@tanstack/react-query';
import { fetchSshKeys, accountKeys } from '../../api/account.ts';
import { productQuery } from '../../api/catalog.ts';
import type { ProductDetail } from '../../api/models.ts';
import type { CartItem } from '../../lib/cart.ts';

export type CartProducts = {
  byId: Map<string, ProductDetail>;
  pending: boolean;
  error: unknown;
  refetch: () => void;
  /** Ids the API answered 404 for (plan withdrawn since it was added). */
  missing: Set<string>;
};

/** The plans of the cart lines, each fetched once (`GET /api/products/:id`, cached with the catalogue). */
export function useCartProducts(items: CartItem[]): CartProducts {
  const ids = [...new Set(items.map((item) => item.productId))];
  const results = useQueries({ queries: ids.map((id) => ({ ...productQuery(id), retry: false })) });
  const byId = new Map<string, ProductDetail>();
  const missing = new Set<string>();
  let error: unknown = null;
  results.forEach((result, i) => {
    const id = ids[i]!;
    if (result.data) byId.set(id, result.data);
    else if (result.error) {
      const status = (result.error as { status?: number }).status;
      if (status === 404 || status === 400) missing.add(id);
      else error = result.error;
    }
  });
  return {
    byId,
    pending: results.some((r) => r.isPending),
    error,
    refetch: () => results.forEach((r) => void r.refetch()),
    missing,
  };
}

/** Saved SSH keys of a signed-in user (none asked for a visitor). */
export function useSavedSshKeys(signedIn: boolean) {
  return useQuery({
    queryKey: accountKeys.sshKeys,
    queryFn: ({ signal }) => fetchSshKeys(signal),
    enabled: signedIn,
  });
}
