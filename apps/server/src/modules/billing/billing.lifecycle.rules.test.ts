import { describe, expect, it } from 'vitest';
import {
  DAY,
  endingOf,
  extensionOnPayment,
  reminderDue,
  renewalTerms,
  terminationWarningCutoff,
} from './billing.lifecycle.rules.ts';

const NOW = new Date('2026-03-10T12:00:00Z');
const days = (n: number) => new Date(NOW.getTime() + n * DAY);
const service = (serviceStatus: string, expiresAt: Date | null = days(10)) => ({
  id: 'vps-1',
  serviceStatus,
  expiresAt,
  suspendedAt: null,
});

describe('lifecycle rules', () => {
  it('reminds at the latest threshold passed, once per threshold', () => {
    const due = (n: number) => reminderDue({ id: 'inv', dueAt: days(n) }, NOW, [1, 7, 3]);
    expect(due(8)).toBeNull();
    expect(due(7)).toEqual({ key: 'reminder:inv:7', threshold: 7, daysLeft: 7 });
    expect(due(5)).toMatchObject({ threshold: 7, daysLeft: 5 });
    expect(due(2.5)).toMatchObject({ key: 'reminder:inv:3', daysLeft: 3 });
    expect(due(0.1)).toMatchObject({ threshold: 1, daysLeft: 1 });
  });

  it('renews at the ordered price when the order covers the same period and server, else at today’s price', () => {
    const vps = { id: 'vps-1', expiresAt: days(7), periodMonths: 3, productId: 'p1', region: 'EU' };
    const order = {
      periodMonths: 3,
      productId: 'p1',
      region: 'EU',
      subtotalMinor: 2_700,
      regionSurchargeMinor: 300,
    };
    expect(renewalTerms({ vps, order, price: 1_000, regionSurcharge: 200 })).toMatchObject({
      unitPriceMinor: 3_000,
      periodStart: days(7),
      periodEnd: new Date('2026-06-17T12:00:00Z'),
      key: `renewal:vps-1:${days(7).toISOString()}`,
    });
    const moved = { ...vps, region: 'US' };
    expect(renewalTerms({ vps: moved, order, price: 1_000, regionSurcharge: 200 }).unitPriceMinor).toBe(
      3_600,
    );
  });

  it('warns before termination at most as early as the suspension', () => {
    expect(terminationWarningCutoff(NOW, 14, 3)).toEqual(days(-11));
    expect(terminationWarningCutoff(NOW, 2, 5)).toEqual(NOW);
  });

  it('ends an unpaid service only from suspended, a cancelled one only once expired', () => {
    expect(endingOf(service('suspended'), 'unpaid', NOW)).toBe('terminated');
    expect(endingOf(service('active'), 'unpaid', NOW)).toBeNull();
    expect(endingOf(service('active', days(-0.01)), 'cancelled', NOW)).toBe('cancelled');
    expect(endingOf(service('active', days(1)), 'cancelled', NOW)).toBeNull();
    expect(endingOf(service('suspended', days(-1)), 'cancelled', NOW)).toBeNull();
    expect(endingOf(undefined, 'unpaid', NOW)).toBeNull();
  });

  it('a payment extends a live service to the period end, never backwards, and lifts a suspension', () => {
    expect(extensionOnPayment(service('active', days(3)), days(33))).toEqual({
      expiresAt: days(33),
      reactivate: false,
    });
    expect(extensionOnPayment(service('suspended', days(-4)), days(26))).toEqual({
      expiresAt: days(26),
      reactivate: true,
    });
    expect(extensionOnPayment(service('active', days(40)), days(33))).toBeNull();
    expect(extensionOnPayment(service('terminated', days(-20)), days(10))).toBeNull();
  });
});
