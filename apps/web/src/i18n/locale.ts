/** The languages of the UI (Spanish first: the default). */
export const LANGUAGES = ['es', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * Locale used by Intl for money and dates: neutral Latin American Spanish, US English. The server formats money in
 * e-mails and the invoice PDF with the same table (`moneyLocale` in apps/server/src/lib/money.ts).
 */
export function intlLocale(language: string): string {
  return language.startsWith('en') ? 'en-US' : 'es-419';
}
