import { Hourglass } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useAdminOrder, useProvisionOrder } from '../../api/admin.ts';
import type { AdminOrderDetail, ProvisionResponse } from '../../api/models.ts';
import { DetailPage } from '../../components/layout/DetailPage.tsx';
import { Card, CardContent, CardHeader, CardTitle } from '../../components/ui/Card.tsx';
import { StatusBadge } from '../../components/ui/StatusBadge.tsx';
import { useWaiting } from './adminBits.tsx';
import { AssignCard } from './order/AssignCard.tsx';
import { AttemptCard } from './order/AttemptCard.tsx';
import { CreateCard } from './order/CreateCard.tsx';
import { isFulfillable } from './order/orderRules.ts';
import { ProvisionResult } from './order/ProvisionResult.tsx';
import { RecordPaymentCard } from './order/RecordPaymentCard.tsx';
import { ServerCard } from './order/ServerCard.tsx';
import { StatusCard } from './order/StatusCard.tsx';
import { SummaryCard } from './order/SummaryCard.tsx';
import { OrderTimeline } from '../../components/orders/OrderTimeline.tsx';

/** `/admin/orders/:id`: everything needed to prepare one order — assign an instance or buy one through the API. */
export function AdminOrderDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const order = useAdminOrder(id);
  return (
    <DetailPage
      backTo="/admin/orders"
      backLabel={t('admin.order.back')}
      query={order}
      skeletons={['h-9 w-72', 'h-48 w-full rounded-xl', 'h-72 w-full rounded-xl']}
    >
      {(data) => <OrderView order={data} />}
    </DetailPage>
  );
}

function OrderView({ order }: { order: AdminOrderDetail }) {
  const { t } = useTranslation();
  const waiting = useWaiting()(order.waitingSeconds);
  const [result, setResult] = useState<ProvisionResponse | null>(null);
  // One request at a time, whichever way the order is prepared.
  const provision = useProvisionOrder(order.id);
  const fulfillable = isFulfillable(order);
  return (
    <>
      <title>{t('admin.order.documentTitle', { number: order.orderNumber })}</title>
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">
          {t('admin.order.title', { number: order.orderNumber })}
        </h1>
        <div className="flex flex-wrap items-center gap-3" aria-live="polite">
          <span data-testid="admin-order-status">
            <StatusBadge kind="order" status={order.status} />
          </span>
          {waiting && (
            <span className="inline-flex items-center gap-1 text-sm font-medium text-amber-800 dark:text-amber-300">
              <Hourglass aria-hidden="true" className="size-4" />
              {t('admin.order.waiting', { time: waiting })}
            </span>
          )}
        </div>
      </div>

      {result && <ProvisionResult result={result} onClose={() => setResult(null)} />}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="flex min-w-0 flex-col gap-6">
          <SummaryCard order={order} />
          {order.status === 'pending' && <RecordPaymentCard order={order} />}
          {fulfillable && (
            <>
              <AssignCard order={order} provision={provision} onResult={setResult} />
              <CreateCard order={order} provision={provision} onResult={setResult} />
            </>
          )}
          {order.provisioning && <AttemptCard order={order} />}
          {order.vps && <ServerCard order={order} />}
        </div>
        <div className="flex min-w-0 flex-col gap-6">
          <StatusCard order={order} />
          <Card>
            <CardHeader>
              <CardTitle>{t('admin.order.historyTitle')}</CardTitle>
            </CardHeader>
            <CardContent>
              <OrderTimeline entries={order.history} texts="admin.order" testId="admin-order-history" />
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}
