import { describe, expect, it } from 'vitest';
import type { CreateOrdersResponse } from '../../../api/models.ts';
import {
  CHECKOUT_KEY,
  createdSummary,
  parseCreated,
  readCreated,
  saveCreated,
  sshKeyNames,
} from './checkoutRules.ts';

const order = (id: string, orderNumber: string, totalMinor: number) => ({
  id,
  orderNumber,
  totalMinor,
  currency: 'EUR',
  periodMonths: 12,
  region: 'EU',
  product: { name: 'Cloud VPS 10' },
});
const created = {
  items: [order('o1', 'CV-0001', 5400), order('o2', 'CV-0002', 600)],
} as unknown as CreateOrdersResponse;

function memoryStore() {
  const values = new Map<string, string>();
  return {
    values,
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    removeItem: (key: string) => void values.delete(key),
  };
}

describe('checkout rules', () => {
  it('keeps created orders across a reload and forgets them once paid or left', () => {
    const store = memoryStore();
    saveCreated(created, store);
    expect(store.values.has(CHECKOUT_KEY)).toBe(true);
    expect(readCreated(store)).toEqual(created);
    saveCreated(null, store);
    expect(store.values.has(CHECKOUT_KEY)).toBe(false);
    expect(readCreated(store)).toBeNull();
  });

  it('ignores a stored value that is not a list of orders', () => {
    expect(parseCreated(null)).toBeNull();
    expect(parseCreated('not json')).toBeNull();
    expect(parseCreated('{"items":[]}')).toBeNull();
    expect(parseCreated('{"items":"CV-1"}')).toBeNull();
    expect(parseCreated(JSON.stringify(created))).toEqual(created);
  });

  it('survives a store that refuses to be used (private mode)', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(readCreated(broken)).toBeNull();
    expect(() => saveCreated(created, broken)).not.toThrow();
  });

  it('pays all created orders through the first, for their sum', () => {
    const summary = createdSummary(created);
    expect(summary.first.id).toBe('o1');
    expect(summary.totalMinor).toBe(6000);
    expect(summary.numbers).toBe('CV-0001, CV-0002');
    expect(summary.orders).toHaveLength(2);
  });

  it('names saved keys by name or short id, then the new ones', () => {
    const saved = new Map([['k-1111111-aaaa', 'laptop']]);
    const item = {
      sshKeyIds: ['k-1111111-aaaa', 'k-2222222-bbbb'],
      sshPublicKeys: [{ name: 'desk', publicKey: 'ssh-ed25519 AAAA' }],
    };
    expect(sshKeyNames(item, saved)).toEqual(['laptop', 'k-222222', 'desk']);
    expect(sshKeyNames({ sshKeyIds: [], sshPublicKeys: [] }, saved)).toEqual([]);
  });
});
