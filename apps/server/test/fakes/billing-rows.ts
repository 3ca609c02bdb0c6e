import { randomUUID } from 'node:crypto';
import type { vpsInstances } from '../../src/db/schema/index.ts';
import type { BillingUserRow, InvoiceRow } from '../../src/modules/billing/billing.repo.ts';
import type { TransactionRow } from '../../src/modules/payments/payments.repo.ts';
import { SETTINGS, type SettingKey, type SettingValue } from '../../src/settings/settings.registry.ts';
import { vpsRow } from './vps.ts';

/** Whole rows with plain defaults for the in-memory billing world (`billing.ts`), and settings without a database. */

export type VpsRow = typeof vpsInstances.$inferSelect;

export function userRow(overrides: Partial<BillingUserRow> = {}): BillingUserRow {
  const now = new Date('2026-01-01T00:00:00Z');
  return {
    id: randomUUID(),
    name: 'Ana Pérez',
    email: `ana-${randomUUID().slice(0, 8)}@example.test`,
    emailVerified: true,
    image: null,
    firstName: 'Ana',
    lastName: 'Pérez',
    phone: null,
    language: 'es',
    role: 'customer',
    banned: false,
    banReason: null,
    banExpires: null,
    twoFactorEnabled: false,
    companyName: null,
    taxId: null,
    addressLine1: null,
    addressLine2: null,
    city: null,
    state: null,
    postalCode: null,
    country: 'ES',
    lastLoginAt: null,
    legalAccepted: null,
    legalAcceptedAt: null,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

export function serviceRow(overrides: Partial<VpsRow> & { userId: string }): VpsRow {
  // The VPS fakes' row, without the details billing never reads (plan, name, address, image).
  return vpsRow({
    contaboProductId: null,
    name: 'vmi',
    displayName: null,
    ipAddress: null,
    osType: null,
    defaultUser: null,
    ...overrides,
  });
}

export function invoiceRow(overrides: Partial<InvoiceRow> & { userId: string }): InvoiceRow {
  const now = new Date('2026-01-01T00:00:00Z');
  return {
    id: randomUUID(),
    invoiceNumber: null,
    type: 'invoice',
    referenceInvoiceId: null,
    orderId: null,
    vpsInstanceId: null,
    status: 'issued',
    currency: 'EUR',
    subtotalMinor: 0,
    discountMinor: 0,
    taxMinor: 0,
    totalMinor: 0,
    taxName: null,
    taxRate: null,
    taxMode: 'exclusive',
    billTo: {},
    seller: {},
    language: 'es',
    periodStart: null,
    periodEnd: null,
    idempotencyKey: null,
    issuedAt: now,
    dueAt: now,
    paidAt: null,
    voidedAt: null,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

/** A transaction row as the database completes an insert: its defaults under what `row` sets, made at `now`. */
export function transactionRow(
  row: Partial<TransactionRow> & Pick<TransactionRow, 'userId' | 'provider' | 'amountMinor' | 'currency'>,
  now = new Date(),
): TransactionRow {
  return {
    id: randomUUID(),
    orderId: null,
    invoiceId: null,
    checkoutId: null,
    orderIds: [],
    kind: 'payment',
    providerTxId: null,
    providerEventId: null,
    providerAmountMinor: null,
    providerCurrency: null,
    exchangeRate: null,
    status: 'pending',
    reference: null,
    raw: null,
    createdAt: now,
    updatedAt: now,
    ...row,
  } as TransactionRow;
}

/** Settings as the registry's defaults, with `overrides` on top. */
export function memorySettings(overrides: Partial<{ [K in SettingKey]: SettingValue<K> }> = {}) {
  const value = <K extends SettingKey>(key: K) =>
    (key in overrides ? overrides[key] : SETTINGS[key].default) as SettingValue<K>;
  return {
    async get<K extends SettingKey>(key: K): Promise<SettingValue<K>> {
      return value(key);
    },
    async getMany<K extends SettingKey>(keys: readonly K[]): Promise<{ [P in K]: SettingValue<P> }> {
      const result = {} as { [P in K]: SettingValue<P> };
      for (const key of keys) result[key] = value(key) as SettingValue<typeof key>;
      return result;
    },
  };
}
