import { Server } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AdminOrderDetail } from '../../../api/models.ts';
import { StatusBadge } from '../../../components/ui/StatusBadge.tsx';
import { badgeStatus, serverName } from '../../../lib/vps.ts';
import { OrderCard } from './OrderCard.tsx';

/** The server the order produced, with a link to it in the servers list. */
export function ServerCard({ order }: { order: AdminOrderDetail }) {
  const { t } = useTranslation();
  const vps = order.vps;
  if (!vps) return null;
  return (
    <OrderCard
      title={t('admin.order.serverTitle')}
      icon={Server}
      testId="order-server"
      contentClassName="flex flex-col gap-2 text-sm"
    >
      <p className="flex flex-wrap items-center gap-2">
        <span className="font-medium break-all">{serverName(vps)}</span>
        <StatusBadge kind="vps" status={badgeStatus(vps)} />
      </p>
      <p className="text-muted-foreground">{[vps.ipv4, vps.region].filter(Boolean).join(' · ')}</p>
      <Link
        to={`/admin/servers?search=${encodeURIComponent(vps.ipv4 ?? serverName(vps))}`}
        className="self-start font-medium text-primary hover:underline"
      >
        {t('admin.order.openServer')}
      </Link>
    </OrderCard>
  );
}
