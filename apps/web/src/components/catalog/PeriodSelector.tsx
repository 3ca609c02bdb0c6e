import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeriodMonths } from '../../api/models.ts';
import { cn } from '../../lib/cn.ts';

export const PERIODS: readonly PeriodMonths[] = [1, 6, 12];

export function isPeriod(value: unknown): value is PeriodMonths {
  return PERIODS.includes(Number(value) as PeriodMonths);
}

type PeriodSelectorProps = {
  value: PeriodMonths;
  onChange: (period: PeriodMonths) => void;
  /** Highest discount per period, shown next to each option. */
  discounts?: Partial<Record<PeriodMonths, number>>;
  className?: string;
};

/** Radio group styled as a segmented control (arrow keys move between options natively). */
export function PeriodSelector({ value, onChange, discounts, className }: PeriodSelectorProps) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className={cn('min-w-0', className)}>
      <legend className="mb-1.5 text-sm font-medium">{t('period.label')}</legend>
      <div className="grid grid-cols-3 gap-1 rounded-xl border border-border bg-card p-1">
        {PERIODS.map((period) => {
          const discount = discounts?.[period] ?? 0;
          return (
            <label
              key={period}
              className={cn(
                'flex min-h-10 cursor-pointer flex-col items-center justify-center rounded-lg px-2 py-1 text-center text-sm transition-colors',
                'has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-ring',
                value === period
                  ? 'bg-primary font-semibold text-primary-foreground'
                  : 'text-foreground hover:bg-muted',
              )}
            >
              <input
                type="radio"
                name={name}
                value={period}
                checked={value === period}
                onChange={() => onChange(period)}
                className="sr-only"
              />
              <span>{t('period.months', { count: period })}</span>
              {discount > 0 && (
                <span
                  className={cn(
                    'text-xs',
                    value === period ? 'opacity-90' : 'text-green-700 dark:text-green-400',
                  )}
                >
                  {t('period.save', { percent: discount })}
                </span>
              )}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
