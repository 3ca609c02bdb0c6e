// Labelled form controls for react-hook-form: `{...register('email')}` spreads onto them. Errors hold a
// `validation.*` message key (from the zod schema or the API's details) and are shown under the field, linked with
// aria-describedby so screen readers read them with the field.
import { AlertCircle, Eye, EyeOff } from 'lucide-react';
import {
  useId,
  useState,
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn.ts';
import { translateValidation } from './validation.ts';

export const controlClass =
  'block w-full rounded-lg border border-border bg-card px-3 text-base text-foreground shadow-xs sm:text-sm ' +
  'placeholder:text-muted-foreground/80 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring ' +
  'disabled:cursor-not-allowed disabled:opacity-60 aria-invalid:border-red-600 dark:aria-invalid:border-red-400';

type FieldShellProps = {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  /** Shown instead of `error` under the control (a form with messages of its own, e.g. the cart's). */
  errorElement?: ReactNode;
  optional?: boolean;
  className?: string;
  children: ReactNode;
};

/** A control with its label (and "(opcional)"), then its hint (`<id>-hint`) and its error (`<id>-error`). */
export function FieldShell({
  id,
  label,
  hint,
  error,
  errorElement,
  optional,
  className,
  children,
}: FieldShellProps) {
  const { t } = useTranslation();
  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
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
      {errorElement ?? <FieldError id={`${id}-error`} message={error} />}
    </div>
  );
}

export function FieldError({ id, message }: { id?: string; message?: string | undefined }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <p id={id} className="flex items-start gap-1.5 text-sm text-red-700 dark:text-red-300">
      <AlertCircle aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      {translateValidation(t, message)}
    </p>
  );
}

/** The ids that tie a control to its hint and its error, as `aria-describedby` wants them. */
function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

type CommonProps = {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  optional?: boolean;
  className?: string;
};

/**
 * Splits a field's props: what its shell (label, hint, error) takes, the attributes that tie the control to them,
 * and the rest, for the control itself.
 */
function useField<P extends CommonProps & { id?: string | undefined }>(props: P) {
  const { label, hint, error, optional, className, id: idProp, ...rest } = props;
  const autoId = useId();
  const id = idProp ?? autoId;
  return {
    shell: { id, label, hint, error, optional, className },
    control: {
      id,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': describedBy(id, hint, error),
    },
    rest,
  };
}

export type TextFieldProps = CommonProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'className'> & { ref?: Ref<HTMLInputElement> };

export function TextField(props: TextFieldProps) {
  const { shell, control, rest } = useField(props);
  return (
    <FieldShell {...shell}>
      <input {...control} className={cn(controlClass, 'h-11')} {...rest} />
    </FieldShell>
  );
}

/** Password input with a show/hide button (the button is outside the tab order of the form's submit flow). */
export function PasswordField(props: Omit<TextFieldProps, 'type'>) {
  const { t } = useTranslation();
  const { shell, control, rest } = useField(props);
  const [visible, setVisible] = useState(false);
  const Icon = visible ? EyeOff : Eye;
  return (
    <FieldShell {...shell}>
      <div className="relative">
        <input
          {...control}
          type={visible ? 'text' : 'password'}
          className={cn(controlClass, 'h-11 pr-12')}
          {...rest}
        />
        <button
          type="button"
          onClick={() => setVisible((value) => !value)}
          aria-label={visible ? t('form.hidePassword') : t('form.showPassword')}
          aria-pressed={visible}
          aria-controls={control.id}
          className="absolute inset-y-0.5 right-0.5 flex w-10 items-center justify-center rounded-md text-muted-foreground hover:text-foreground"
        >
          <Icon aria-hidden="true" className="size-4" />
        </button>
      </div>
    </FieldShell>
  );
}

export type TextareaFieldProps = CommonProps &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'className'> & { ref?: Ref<HTMLTextAreaElement> };

export function TextareaField(props: TextareaFieldProps) {
  const { shell, control, rest } = useField(props);
  return (
    <FieldShell {...shell}>
      <textarea
        {...control}
        className={cn(controlClass, 'min-h-28 py-2.5 font-mono text-sm break-all')}
        {...rest}
      />
    </FieldShell>
  );
}

export type SelectFieldProps = CommonProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'className'> & { ref?: Ref<HTMLSelectElement> };

export function SelectField(props: SelectFieldProps) {
  const { shell, control, rest } = useField(props);
  return (
    <FieldShell {...shell}>
      <select {...control} className={cn(controlClass, 'h-11 pr-8')} {...rest} />
    </FieldShell>
  );
}

export type CheckboxFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'className' | 'type'> & {
  label: ReactNode;
  /** A line under the label that says what the option does. */
  hint?: ReactNode;
  className?: string;
  ref?: Ref<HTMLInputElement>;
};

/**
 * A checkbox with its label and, under it, what it does. The whole row is the click target (≥ 40 px high); the
 * accessible name is the label alone and the hint is its description.
 */
export function CheckboxField({ label, hint, className, id: idProp, ...input }: CheckboxFieldProps) {
  const autoId = useId();
  const id = idProp ?? autoId;
  return (
    <label htmlFor={id} className={cn('flex min-h-10 cursor-pointer items-start gap-3 text-sm', className)}>
      <input
        id={id}
        type="checkbox"
        aria-labelledby={`${id}-label`}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="mt-0.5 size-4 shrink-0 accent-primary"
        {...input}
      />
      <span className="flex min-w-0 flex-col">
        <span id={`${id}-label`} className="font-medium">
          {label}
        </span>
        {hint && (
          <span id={`${id}-hint`} className="text-xs text-muted-foreground">
            {hint}
          </span>
        )}
      </span>
    </label>
  );
}
