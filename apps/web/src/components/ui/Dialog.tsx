import { X } from 'lucide-react';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn.ts';
import { Button } from './Button.tsx';

type DialogProps = {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  /** While true, Escape and the backdrop do not close it (a request is running). */
  busy?: boolean;
  className?: string;
};

/** A ref for a <dialog> that is open as a modal while `open` is (and closed when it is not). */
export function useModal(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return ref;
}

/**
 * Centred modal built on <dialog>: focus trap, Escape and an inert page come from the browser. Used for
 * confirmations and short forms.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  footer,
  busy,
  className,
}: DialogProps) {
  const { t } = useTranslation();
  const ref = useModal(open);
  const titleId = useId();
  const descriptionId = useId();

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget && !busy) onClose();
      }}
      className={cn(
        'm-auto w-[min(32rem,calc(100vw-2rem))] max-w-none rounded-xl border border-border bg-card p-0 text-foreground shadow-xl backdrop:bg-black/50',
        className,
      )}
    >
      {open && (
        <div className="flex flex-col gap-4 p-5">
          <div className="flex items-start justify-between gap-4">
            <h2 id={titleId} className="text-lg leading-tight font-semibold">
              {title}
            </h2>
            <Button
              variant="ghost"
              size="icon"
              className="-mt-2 -mr-2"
              aria-label={t('actions.close')}
              onClick={onClose}
              disabled={busy}
            >
              <X aria-hidden="true" />
            </Button>
          </div>
          {description && (
            <div id={descriptionId} className="text-sm text-muted-foreground">
              {description}
            </div>
          )}
          {children}
          {footer && <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">{footer}</div>}
        </div>
      )}
    </dialog>
  );
}
