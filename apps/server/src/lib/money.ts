/**
 * Money is always an integer amount of minor units plus an ISO 4217 currency. Rounding happens here and only here:
 * half away from zero, to whole minor units.
 */
export interface Money {
  amountMinor: number;
  currency: string;
}

export function roundMinor(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

/** Applies a percentage (e.g. 10 for 10 %) to an amount in minor units. */
export function percentOf(amountMinor: number, percent: number): number {
  return roundMinor((amountMinor * percent) / 100);
}

export function applyDiscount(amountMinor: number, discountPercent: number): number {
  return amountMinor - percentOf(amountMinor, discountPercent);
}

/** Currencies whose minor unit is not 1/100 are listed; every other currency has 2 digits. */
export const MINOR_DIGITS: Record<string, number> = {
  JPY: 0,
  CLP: 0,
  PYG: 0,
  COP: 2,
  ARS: 2,
  MXN: 2,
  USD: 2,
  EUR: 2,
};

export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency.toUpperCase()] ?? 2;
}

/**
 * The one money locale per language, shared with the web app (`intlLocale` in apps/web/src/i18n/index.ts): Latin
 * American Spanish ("USD 74.04") and US English ("$74.04"), so e-mails, the invoice PDF and the app read the same.
 */
export function moneyLocale(languageOrLocale: string): string {
  return languageOrLocale.toLowerCase().startsWith('en') ? 'en-US' : 'es-419';
}

/** Formats for e-mails, the invoice PDF and logs, in the reader's language (`es`/`en` or a locale of them). */
export function formatMoney(amountMinor: number, currency: string, language = 'es'): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(moneyLocale(language), {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
  }).format(amountMinor / 10 ** digits);
}

/** Converts with the admin-set rate frozen on the transaction; rounding in minor units of the target currency. */
export function convertAmount(amountMinor: number, from: string, to: string, rate: number): number {
  if (from === to) return amountMinor;
  return Math.round(amountMinor * rate * 10 ** (minorDigits(to) - minorDigits(from)));
}
