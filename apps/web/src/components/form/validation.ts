// Shared pieces of the form schemas and the bridge from API errors to field errors. Schema messages are i18n keys
// (`validation.*`), translated where they are shown, so one schema serves both languages.
import type { TFunction } from 'i18next';
import type { FieldValues, Path, UseFormHandleSubmit, UseFormReset, UseFormSetError } from 'react-hook-form';
import { z } from 'zod';
import { ApiError } from '../../api/client.ts';
import type es from '../../i18n/es.json';
import { isKnownErrorCode, type KnownErrorCode } from '../../lib/errors.ts';

export type ValidationKey = `validation.${keyof (typeof es)['validation']}`;
type ErrorCodeKey = `errors.codes.${KnownErrorCode}`;

/** Translates a field message: a `validation.*` or `errors.codes.*` key; anything else reads as "not valid". */
export function translateValidation(t: TFunction, message: string): string {
  if (message.startsWith('validation.')) return t(message as ValidationKey);
  if (message.startsWith('errors.codes.')) return t(message as ErrorCodeKey);
  return t('validation.invalid');
}

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

export const requiredText = (max: number) =>
  z.string().trim().min(1, 'validation.required').max(max, 'validation.tooLong');

export const optionalText = (max: number) => z.string().trim().max(max, 'validation.tooLong');

export const emailSchema = z
  .string()
  .trim()
  .min(1, 'validation.required')
  .max(255, 'validation.tooLong')
  .pipe(z.email('validation.email'));

/** The API's rule: 10 to 128 characters (and not a common password, checked by the server). */
export const newPasswordSchema = z
  .string()
  .min(1, 'validation.required')
  .min(PASSWORD_MIN, 'validation.passwordTooShort')
  .max(PASSWORD_MAX, 'validation.passwordTooLong');

export const currentPasswordSchema = z.string().min(1, 'validation.required');

export const phoneSchema = z
  .string()
  .trim()
  .refine((value) => value === '' || /^\+?[\d\s().-]{6,30}$/.test(value), 'validation.phone');

/** TOTP code: 6 digits (spaces ignored). */
export const totpCodeSchema = z
  .string()
  .transform((value) => value.replace(/\s+/g, ''))
  .refine((value) => value.length > 0, 'validation.required')
  .refine((value) => /^\d{6}$/.test(value), 'validation.totpCode');

/** Empty optional text goes to the API as null ("remove this value"). */
export const emptyToNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

type Detail = { field?: unknown; message?: unknown };

/** Field names named by a 400 validation_error (`body.email` → `email`). */
export function detailFields(error: ApiError): string[] {
  if (!Array.isArray(error.details)) return [];
  return (error.details as Detail[])
    .map((detail) => (typeof detail?.field === 'string' ? detail.field.replace(/^body\./, '') : ''))
    .filter(Boolean);
}

type CodeTarget<T extends FieldValues> = Path<T> | { field: Path<T>; message: ValidationKey };

/**
 * Puts an API error under the field it concerns. `codeFields` maps error codes to a field (e.g. email_taken →
 * email), optionally with the message to show; validation_error details are matched by name. Returns true when at
 * least one field got the error, so the form shows no generic alert.
 */
export function applyApiError<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
  codeFields: Partial<Record<string, CodeTarget<T>>> = {},
): boolean {
  if (!(error instanceof ApiError)) return false;
  const target = codeFields[error.code];
  if (target) {
    const field = typeof target === 'object' ? target.field : target;
    const message =
      typeof target === 'object'
        ? target.message
        : isKnownErrorCode(error.code)
          ? `errors.codes.${error.code}`
          : 'validation.invalid';
    setError(field, { type: 'server', message }, { shouldFocus: true });
    return true;
  }
  if (error.code !== 'validation_error') return false;
  let handled = false;
  for (const name of detailFields(error)) {
    // Nested API fields (`billing.country`) match the form's flat field of the same last name.
    const field = fields.find((candidate) => name === candidate || name.endsWith(`.${candidate}`));
    if (!field) continue;
    setError(field, { type: 'server', message: 'validation.invalid' }, { shouldFocus: !handled });
    handled = true;
  }
  return handled;
}

/**
 * A mutation's `onError` for a form: the API error goes under its field (see `applyApiError`), and when it did,
 * `reset` clears the mutation's error so no alert on top of the form repeats it.
 */
export function onFieldError<T extends FieldValues>(
  reset: () => void,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
  codeFields: Partial<Record<string, CodeTarget<T>>> = {},
): (error: unknown) => void {
  return (error) => {
    if (applyApiError(error, setError, fields, codeFields)) reset();
  };
}

/** What `submitToMutation` needs of a TanStack mutation. */
export type FormMutation<I, D> = {
  isPending: boolean;
  reset: () => void;
  mutate: (input: I, options: { onSuccess: (data: D) => void; onError: (error: unknown) => void }) => void;
};

/**
 * A form's submit handler that sends it with `mutation`: `input` turns the values into what the API takes (the
 * values as they are when left out), never while the last one is pending; once it went through, the form is
 * emptied when `resetOnSuccess`, then `onSuccess` gets the answer and the values; an API error goes under its field
 * as `onFieldError` does.
 */
export function submitToMutation<V extends FieldValues, T, I, D>(
  form: { handleSubmit: UseFormHandleSubmit<V, T>; setError: UseFormSetError<V>; reset: UseFormReset<V> },
  mutation: FormMutation<I, D>,
  options: {
    input?: (values: T) => I;
    resetOnSuccess?: boolean;
    onSuccess?: (data: D, values: T) => void;
    /** The fields an API error may go under (none: the form shows every failure on top). */
    fields?: readonly Path<V>[];
    codeFields?: Partial<Record<string, CodeTarget<V>>>;
  } = {},
) {
  const { input, resetOnSuccess = false, onSuccess, fields = [], codeFields } = options;
  return form.handleSubmit((values) => {
    if (mutation.isPending) return;
    mutation.mutate(input ? input(values) : (values as unknown as I), {
      onSuccess: (data) => {
        if (resetOnSuccess) form.reset();
        onSuccess?.(data, values);
      },
      onError: onFieldError(mutation.reset, form.setError, fields, codeFields),
    });
  });
}
