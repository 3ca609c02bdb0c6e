import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn.ts';

export type CompareControl = { checked: boolean; disabled?: boolean; onChange: (checked: boolean) => void };

/** "Comparar" checkbox of a plan on the pricing page (up to 4 plans; the rest are disabled once 4 are chosen). */
export function CompareToggle({
  name,
  checked,
  disabled,
  onChange,
  className,
}: CompareControl & { name: string; className?: string }) {
  const { t } = useTranslation();
  return (
    <label
      className={cn(
        'inline-flex min-h-10 cursor-pointer items-center gap-2 rounded-lg px-1 text-sm font-medium select-none',
        'has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-60',
        className,
      )}
      title={disabled ? t('pricing.compareBar.max') : undefined}
    >
      <input
        type="checkbox"
        checked={checked}
        disabled={disabled && !checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-label={t('plan.compareLabel', { name })}
        className="size-4 accent-primary"
      />
      <span aria-hidden="true">{t('plan.compare')}</span>
    </label>
  );
}
