import { describe, expect, it } from 'vitest';
import { AppError } from '../lib/errors.ts';
import { assertCanSeeInvoice, canSeeInvoice } from './billing/billing.policy.ts';
import { assertCanUseOrder, canUseOrder } from './orders/orders.policy.ts';
import { assertCanUseServer, canUseServer } from './vps/vps.policy.ts';

const alice = { id: 'alice' };
const bob = { id: 'bob' };

function notFoundOf(fn: () => void): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return `${error.code}: ${error.message}`;
    throw error;
  }
  return undefined;
}

describe('ownership policies', () => {
  it('lets a customer use their own server and hides everyone else’s as not found', () => {
    expect(canUseServer(alice, { userId: 'alice' })).toBe(true);
    expect(canUseServer(bob, { userId: 'alice' })).toBe(false);
    expect(notFoundOf(() => assertCanUseServer(alice, { userId: 'alice' }))).toBeUndefined();
    expect(notFoundOf(() => assertCanUseServer(bob, { userId: 'alice' }))).toMatch(/^not_found: .*Server/);
    expect(notFoundOf(() => assertCanUseServer(alice, undefined))).toMatch(/^not_found: .*Server/);
  });

  it('lets a customer use their own order only', () => {
    expect(canUseOrder('alice', { userId: 'alice' })).toBe(true);
    expect(canUseOrder('bob', { userId: 'alice' })).toBe(false);
    expect(notFoundOf(() => assertCanUseOrder('bob', { userId: 'alice' }))).toMatch(/^not_found: .*Order/);
    expect(notFoundOf(() => assertCanUseOrder('bob', null))).toMatch(/^not_found: .*Order/);
  });

  it('shows an invoice to its customer and to admins, never a draft', () => {
    const issued = { userId: 'alice', status: 'issued' };
    expect(canSeeInvoice(alice, issued)).toBe(true);
    expect(canSeeInvoice(bob, issued)).toBe(false);
    expect(canSeeInvoice({ id: 'staff', role: 'admin' }, issued)).toBe(true);
    expect(canSeeInvoice(alice, { userId: 'alice', status: 'draft' })).toBe(false);
    expect(canSeeInvoice({ id: 'staff', role: 'admin' }, { userId: 'alice', status: 'draft' })).toBe(false);
    expect(notFoundOf(() => assertCanSeeInvoice(bob, issued))).toMatch(/^not_found: .*Invoice/);
  });
});
