import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CartErrorKey, NewKeyError } from '../cartRules.ts';
import { FieldMessage } from '../shopBits.tsx';

/** A labelled cart control with its hint (`<id>-hint`) and error (`<id>-error`) for aria-describedby. */
export function Field({
  id,
  label,
  hint,
  error,
  optional,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: CartErrorKey | NewKeyError | undefined;
  optional?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="flex min-w-0 flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
        {optional && <span className="font-normal text-muted-foreground"> {t('form.optional')}</span>}
      </label>
      {children}
      {hint && (
        <div id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </div>
      )}
      {error && <FieldMessage id={`${id}-error`} message={error} />}
    </div>
  );
}
