import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, type ButtonProps } from '../ui/Button.tsx';
import { SubmitButton } from './FormBits.tsx';

/**
 * The buttons of a dialog that asks before acting: "Cancelar" (or `cancel`), then the confirm button, which shows
 * progress while `pending` and does not call `onConfirm` again meanwhile. With `inForm` the confirm button submits
 * a form of its own (and fills the width of the stacked footer on phones).
 */
export function ConfirmFooter({
  onCancel,
  onConfirm,
  pending,
  pendingLabel,
  cancel,
  variant = 'danger',
  inForm = false,
  children,
}: {
  onCancel: () => void;
  onConfirm: () => void;
  pending: boolean;
  pendingLabel?: string;
  /** What the cancel button says ("Cancelar" by default). */
  cancel?: string;
  variant?: ButtonProps['variant'];
  inForm?: boolean;
  /** What the confirm button says. */
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const confirm = () => {
    if (!pending) onConfirm();
  };
  const cancelButton = (
    <Button variant={inForm ? 'ghost' : 'outline'} onClick={onCancel} disabled={pending}>
      {cancel ?? t('actions.cancel')}
    </Button>
  );
  if (!inForm) {
    return (
      <>
        {cancelButton}
        <SubmitButton
          type="button"
          variant={variant}
          pending={pending}
          pendingLabel={pendingLabel}
          onClick={confirm}
        >
          {children}
        </SubmitButton>
      </>
    );
  }
  return (
    <>
      {cancelButton}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          confirm();
        }}
      >
        <SubmitButton variant={variant} className="w-full" pending={pending} pendingLabel={pendingLabel}>
          {children}
        </SubmitButton>
      </form>
    </>
  );
}
