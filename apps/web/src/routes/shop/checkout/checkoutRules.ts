// The checkout's pure rules: what survives a reload of the pay step, and the facts the pay step shows.
import type { CreateOrdersResponse } from '../../../api/models.ts';
import type { CartItem } from '../../../lib/cart.ts';

/** Orders created from the cart and not paid yet: kept for this tab so a reload still offers to pay them. */
export const CHECKOUT_KEY = 'cv.checkout.v1';

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The stored orders, or null when nothing usable is stored (missing, not JSON, or without orders). */
export function parseCreated(raw: string | null): CreateOrdersResponse | null {
  try {
    const value = raw ? (JSON.parse(raw) as CreateOrdersResponse) : null;
    return value && Array.isArray(value.items) && value.items.length > 0 ? value : null;
  } catch {
    return null;
  }
}

// The store is read inside the try: merely touching `sessionStorage` throws where storage is disabled.
export function readCreated(store?: KeyValueStore): CreateOrdersResponse | null {
  try {
    return parseCreated((store ?? sessionStorage).getItem(CHECKOUT_KEY));
  } catch {
    return null;
  }
}

export function saveCreated(value: CreateOrdersResponse | null, store?: KeyValueStore): void {
  try {
    const target = store ?? sessionStorage;
    if (value) target.setItem(CHECKOUT_KEY, JSON.stringify(value));
    else target.removeItem(CHECKOUT_KEY);
  } catch {
    // Private mode: the orders are still in the panel.
  }
}

/** The pay step pays every created order at once: through the first one, for the sum of them all. */
export function createdSummary(created: CreateOrdersResponse) {
  const orders = created.items;
  return {
    orders,
    first: orders[0]!,
    totalMinor: orders.reduce((sum, o) => sum + o.totalMinor, 0),
    numbers: orders.map((o) => o.orderNumber).join(', '),
  };
}

/** The names of a line's SSH keys: saved keys by name (a short id when the name is unknown), then new ones. */
export function sshKeyNames(item: Pick<CartItem, 'sshKeyIds' | 'sshPublicKeys'>, saved: Map<string, string>) {
  return [
    ...item.sshKeyIds.map((id) => saved.get(id) ?? id.slice(0, 8)),
    ...item.sshPublicKeys.map((k) => k.name),
  ];
}
