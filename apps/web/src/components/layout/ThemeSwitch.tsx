import { Monitor, Moon, Sun } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useTheme } from '../../lib/theme.ts';
import { Button } from '../ui/Button.tsx';

const icons = { system: Monitor, light: Sun, dark: Moon } as const;

/** Cycles system → light → dark; the label says the current choice and what a click does. */
export function ThemeSwitch({ withLabel = false }: { withLabel?: boolean }) {
  const { t } = useTranslation();
  const { preference, cycle } = useTheme();
  const Icon = icons[preference];
  const current = t(`theme.${preference}`);
  const label = t('theme.switchLabel', { current });
  return (
    <Button
      variant="ghost"
      size={withLabel ? 'sm' : 'icon'}
      onClick={cycle}
      aria-label={label}
      title={label}
      className={withLabel ? 'justify-start' : undefined}
    >
      <Icon aria-hidden="true" />
      {withLabel && <span>{t('theme.current', { current })}</span>}
    </Button>
  );
}
