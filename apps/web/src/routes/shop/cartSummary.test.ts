import { describe, expect, it } from 'vitest';
import type { ProductDetail } from '../../api/models.ts';
import { line, plan } from './cartFixtures.ts';
import { itemPreview, summarizeCart, type LoadedPlans } from './cartSummary.ts';

const loaded = (extra: Partial<LoadedPlans> = {}): LoadedPlans => ({
  byId: new Map<string, ProductDetail>([['p1', plan]]),
  missing: new Set(),
  pending: false,
  ...extra,
});

describe('cart summary', () => {
  it('prices each line with its period, region surcharge and setup fee', () => {
    expect(itemPreview(line(), loaded())?.totalMinor).toBe(5400);
    // 12 months × 1.50 surcharge on top of the yearly price.
    expect(itemPreview(line({ region: 'US-east' }), loaded())?.totalMinor).toBe(5400 + 1800);
    // Monthly: price plus the setup fee.
    expect(itemPreview(line({ periodMonths: 1 }), loaded())?.totalMinor).toBe(600);
    expect(itemPreview(line({ productId: 'gone' }), loaded())).toBeUndefined();
  });

  it('adds the lines up and offers checkout when every line is valid and priced', () => {
    const facts = summarizeCart([line({ id: 'a' }), line({ id: 'b', periodMonths: 1 })], loaded(), {});
    expect(facts.totalMinor).toBe(6000);
    expect(facts.currency).toBe('EUR');
    expect(facts.previews).toHaveLength(2);
    expect(facts).toMatchObject({ invalid: false, ready: true });
  });

  it('holds checkout while plans load, and shows no total before a price is known', () => {
    const waiting = summarizeCart([line()], loaded({ byId: new Map(), pending: true }), {});
    expect(waiting).toMatchObject({ ready: false, invalid: false, currency: undefined, totalMinor: 0 });
    expect(summarizeCart([line()], loaded({ pending: true }), {}).ready).toBe(false);
  });

  it('refuses checkout for a withdrawn plan, a broken rule or an error the API sent back', () => {
    const withdrawn = summarizeCart([line()], loaded({ byId: new Map(), missing: new Set(['p1']) }), {});
    expect(withdrawn).toMatchObject({ invalid: true, ready: false });
    expect(summarizeCart([line({ region: 'SIN' })], loaded(), {})).toMatchObject({
      invalid: true,
      ready: false,
    });
    const rejected = summarizeCart([line({ id: 'a' })], loaded(), {
      a: { displayName: 'cart.errors.displayName' },
    });
    expect(rejected).toMatchObject({ invalid: true, ready: false });
    // A cleared field (undefined) no longer blocks.
    expect(summarizeCart([line({ id: 'a' })], loaded(), { a: {} }).ready).toBe(true);
  });
});
