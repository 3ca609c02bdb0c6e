import type { ReactNode } from 'react';
import { FieldShell } from '../../../components/form/fields.tsx';
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
  return (
    <FieldShell
      id={id}
      label={label}
      hint={hint}
      optional={optional}
      className="min-w-0"
      errorElement={error && <FieldMessage id={`${id}-error`} message={error} />}
    >
      {children}
    </FieldShell>
  );
}
