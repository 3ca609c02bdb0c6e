import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminOrderDetail } from '../../api/models.ts';
import { Dialog } from '../../components/ui/Dialog.tsx';
import { useRegionText } from '../../lib/regions.ts';
import { ConfirmFooter } from '../../components/form/ConfirmFooter.tsx';

export interface AssignmentDifference {
  field: 'product' | 'region';
  ordered: string;
  delivered: string;
}

/** The differences of a 409 `assignment_mismatch`, when the error carries them. */
export function differencesOf(details: unknown): AssignmentDifference[] | null {
  const list = (details as { differences?: unknown } | null)?.differences;
  return Array.isArray(list) ? (list as AssignmentDifference[]) : null;
}

/** Asks the admin to confirm an instance whose plan or region differs from the order's, naming each difference. */
export function MismatchDialog({
  instanceId,
  differences,
  planNames,
  pending,
  onConfirm,
  onClose,
}: {
  instanceId: number;
  differences: AssignmentDifference[];
  /** Plan names by Contabo product id, where known. */
  planNames: Record<string, string>;
  pending: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const region = useRegionText();
  const label = (d: AssignmentDifference, value: string) =>
    d.field === 'region' ? region.name(value, value) : (planNames[value] ?? value);
  return (
    <Dialog
      open
      onClose={onClose}
      busy={pending}
      title={t('admin.order.mismatch.title', { id: instanceId })}
      description={t('admin.order.mismatch.text')}
      footer={
        <ConfirmFooter onCancel={onClose} onConfirm={onConfirm} pending={pending}>
          {t('admin.order.mismatch.confirm')}
        </ConfirmFooter>
      }
    >
      <ul className="flex flex-col gap-1 text-sm" data-testid="mismatch-differences">
        {differences.map((d) => (
          <li key={d.field}>
            {t(`admin.order.mismatch.${d.field}`, {
              ordered: label(d, d.ordered),
              delivered: label(d, d.delivered),
            })}
          </li>
        ))}
      </ul>
      <p className="mt-3 text-sm text-muted-foreground">{t('admin.order.mismatch.consequences')}</p>
    </Dialog>
  );
}

/**
 * What the customer chose that an assigned instance does not carry: the hostname and SSH keys, as a checklist for the
 * admin to apply by hand (the API route applies them itself).
 */
export function HandoverChecklist({ order }: { order: AdminOrderDetail }) {
  const { t } = useTranslation();
  const [done, setDone] = useState<Record<string, boolean>>({});
  const items = [
    ...(order.displayName
      ? [{ id: 'hostname', text: t('admin.order.handover.hostname', { name: order.displayName }) }]
      : []),
    ...order.sshKeys.map((key) => ({
      id: `key-${key.fingerprint}`,
      text: t('admin.order.handover.sshKey', { name: key.name, fingerprint: key.fingerprint }),
    })),
  ];
  if (items.length === 0) return null;
  return (
    <div
      className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950/50"
      data-testid="handover-checklist"
    >
      <p className="font-medium">{t('admin.order.handover.title')}</p>
      <ul className="mt-2 flex flex-col gap-1">
        {items.map((item) => (
          <li key={item.id}>
            <label className="flex min-h-10 cursor-pointer items-start gap-2 break-all">
              <input
                type="checkbox"
                className="mt-1 size-4 shrink-0 accent-primary"
                checked={done[item.id] ?? false}
                onChange={(e) => setDone((d) => ({ ...d, [item.id]: e.target.checked }))}
              />
              <span>{item.text}</span>
            </label>
          </li>
        ))}
      </ul>
    </div>
  );
}
