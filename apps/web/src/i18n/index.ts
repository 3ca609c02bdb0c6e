// i18next setup. Language order: saved choice (localStorage, then the `lang` cookie the server can also read),
// then the browser's language, then Spanish. Each catalogue is its own chunk and a visitor downloads only the one
// they read (the panel and admin strings made shipping both too heavy for the public bundle); main.tsx renders once
// `i18nReady` has it, and setLanguage() loads the other one before switching.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type es from './es.json';
import type en from './en.json';
import { LANGUAGES, type Language } from './locale.ts';

export { LANGUAGES, type Language };
export const DEFAULT_LANGUAGE: Language = 'es';

// Compile-time check: the English catalogue has every key the Spanish one has.
const _enHasEveryKey = (catalogue: typeof en): typeof es => catalogue;
void _enHasEveryKey;

type Catalogue = typeof es;
const catalogues: Record<Language, () => Promise<{ default: Catalogue }>> = {
  es: () => import('./es.json'),
  en: () => import('./en.json'),
};

/** Downloads a language's strings once (a failed download is retried on the next call). */
async function loadCatalogue(language: Language): Promise<void> {
  if (i18n.hasResourceBundle(language, 'translation')) return;
  const { default: catalogue } = await catalogues[language]();
  i18n.addResourceBundle(language, 'translation', catalogue, true, true);
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof es };
  }
}

const STORAGE_KEY = 'lang';
const COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function readCookie(name: string): string | undefined {
  const match = document.cookie.split('; ').find((part) => part.startsWith(`${name}=`));
  return match ? decodeURIComponent(match.slice(name.length + 1)) : undefined;
}

function readStorage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function detectLanguage(): Language {
  const saved = readStorage() ?? readCookie(STORAGE_KEY);
  if (isLanguage(saved)) return saved;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag?.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return DEFAULT_LANGUAGE;
}

/** Switches the UI language and remembers it (localStorage + cookie) for the next visit. */
export async function setLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage blocked: the cookie still carries the choice.
  }
  document.cookie = `${STORAGE_KEY}=${language}; path=/; max-age=${COOKIE_MAX_AGE}; samesite=lax`;
  await loadCatalogue(language);
  await i18n.changeLanguage(language);
}

export { intlLocale } from './locale.ts';

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

const initialLanguage = detectLanguage();
void i18n.use(initReactI18next).init({
  resources: {},
  partialBundledLanguages: true,
  lng: initialLanguage,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

/** Resolves once the strings of the starting language are in (or, offline, the default language's). */
export const i18nReady: Promise<void> = loadCatalogue(initialLanguage)
  .catch(() => loadCatalogue(DEFAULT_LANGUAGE))
  .catch(() => undefined);

export default i18n;
