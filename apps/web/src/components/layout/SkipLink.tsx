import { useTranslation } from 'react-i18next';

/** "Saltar al contenido": the first stop of the keyboard, shown only while focused; it leads to `#contenido`. */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a
      href="#contenido"
      className="sr-only z-50 rounded-lg bg-primary px-4 py-2 text-primary-foreground focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
    >
      {t('nav.skipToContent')}
    </a>
  );
}
