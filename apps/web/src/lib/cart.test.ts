import { beforeEach, describe, expect, it } from 'vitest';
import {
  addCartItem,
  CART_MAX_ITEMS,
  CART_STORAGE_KEY,
  clearCart,
  getCartItems,
  removeCartItem,
  updateCartItem,
} from './cart.ts';

// Node has no localStorage: a Map stands in for the browser's (the cart logic on top is what is tested).
const store = new Map<string, string>();
globalThis.localStorage = {
  getItem: (k: string) => store.get(k) ?? null,
  setItem: (k: string, v: string) => void store.set(k, v),
  removeItem: (k: string) => void store.delete(k),
  clear: () => store.clear(),
  key: (i: number) => [...store.keys()][i] ?? null,
  get length() {
    return store.size;
  },
} as Storage;

const line = { productId: 'p1', periodMonths: 12, region: 'EU', imageId: 'img' };

describe('cart rules', () => {
  beforeEach(() => store.clear());

  it('adds lines with defaults, up to the limit', () => {
    const id = addCartItem(line);
    expect(getCartItems()).toEqual([
      { ...line, id, sshKeyIds: [], sshPublicKeys: [], displayName: '', userData: '' },
    ]);
    for (let i = 1; i < CART_MAX_ITEMS; i++) expect(addCartItem(line)).not.toBeNull();
    expect(addCartItem(line)).toBeNull();
    expect(getCartItems()).toHaveLength(CART_MAX_ITEMS);
  });

  it('updates, removes and clears lines', () => {
    const a = addCartItem(line)!;
    const b = addCartItem({ ...line, periodMonths: 1 })!;
    updateCartItem(a, { displayName: 'web-1' });
    removeCartItem(b);
    expect(getCartItems().map((i) => [i.id, i.displayName])).toEqual([[a, 'web-1']]);
    clearCart();
    expect(getCartItems()).toEqual([]);
  });

  it('drops stored lines it cannot trust (tampered or from an older version)', () => {
    store.set(
      CART_STORAGE_KEY,
      JSON.stringify({
        items: [
          {
            id: 'ok',
            productId: 'p',
            periodMonths: 6,
            region: 'EU',
            imageId: 'i',
            sshPublicKeys: [{ name: 1 }],
          },
          { id: 'bad-period', productId: 'p', periodMonths: 3, region: 'EU', imageId: 'i' },
          { id: 'no-product', periodMonths: 1, region: 'EU', imageId: 'i' },
          'garbage',
        ],
      }),
    );
    expect(getCartItems()).toEqual([
      {
        id: 'ok',
        productId: 'p',
        periodMonths: 6,
        region: 'EU',
        imageId: 'i',
        sshKeyIds: [],
        sshPublicKeys: [],
        displayName: '',
        userData: '',
      },
    ]);
    store.set(CART_STORAGE_KEY, '{not json');
    expect(getCartItems()).toEqual([]);
  });
});
