// Money and number formatting. Amounts always arrive as integer minor units with an ISO currency.
import { useTranslation } from 'react-i18next';
import { intlLocale } from '../i18n/locale.ts';

const formatters = new Map<string, Intl.NumberFormat>();

function currencyFormatter(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** Formats integer minor units (e.g. cents) using the currency's own number of decimals. */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const formatter = currencyFormatter(locale, currency);
  const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  return formatter.format(minor / 10 ** digits);
}

/** Digits after the decimal point of a currency (2 for USD, 0 for CLP). */
export function currencyDigits(currency: string): number {
  try {
    return currencyFormatter('en', currency).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** "12,50" or "12.50" → 1250 minor units; null when it is not an amount. */
export function parseAmount(text: string, currency: string): number | null {
  const clean = text.trim().replace(/\s/g, '').replace(',', '.');
  const digits = currencyDigits(currency);
  const pattern = digits > 0 ? new RegExp(`^\\d+(\\.\\d{1,${digits}})?$`) : /^\d+$/;
  if (!pattern.test(clean)) return null;
  const [whole = '0', fraction = ''] = clean.split('.');
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

/** Minor units as the text of an amount input ("7.99"; "1500" for a currency without decimals). */
export function amountInput(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  return digits > 0 ? (minor / 10 ** digits).toFixed(digits) : String(minor);
}

/** RAM in MB shown as GB ("4 GB"), keeping one decimal only when needed. */
export function formatGb(mb: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(mb / 1024);
}

const RELATIVE_STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "hace 5 minutos" / "in 3 days", from an ISO date; `now` is injectable for tests. */
export function formatRelative(iso: string, locale: string, now = Date.now()): string {
  let value = (new Date(iso).getTime() - now) / 1000;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(value) < size) return format.format(Math.round(value), unit);
    value /= size;
  }
  return format.format(Math.round(value), 'year');
}

export function formatDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));
}

export function formatDateTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** Formatting helpers bound to the current UI language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = intlLocale(i18n.language);
  return {
    locale,
    money: (minor: number, currency: string) => formatMoney(minor, currency, locale),
    gb: (mb: number) => formatGb(mb, locale),
    number: (value: number) => new Intl.NumberFormat(locale).format(value),
    date: (iso: string) => formatDate(iso, locale),
    dateTime: (iso: string) => formatDateTime(iso, locale),
    relative: (iso: string) => formatRelative(iso, locale),
  };
}
