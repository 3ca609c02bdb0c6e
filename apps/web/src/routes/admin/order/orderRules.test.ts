import { describe, expect, it } from 'vitest';
import {
  allowedStatuses,
  freeInstancesFor,
  instanceMismatch,
  isFulfillable,
  mismatchScore,
  sentViaApi,
} from './orderRules.ts';

const order = { region: 'EU', product: { contaboProductId: 'V45' } };
const instance = (instanceId: number, extra: Record<string, unknown> = {}) => ({
  instanceId,
  productId: 'V45',
  region: 'EU',
  status: 'running',
  assignment: null,
  cancelDate: null,
  ...extra,
});

describe('admin order rules', () => {
  it('offers fulfilment only for paid or processing orders without a server', () => {
    expect(isFulfillable({ status: 'paid', vps: null })).toBe(true);
    expect(isFulfillable({ status: 'processing', vps: null })).toBe(true);
    expect(isFulfillable({ status: 'pending', vps: null })).toBe(false);
    expect(isFulfillable({ status: 'completed', vps: null })).toBe(false);
    expect(isFulfillable({ status: 'paid', vps: { id: 'v1' } } as never)).toBe(false);
  });

  it('tells an API purchase from an assignment by its variables', () => {
    expect(sentViaApi({ mode: 'api' })).toBe(true);
    expect(sentViaApi({ contaboInstanceId: 7 })).toBe(false);
    expect(sentViaApi(undefined)).toBe(false);
  });

  it('weighs another plan over another region over a stopped instance', () => {
    expect(mismatchScore(instance(1), order)).toBe(0);
    expect(mismatchScore(instance(1, { status: 'stopped' }), order)).toBe(0.5);
    expect(mismatchScore(instance(1, { region: 'US-east' }), order)).toBe(1);
    expect(mismatchScore(instance(1, { productId: 'V46' }), order)).toBe(2);
    expect(mismatchScore(instance(1, { productId: 'V46', region: 'US-east', status: null }), order)).toBe(
      3.5,
    );
    // Unknown facts are no difference.
    expect(mismatchScore(instance(1, { productId: null, region: null }), order)).toBe(0);
  });

  it('names the facts an instance differs on', () => {
    expect(instanceMismatch(instance(1), order)).toBeNull();
    expect(instanceMismatch(instance(1, { region: 'SIN' }), order)).toBe('region');
    expect(instanceMismatch(instance(1, { productId: 'V46' }), order)).toBe('product');
    expect(instanceMismatch(instance(1, { productId: 'V46', region: 'SIN' }), order)).toBe('both');
    expect(instanceMismatch(instance(1, { productId: null, region: null }), order)).toBeNull();
  });

  it('lists free instances, closest to the order first, then by id', () => {
    const items = [
      instance(9, { productId: 'V46' }),
      instance(5, { region: 'SIN' }),
      instance(8),
      instance(3, { assignment: { vpsId: 'x' } }),
      instance(4, { cancelDate: '2026-12-31' }),
      instance(2),
      instance(1, { status: 'stopped' }),
    ];
    expect(freeInstancesFor(items, order).map((i) => i.instanceId)).toEqual([2, 8, 1, 5, 9]);
  });

  it('reads the possible statuses of a refused transition, dropping unknown ones', () => {
    expect(allowedStatuses({ allowed: ['completed', 'bogus', 'cancelled'] })).toEqual([
      'completed',
      'cancelled',
    ]);
    expect(allowedStatuses({ allowed: 'completed' })).toEqual([]);
    expect(allowedStatuses(null)).toEqual([]);
    expect(allowedStatuses(undefined)).toEqual([]);
  });
});
