import { minorDigits } from '../../lib/money.ts';

/**
 * Minor ↔ major unit conversion for providers that speak major units (PayPal "12.34", MercadoPago 12.34). Pure string
 * and integer arithmetic: no `amount / 100`, so no binary floating-point drift. Decimals per currency come from the
 * platform's one table (`lib/money.ts`), so what we charge is exactly what we stored.
 */

const CURRENCY = /^[A-Z]{3}$/;

export function currencyDigits(currency: string): number {
  const code = currency.toUpperCase();
  if (!CURRENCY.test(code)) throw new RangeError(`Not an ISO 4217 currency code: "${currency}"`);
  return minorDigits(code);
}

/** 1234 USD → "12.34"; 1500 CLP → "1500"; -5 USD → "-0.05". */
export function minorToMajor(amountMinor: number, currency: string): string {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new RangeError(`amountMinor must be an integer number of minor units, got ${amountMinor}`);
  }
  const digits = currencyDigits(currency);
  const sign = amountMinor < 0 ? '-' : '';
  const abs = String(Math.abs(amountMinor));
  if (digits === 0) return sign + abs;
  const padded = abs.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/** For JSON APIs that take a number (MercadoPago `unit_price`): the shortest double that prints as the string. */
export function minorToMajorNumber(amountMinor: number, currency: string): number {
  return Number(minorToMajor(amountMinor, currency));
}

/**
 * "12.34" / 12.34 USD → 1234; "1500" CLP → 1500. Extra decimals beyond the currency's are rounded half away from
 * zero (the platform's rounding rule); anything that is not a plain decimal number throws.
 */
export function majorToMinor(value: string | number, currency: string): number {
  const digits = currencyDigits(currency);
  const text = typeof value === 'number' ? numberToPlainString(value) : value.trim();
  const match = /^([+-])?(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) throw new RangeError(`Not a decimal amount: "${String(value)}"`);
  const [, signPart, intPart = '0', fracPart = ''] = match;
  const kept = fracPart.slice(0, digits).padEnd(digits, '0');
  const roundUp = (fracPart[digits] ?? '0') >= '5';
  let minor = Number(intPart + kept) + (roundUp ? 1 : 0);
  if (!Number.isSafeInteger(minor)) throw new RangeError(`Amount out of range: "${String(value)}"`);
  if (signPart === '-' && minor !== 0) minor = -minor;
  return minor;
}

function numberToPlainString(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite amount: ${value}`);
  const text = String(value);
  if (!/e/i.test(text)) return text;
  // Only tiny values print in exponent form below 1e21; 20 decimals is far past any currency's precision.
  if (Math.abs(value) >= 1e21) throw new RangeError(`Amount out of range: ${value}`);
  return value.toFixed(20);
}
