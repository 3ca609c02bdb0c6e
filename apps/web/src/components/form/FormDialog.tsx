import type { FormEvent, ReactNode } from 'react';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Button, type ButtonProps } from '../ui/Button.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { toast } from '../ui/Toast.tsx';
import { FormError, SubmitButton } from './FormBits.tsx';
import { onFieldError } from './validation.ts';

/**
 * A short form in a dialog: the failure of the last attempt on top, the fields, then "Cancelar" and the submit
 * button (which shows progress). While `pending`, neither Escape, the backdrop nor "Cancelar" closes it.
 */
type FormDialogProps = {
  title: string;
  description?: ReactNode;
  className?: string;
  onClose: () => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => unknown;
  pending: boolean;
  /** A failure not tied to one field. */
  error: unknown;
  /** What the submit button says. */
  submit: ReactNode;
  submitVariant?: ButtonProps['variant'];
  /** What the cancel button says ("Cancelar" by default). */
  cancel?: string;
  children: ReactNode;
};

export function FormDialog({
  title,
  description,
  className,
  onClose,
  onSubmit,
  pending,
  error,
  submit,
  submitVariant,
  cancel,
  children,
}: FormDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog
      open
      onClose={onClose}
      busy={pending}
      title={title}
      description={description}
      className={className}
    >
      <form noValidate className="flex flex-col gap-4" onSubmit={(event) => void onSubmit(event)}>
        <FormError error={error} />
        {children}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="outline" onClick={onClose} disabled={pending}>
            {cancel ?? t('actions.cancel')}
          </Button>
          <SubmitButton variant={submitVariant} pending={pending}>
            {submit}
          </SubmitButton>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * A question with a dangerous answer ("¿Eliminar …?") in a dialog: the confirm button calls `onConfirm`, never
 * again while the last call is `pending`. `children` may say more under the description.
 */
export function ConfirmDialog({
  onConfirm,
  submitVariant = 'danger',
  children = null,
  ...dialog
}: Omit<FormDialogProps, 'onSubmit' | 'children'> & { onConfirm: () => void; children?: ReactNode }) {
  return (
    <FormDialog
      {...dialog}
      submitVariant={submitVariant}
      onSubmit={(event) => {
        event.preventDefault();
        if (!dialog.pending) onConfirm();
      }}
    >
      {children}
    </FormDialog>
  );
}

/**
 * `mutate` callbacks of a dialog's form: on success a toast and close; a validation error of one of `fields` goes
 * under that field (and not on top of the form too).
 */
export function toastAndClose<F extends FieldValues>({
  message,
  onClose,
  setError,
  fields,
  reset,
}: {
  message: string;
  onClose: () => void;
  setError: UseFormSetError<F>;
  fields: readonly Path<F>[];
  /** The mutation's reset, which clears its error. */
  reset: () => void;
}) {
  return {
    onSuccess: () => {
      toast.success(message);
      onClose();
    },
    onError: onFieldError(reset, setError, fields),
  };
}
