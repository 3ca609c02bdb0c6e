// The cart lives in this browser (localStorage) so it survives a reload and is shared by every tab. It holds only
// the customer's choices; prices shown from it are a preview, the server computes the real amounts at checkout.
// Part of the public bundle (the header shows the count), so it stays small and dependency-free.
import { useSyncExternalStore } from 'react';
import type { PeriodMonths } from '../api/models.ts';

export const CART_STORAGE_KEY = 'cv.cart.v1';
/** The API takes at most 10 items per checkout. */
export const CART_MAX_ITEMS = 10;

export type CartSshKey = { name: string; publicKey: string };

export type CartItem = {
  /** Local id of the line (not sent to the API). */
  id: string;
  productId: string;
  periodMonths: PeriodMonths;
  region: string;
  imageId: string;
  /** Saved keys of the account (GET /api/account/ssh-keys). */
  sshKeyIds: string[];
  /** Keys pasted for this server only. */
  sshPublicKeys: CartSshKey[];
  /** Hostname / display name; empty = let the server choose. */
  displayName: string;
  /** cloud-init user data; empty = none. */
  userData: string;
};

type CartState = { items: CartItem[] };

const EMPTY: CartState = { items: [] };
const listeners = new Set<() => void>();
let cachedRaw: string | null | undefined;
let cachedState: CartState = EMPTY;

const isString = (value: unknown): value is string => typeof value === 'string';

function sanitize(value: unknown): CartItem | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const period = Number(v.periodMonths);
  if (!isString(v.id) || !isString(v.productId) || !isString(v.region) || !isString(v.imageId)) return null;
  if (period !== 1 && period !== 6 && period !== 12) return null;
  const keys = Array.isArray(v.sshPublicKeys) ? v.sshPublicKeys : [];
  return {
    id: v.id,
    productId: v.productId,
    periodMonths: period,
    region: v.region,
    imageId: v.imageId,
    sshKeyIds: Array.isArray(v.sshKeyIds) ? v.sshKeyIds.filter(isString) : [],
    sshPublicKeys: keys
      .filter(
        (k): k is CartSshKey =>
          typeof k === 'object' && k !== null && isString(k.name) && isString(k.publicKey),
      )
      .map((k) => ({ name: k.name, publicKey: k.publicKey })),
    displayName: isString(v.displayName) ? v.displayName : '',
    userData: isString(v.userData) ? v.userData : '',
  };
}

function readRaw(): string | null {
  try {
    return localStorage.getItem(CART_STORAGE_KEY);
  } catch {
    return null;
  }
}

function getState(): CartState {
  const raw = readRaw();
  if (raw === cachedRaw) return cachedState;
  cachedRaw = raw;
  try {
    const parsed = raw ? (JSON.parse(raw) as { items?: unknown }) : null;
    const items = Array.isArray(parsed?.items) ? parsed.items.map(sanitize).filter((i) => i !== null) : [];
    cachedState = { items: items.slice(0, CART_MAX_ITEMS) };
  } catch {
    cachedState = EMPTY;
  }
  return cachedState;
}

function write(items: CartItem[]): void {
  const raw = JSON.stringify({ items });
  try {
    localStorage.setItem(CART_STORAGE_KEY, raw);
  } catch {
    // Storage full or blocked: keep the cart for this page at least.
  }
  cachedRaw = readRaw() ?? raw;
  cachedState = { items };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === CART_STORAGE_KEY || event.key === null) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useCart(): CartItem[] {
  return useSyncExternalStore(
    subscribe,
    () => getState().items,
    () => EMPTY.items,
  );
}

export function useCartCount(): number {
  return useCart().length;
}

export function getCartItems(): CartItem[] {
  return getState().items;
}

function newId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** Adds a line; answers its id, or null when the cart is full. */
export function addCartItem(
  item: Pick<CartItem, 'productId' | 'periodMonths' | 'region' | 'imageId'> & Partial<CartItem>,
): string | null {
  const items = getState().items;
  if (items.length >= CART_MAX_ITEMS) return null;
  const line: CartItem = {
    sshKeyIds: [],
    sshPublicKeys: [],
    displayName: '',
    userData: '',
    ...item,
    id: newId(),
  };
  write([...items, line]);
  return line.id;
}

export function updateCartItem(id: string, patch: Partial<Omit<CartItem, 'id'>>): void {
  write(getState().items.map((item) => (item.id === id ? { ...item, ...patch } : item)));
}

export function removeCartItem(id: string): void {
  write(getState().items.filter((item) => item.id !== id));
}

export function clearCart(): void {
  write([]);
}
