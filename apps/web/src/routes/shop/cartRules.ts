// Checks of a cart line with the API's rules (apps/server orders.schemas.ts ZCartItem), the request body built from
// it, and the errors the API sent back for each line (a 400 validation_error names `body.items.<i>.<field>`).
import { useSyncExternalStore } from 'react';
import { ApiError } from '../../api/client.ts';
import type { CartItemRequest, ProductDetail } from '../../api/models.ts';
import type { CartItem } from '../../lib/cart.ts';

export const HOSTNAME_MAX = 63;
export const USER_DATA_MAX_BYTES = 16_384;
export const SSH_KEYS_MAX = 10;
export const HOSTNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
const KEY_PREFIX =
  /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)\s+\S+/;

export type CartField =
  'productId' | 'periodMonths' | 'region' | 'imageId' | 'sshKeys' | 'displayName' | 'userData';

/** i18n keys of the messages shown under a cart field. */
export type CartErrorKey =
  | 'cart.errors.productId'
  | 'cart.errors.periodMonths'
  | 'cart.errors.region'
  | 'cart.errors.imageId'
  | 'cart.errors.sshKeys'
  | 'cart.errors.sshWindows'
  | 'cart.errors.sshTooMany'
  | 'cart.errors.sshKeyInvalid'
  | 'cart.errors.displayName'
  | 'cart.errors.userData';

export type CartErrors = Partial<Record<CartField, CartErrorKey>>;

export const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

export function isWindows(product: ProductDetail | undefined, imageId: string): boolean {
  return product?.images.find((image) => image.id === imageId)?.osType === 'Windows';
}

/** Problems the browser can see before sending (the server checks everything again). */
export function checkCartItem(item: CartItem, product: ProductDetail | undefined): CartErrors {
  const errors: CartErrors = {};
  if (!product) return errors;
  if (!product.prices.some((p) => p.periodMonths === item.periodMonths))
    errors.periodMonths = 'cart.errors.periodMonths';
  if (!product.regions.some((r) => r.code === item.region)) errors.region = 'cart.errors.region';
  if (!product.images.some((i) => i.id === item.imageId)) errors.imageId = 'cart.errors.imageId';
  const keyCount = item.sshKeyIds.length + item.sshPublicKeys.length;
  if (keyCount > 0 && isWindows(product, item.imageId)) errors.sshKeys = 'cart.errors.sshWindows';
  else if (item.sshKeyIds.length > SSH_KEYS_MAX || item.sshPublicKeys.length > SSH_KEYS_MAX)
    errors.sshKeys = 'cart.errors.sshTooMany';
  const name = item.displayName.trim();
  if (name && (name.length > HOSTNAME_MAX || !HOSTNAME_PATTERN.test(name)))
    errors.displayName = 'cart.errors.displayName';
  if (utf8Bytes(item.userData) > USER_DATA_MAX_BYTES) errors.userData = 'cart.errors.userData';
  return errors;
}

export type NewKeyError =
  | 'validation.required'
  | 'validation.tooLong'
  | 'validation.sshKey'
  | 'validation.sshKeyPrivate'
  | 'validation.sshKeyDuplicate';

export function checkNewKey(
  name: string,
  publicKey: string,
  existing: Array<{ publicKey: string }>,
): { name?: NewKeyError; publicKey?: NewKeyError } {
  const errors: { name?: NewKeyError; publicKey?: NewKeyError } = {};
  const trimmedName = name.trim();
  const key = publicKey.trim();
  if (!trimmedName) errors.name = 'validation.required';
  else if (trimmedName.length > 100) errors.name = 'validation.tooLong';
  if (!key) errors.publicKey = 'validation.required';
  else if (key.length > 16_384) errors.publicKey = 'validation.tooLong';
  else if (key.includes('PRIVATE KEY')) errors.publicKey = 'validation.sshKeyPrivate';
  else if (!KEY_PREFIX.test(key)) errors.publicKey = 'validation.sshKey';
  else if (existing.some((k) => k.publicKey.trim().split(/\s+/)[1] === key.split(/\s+/)[1]))
    errors.publicKey = 'validation.sshKeyDuplicate';
  return errors;
}

/** The body of `POST /api/orders` for one line: optional fields only when they carry something. */
export function toRequest(item: CartItem): CartItemRequest {
  const body: CartItemRequest = {
    productId: item.productId,
    periodMonths: item.periodMonths,
    region: item.region,
    imageId: item.imageId,
  };
  if (item.sshKeyIds.length) body.sshKeyIds = item.sshKeyIds;
  if (item.sshPublicKeys.length)
    body.sshPublicKeys = item.sshPublicKeys.map((k) => ({
      name: k.name.trim(),
      publicKey: k.publicKey.trim(),
    }));
  if (item.displayName.trim()) body.displayName = item.displayName.trim();
  if (item.userData.trim()) body.userData = item.userData;
  return body;
}

// --- Errors the API reported for the lines of the last checkout attempt (kept until the line is edited) ---

type ServerErrors = Record<string, CartErrors>;
let serverErrors: ServerErrors = {};
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((listener) => listener());

function fieldOf(path: string): { index: number; field: CartField } | null {
  const match = /^body\.items\.(\d+)\.([A-Za-z]+)/.exec(path);
  if (!match) return null;
  const name = match[2];
  const field: CartField | null =
    name === 'sshKeyIds' || name === 'sshPublicKeys'
      ? 'sshKeys'
      : name === 'productId' ||
          name === 'periodMonths' ||
          name === 'region' ||
          name === 'imageId' ||
          name === 'displayName' ||
          name === 'userData'
        ? name
        : null;
  return field ? { index: Number(match[1]), field } : null;
}

function messageFor(field: CartField, path: string, message: string): CartErrorKey {
  if (field === 'sshKeys') {
    if (/windows/i.test(message)) return 'cart.errors.sshWindows';
    if (path.includes('sshPublicKeys')) return 'cart.errors.sshKeyInvalid';
    return 'cart.errors.sshKeys';
  }
  return `cart.errors.${field}`;
}

/**
 * Files a 400 validation_error under the lines it names (`items` in the order they were sent). Answers whether
 * any line got an error.
 */
export function applyServerErrors(error: unknown, items: CartItem[]): boolean {
  if (!(error instanceof ApiError) || error.code !== 'validation_error' || !Array.isArray(error.details))
    return false;
  const next: ServerErrors = {};
  for (const detail of error.details as Array<{ field?: unknown; message?: unknown }>) {
    const path = typeof detail?.field === 'string' ? detail.field : '';
    const target = fieldOf(path);
    const item = target ? items[target.index] : undefined;
    if (!target || !item) continue;
    next[item.id] = {
      ...next[item.id],
      [target.field]: messageFor(target.field, path, String(detail.message ?? '')),
    };
  }
  serverErrors = next;
  emit();
  return Object.keys(next).length > 0;
}

export function clearServerErrors(itemId?: string, field?: CartField): void {
  if (!itemId) serverErrors = {};
  else if (!serverErrors[itemId]) return;
  else if (field) {
    const rest = { ...serverErrors[itemId] };
    delete rest[field];
    serverErrors = { ...serverErrors, [itemId]: rest };
  } else {
    const copy = { ...serverErrors };
    delete copy[itemId];
    serverErrors = copy;
  }
  emit();
}

/** The errors filed so far (what `useServerErrors` renders). */
export const currentServerErrors = (): ServerErrors => serverErrors;

export function useServerErrors(): ServerErrors {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, currentServerErrors);
}
