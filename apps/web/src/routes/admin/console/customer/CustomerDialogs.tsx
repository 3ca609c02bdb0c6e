import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerAction } from '../../../../api/console.ts';
import { Button } from '../../../../components/ui/Button.tsx';
import { Dialog } from '../../../../components/ui/Dialog.tsx';
import { CONFIRMED, confirmedAction, type ConfirmedKind } from './customerRules.ts';

/** Runs an action on the customer, toasts `done` when it worked, then calls `after`. */
export type RunAction = (action: CustomerAction, done: string, after?: () => void) => void;

/** A staff action's dialog: cancel, and the button that runs it (disabled while any action runs). */
function ActionDialog({
  title,
  description,
  busy,
  onClose,
  confirmLabel,
  danger,
  ready = true,
  onConfirm,
  children,
}: {
  title: string;
  description: string;
  busy: boolean;
  onClose: () => void;
  confirmLabel: string;
  danger?: boolean;
  /** Whatever the dialog asks for has been filled in. */
  ready?: boolean;
  onConfirm: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open
      title={title}
      description={description}
      busy={busy}
      onClose={onClose}
      footer={
        <>
          <Button variant="outline" onClick={onClose} disabled={busy}>
            {t('console.customer.cancel')}
          </Button>
          <Button variant={danger ? 'danger' : 'primary'} disabled={busy || !ready} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}

/** Asks before a confirmed action (password reset, 2FA reset, sessions, unban). */
export function ConfirmActionDialog({
  kind,
  email,
  busy,
  run,
  onClose,
}: {
  kind: ConfirmedKind;
  email: string;
  busy: boolean;
  run: RunAction;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const confirm = CONFIRMED[kind];
  return (
    <ActionDialog
      title={t(confirm.label)}
      description={t(confirm.text, { email })}
      busy={busy}
      onClose={onClose}
      confirmLabel={t('console.customer.confirmButton')}
      danger={confirm.danger}
      onConfirm={() => run(confirmedAction(kind), t('console.customer.done.generic'), onClose)}
    />
  );
}

/** Bans the customer with a reason (required); the reason is forgotten when the dialog closes. */
export function BanDialog({
  email,
  busy,
  run,
  onClose,
}: {
  email: string;
  busy: boolean;
  run: RunAction;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <ActionDialog
      title={t('console.customer.ban')}
      description={t('console.customer.confirm.ban', { email })}
      busy={busy}
      onClose={onClose}
      confirmLabel={t('console.customer.ban')}
      danger
      ready={Boolean(reason.trim())}
      onConfirm={() => run({ kind: 'ban', reason: reason.trim() }, t('console.customer.done.ban'), onClose)}
    >
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t('console.customer.banReasonLabel')}
        <input
          value={reason}
          maxLength={500}
          onChange={(e) => setReason(e.target.value)}
          className="h-11 rounded-md border border-border bg-background px-2"
        />
      </label>
    </ActionDialog>
  );
}
