/** A calendar day in words, in UTC ("10 de marzo de 2026", "10 March 2026"): e-mails and stored fallback texts. */
export function formatDay(date: Date, language: 'es' | 'en'): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'es-ES', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}
