import { Server } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AdminOrderDetail } from '../../../api/models.ts';
import { Card, CardContent, CardHeader, CardTitle } from '../../../components/ui/Card.tsx';
import { StatusBadge } from '../../../components/ui/StatusBadge.tsx';
import { badgeStatus, serverName } from '../../../lib/vps.ts';

/** The server the order produced, with a link to it in the servers list. */
export function ServerCard({ order }: { order: AdminOrderDetail }) {
  const { t } = useTranslation();
  const vps = order.vps;
  if (!vps) return null;
  return (
    <Card data-testid="order-server">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Server aria-hidden="true" className="size-5" />
          {t('admin.order.serverTitle')}
        </CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-2 text-sm">
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
      </CardContent>
    </Card>
  );
}
