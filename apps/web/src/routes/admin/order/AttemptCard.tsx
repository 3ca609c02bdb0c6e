import { useTranslation } from 'react-i18next';
import type { AdminOrderDetail } from '../../../api/models.ts';
import { useFormat } from '../../../lib/format.ts';
import { OrderCard } from './OrderCard.tsx';

/** The last provisioning attempt through the API: its status, instance and error. */
export function AttemptCard({ order }: { order: AdminOrderDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const attempt = order.provisioning;
  if (!attempt) return null;
  return (
    <OrderCard title={t('admin.order.attemptTitle')} contentClassName="flex flex-col gap-1 text-sm">
      <p>
        {t('admin.order.attemptStatus')}: <span className="font-mono">{attempt.status}</span>
        {attempt.contaboInstanceId && (
          <>
            {' · '}
            {t('admin.order.instanceId')}: <span className="font-mono">{attempt.contaboInstanceId}</span>
          </>
        )}
      </p>
      <p className="text-muted-foreground">
        {t('admin.order.attemptUpdated')} {format.dateTime(attempt.updatedAt)}
      </p>
      {attempt.error && (
        <p className="text-red-700 dark:text-red-300" lang="en">
          {attempt.error}
        </p>
      )}
    </OrderCard>
  );
}
