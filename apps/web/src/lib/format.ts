// Money and number formatting. Amounts always arrive as integer minor units with an ISO currency.
import { useTranslation } from 'react-i18next';
import { intlLocale } from '../i18n/index.ts';

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

/** RAM in MB shown as GB ("4 GB"), keeping one decimal only when needed. */
export function formatGb(mb: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(mb / 1024);
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
  };
}
