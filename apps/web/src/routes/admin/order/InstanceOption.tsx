import { AlertTriangle } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { AdminOrderDetail, ContaboInstance } from '../../../api/models.ts';
import { StatusBadge } from '../../../components/ui/StatusBadge.tsx';
import { cn } from '../../../lib/cn.ts';
import { contaboBadgeStatus } from '../../../lib/vps.ts';
import { instanceMismatch } from './orderRules.ts';

const MISMATCH_TEXT = {
  both: 'admin.order.mismatchBoth',
  product: 'admin.order.mismatchProduct',
  region: 'admin.order.mismatchRegion',
} as const;

/** One unassigned instance as a radio card; differences with the order are flagged. */
export function InstanceOption({
  item,
  order,
  checked,
  onSelect,
}: {
  item: ContaboInstance;
  order: AdminOrderDetail;
  checked: boolean;
  onSelect: () => void;
}) {
  const { t } = useTranslation();
  const mismatch = instanceMismatch(item, order);
  return (
    <label
      className={cn(
        'flex cursor-pointer items-start gap-3 rounded-lg border p-3 text-sm transition-colors',
        checked ? 'border-primary bg-accent/50' : 'border-border hover:bg-muted/50',
      )}
    >
      <input
        type="radio"
        name="instance-choice"
        className="mt-1 size-4 shrink-0"
        checked={checked}
        onChange={onSelect}
        aria-label={t('admin.order.pickInstance', { id: item.instanceId })}
      />
      <span className="flex min-w-0 flex-1 flex-col gap-1">
        <span className="flex flex-wrap items-center gap-2">
          <span className="font-mono font-semibold">{item.instanceId}</span>
          <span className="break-all">{item.displayName || item.name}</span>
          <StatusBadge kind="vps" status={contaboBadgeStatus(item.status ?? 'unknown')} />
        </span>
        <span className="text-xs text-muted-foreground">
          {[item.productName ?? item.productId, item.region, item.ipv4].filter(Boolean).join(' · ')}
        </span>
        {mismatch && (
          <span className="inline-flex items-center gap-1 text-xs font-medium text-amber-800 dark:text-amber-300">
            <AlertTriangle aria-hidden="true" className="size-3.5" />
            {t(MISMATCH_TEXT[mismatch])}
          </span>
        )}
      </span>
    </label>
  );
}
