import { describe, expect, it } from 'vitest';
import { addMonths, ManualClock } from './clock.ts';
import { createCipher, generatePassword, sha256Hex } from './crypto.ts';
import { applyDiscount, formatMoney, percentOf } from './money.ts';
import { priceForPeriod } from '../modules/catalog/pricing.ts';

describe('money', () => {
  it('rounds half away from zero in minor units', () => {
    expect(percentOf(999, 5)).toBe(50); // 49.95 → 50
    expect(percentOf(-999, 5)).toBe(-50);
    expect(applyDiscount(4794, 10)).toBe(4315); // 479.4 → 479
  });

  it('formats with one money locale per language, the same as the web app', () => {
    expect(formatMoney(123456, 'USD', 'en')).toBe('$1,234.56');
    // The web app's formatMoney (apps/web/src/lib/format.test.ts) expects these very strings.
    expect(formatMoney(7404, 'USD', 'es')).toBe('USD\u00a074.04');
    expect(formatMoney(7404, 'USD', 'es-ES')).toBe('USD\u00a074.04');
    expect(formatMoney(7404, 'USD', 'en-US')).toBe('$74.04');
    expect(formatMoney(1999, 'EUR', 'es')).toBe('EUR\u00a019.99');
  });
});

describe('pricing', () => {
  const rule = {
    periodMonths: 12,
    discountPercent: 10,
    finalPriceMinor: null,
    setupFeeMinor: 0,
    costMinor: 6540,
    isActive: true,
  };

  it('applies the period discount to the monthly price', () => {
    expect(priceForPeriod(799, rule)).toEqual({
      periodMonths: 12,
      totalMinor: 8629,
      monthlyMinor: 719,
      discountPercent: 10,
      setupFeeMinor: 0,
      costMinor: 6540,
      marginMinor: 2089,
    });
  });

  it('prefers a fixed final price and reports its effective discount', () => {
    const price = priceForPeriod(1000, { ...rule, finalPriceMinor: 9000, setupFeeMinor: 500 });
    expect(price.totalMinor).toBe(9000);
    expect(price.discountPercent).toBe(25);
    expect(price.marginMinor).toBe(9000 + 500 - 6540);
  });
});

describe('crypto', () => {
  it('hashes with SHA-256 in hex (known vectors)', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('ñ')).toBe('024bb90888ca89a15a19e9bdd8c712bfb070465fce1ef25e43c170ea44fc5e5f'); // UTF-8
  });

  const cipher = createCipher('ab'.repeat(32));

  it('round-trips with AES-256-GCM and never repeats a ciphertext', () => {
    const a = cipher.encrypt('contraseña-raíz');
    const b = cipher.encrypt('contraseña-raíz');
    expect(a).not.toBe(b);
    expect(a).not.toContain('contraseña');
    expect(cipher.decrypt(a)).toBe('contraseña-raíz');
  });

  it('detects tampering and wrong keys', () => {
    const token = cipher.encrypt('secret');
    const parts = token.split(':');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => cipher.decrypt(parts.join(':'))).toThrow();
    expect(() => createCipher('cd'.repeat(32)).decrypt(token)).toThrow();
    expect(() => createCipher('abcd')).toThrow(/32 bytes/);
  });

  it('generates passwords that meet Contabo secret policy', () => {
    for (let i = 0; i < 50; i++) {
      const pw = generatePassword();
      expect(pw).toHaveLength(20);
      expect(pw).toMatch(/[A-Z]/);
      expect(pw).toMatch(/[a-z]/);
      expect(pw.replace(/[^0-9]/g, '').length).toBeGreaterThanOrEqual(3);
      expect(pw).toMatch(/[!@#$^&*?_~]/);
    }
  });
});

describe('clock', () => {
  it('adds months clamping to the end of shorter months', () => {
    expect(addMonths(new Date('2026-01-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(addMonths(new Date('2026-03-15T00:00:00Z'), 12).toISOString()).toBe('2027-03-15T00:00:00.000Z');
  });

  it('moves only when told', () => {
    const clock = new ManualClock('2026-05-01T00:00:00Z');
    clock.advanceDays(3);
    expect(clock.now().toISOString()).toBe('2026-05-04T00:00:00.000Z');
  });
});
