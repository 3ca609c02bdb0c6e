// Pieces shared by the plan list and the plan form of "Productos y precios": the margin (red, with an icon and words,
// when a price is below cost), the plan's state badge and the delete dialog (which may deactivate instead).
import { AlertTriangle, CheckCircle2, EyeOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useDeleteProduct } from '../../api/adminCatalog.ts';
import type { AdminProduct, ProductDeleteResult } from '../../api/models.ts';
import { ConfirmDialog } from '../../components/form/FormDialog.tsx';
import { Badge } from '../../components/ui/Badge.tsx';
import { cn } from '../../lib/cn.ts';
import { useFormat } from '../../lib/format.ts';

/** "2,54 US$ (31,8 %)"; below cost it turns red and says so. */
export function MarginText({
  amountMinor,
  percent,
  currency,
  className,
}: {
  amountMinor: number;
  percent: number;
  currency: string;
  className?: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const loss = amountMinor < 0;
  return (
    <span
      className={cn(
        'inline-flex flex-wrap items-center gap-x-1.5 tabular-nums',
        loss && 'font-medium text-red-700 dark:text-red-300',
        className,
      )}
      data-loss={loss || undefined}
    >
      {loss && <AlertTriangle aria-hidden="true" className="size-4 shrink-0" />}
      <span className="whitespace-nowrap">
        {t('admin.products.marginValue', {
          amount: format.money(amountMinor, currency),
          percent: format.number(percent),
        })}
      </span>
      {loss && <span className="whitespace-nowrap">{t('admin.products.belowCost')}</span>}
    </span>
  );
}

export function PlanStateBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return active ? (
    <Badge tone="success">
      <CheckCircle2 aria-hidden="true" />
      {t('admin.products.active')}
    </Badge>
  ) : (
    <Badge tone="neutral">
      <EyeOff aria-hidden="true" />
      {t('admin.products.inactive')}
    </Badge>
  );
}

/**
 * "¿Eliminar el plan …?": a plan nobody bought is deleted; one with orders is deactivated by the API instead, and
 * `onDone` gets which of the two happened.
 */
export function DeleteProductDialog({
  product,
  onClose,
  onDone,
}: {
  product: AdminProduct;
  onClose: () => void;
  onDone: (result: ProductDeleteResult) => void;
}) {
  const { t } = useTranslation();
  const mutation = useDeleteProduct();
  const sold = product.orderCount > 0;
  return (
    <ConfirmDialog
      onClose={onClose}
      pending={mutation.isPending}
      error={mutation.error}
      title={t('admin.products.deleteTitle', { name: product.name })}
      cancel={t('admin.products.keep')}
      submit={sold ? t('admin.products.deleteSold') : t('admin.products.deleteConfirm')}
      onConfirm={() => mutation.mutate(product.id, { onSuccess: onDone })}
    >
      <p className="text-sm">
        {sold
          ? t('admin.products.deleteSoldText', { count: product.orderCount })
          : t('admin.products.deleteText')}
      </p>
    </ConfirmDialog>
  );
}
