import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { saveProfileLanguage } from '../../api/session.ts';
import { LANGUAGES, setLanguage } from '../../i18n/index.ts';
import { cn } from '../../lib/cn.ts';

/** Two-button ES/EN switch; the pressed one is the current language. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <div
      role="group"
      aria-label={t('language.label')}
      className={cn('flex rounded-lg border border-border p-0.5', className)}
    >
      {LANGUAGES.map((language) => {
        const active = i18n.language === language;
        return (
          <button
            key={language}
            type="button"
            lang={language}
            aria-pressed={active}
            aria-label={t(`language.names.${language}`)}
            onClick={() => {
              void setLanguage(language);
              // A signed-in user's choice also goes to the profile (e-mails follow it).
              saveProfileLanguage(queryClient, language);
            }}
            className={cn(
              'h-9 min-w-10 rounded-md px-2 text-sm font-semibold uppercase transition-colors',
              active
                ? 'bg-primary text-primary-foreground'
                : 'text-muted-foreground hover:bg-muted hover:text-foreground',
            )}
          >
            {language}
          </button>
        );
      })}
    </div>
  );
}
