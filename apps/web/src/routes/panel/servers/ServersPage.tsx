import { Server } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useServers } from '../../../api/vps.ts';
import type { Vps } from '../../../api/models.ts';
import { PageHeader } from '../../../components/layout/PageHeader.tsx';
import { CardFields, CardHead, DataTable } from '../../../components/list/DataTable.tsx';
import { PagedList } from '../../../components/list/ListState.tsx';
import { useListParams } from '../../../components/list/useListParams.ts';
import { buttonVariants } from '../../../components/ui/Button.tsx';
import { EmptyState } from '../../../components/ui/EmptyState.tsx';
import { useRegionText } from '../../../lib/regions.ts';
import { serverName } from '../../../lib/vps.ts';
import { CopyValue, Expiry, ServerState } from './serverBits.tsx';

const PAGE_SIZE = 20;
const NO_FILTERS = [] as const;

/** `/panel/servers`: the customer's servers with their state, address and expiry. */
export function ServersPage() {
  const { t } = useTranslation();
  const { page, paging } = useListParams(NO_FILTERS);
  const servers = useServers({ page, pageSize: PAGE_SIZE });

  return (
    <div className="flex flex-col gap-6">
      <title>{t('servers.documentTitle')}</title>
      <PageHeader title={t('servers.title')} subtitle={t('servers.subtitle')} />

      <PagedList
        {...paging}
        pageSize={PAGE_SIZE}
        query={servers}
        skeleton={{ rows: 3, height: 'h-20' }}
        empty={
          <EmptyState
            icon={Server}
            title={t('servers.emptyTitle')}
            description={t('servers.emptyText')}
            action={
              <Link to="/pricing" className={buttonVariants()}>
                {t('servers.viewPlans')}
              </Link>
            }
          />
        }
      >
        {(items) => <ServerList servers={items} />}
      </PagedList>
    </div>
  );
}

/** A table on desktop, cards on phones. */
function ServerList({ servers }: { servers: Vps[] }) {
  const { t } = useTranslation();
  const regionText = useRegionText();
  const region = (vps: Vps) => (vps.region ? regionText.name(vps.region, vps.region) : '—');
  const manage = (vps: Vps, className?: string) => (
    <Link
      to={`/panel/servers/${vps.id}`}
      className={buttonVariants({ variant: 'outline', size: 'sm', className })}
      aria-label={t('servers.manageLabel', { name: serverName(vps) })}
    >
      {t('servers.manage')}
    </Link>
  );
  return (
    <DataTable
      rows={servers}
      rowKey={(vps) => vps.id}
      rowData={() => ({ 'data-testid': 'server-row' })}
      columns={[
        {
          id: 'name',
          header: t('servers.colName'),
          cell: (vps) => (
            <>
              <Link
                to={`/panel/servers/${vps.id}`}
                className="font-semibold hover:text-primary hover:underline"
              >
                {serverName(vps)}
              </Link>
              {vps.name && vps.displayName && vps.name !== vps.displayName && (
                <span className="block font-mono text-xs text-muted-foreground">{vps.name}</span>
              )}
            </>
          ),
        },
        {
          id: 'plan',
          header: t('servers.colPlanRegion'),
          cell: (vps) => (
            <>
              <span className="font-medium">{vps.product?.name ?? '—'}</span>
              <span className="block text-xs text-muted-foreground">{region(vps)}</span>
            </>
          ),
        },
        {
          id: 'ipv4',
          header: t('servers.colIpv4'),
          cell: (vps) => <CopyValue value={vps.ipv4} label={t('servers.ipv4')} nowrap />,
        },
        { id: 'status', header: t('servers.colStatus'), cell: (vps) => <ServerState vps={vps} /> },
        {
          id: 'expiry',
          header: t('servers.colExpiry'),
          className: 'whitespace-nowrap',
          cell: (vps) => <Expiry iso={vps.expiresAt} />,
        },
        {
          id: 'actions',
          header: t('servers.colActions'),
          srOnlyHeader: true,
          className: 'text-right',
          cell: (vps) => manage(vps),
        },
      ]}
      cardData={() => ({ 'data-testid': 'server-card' })}
      card={(vps) => (
        <>
          <CardHead aside={<ServerState vps={vps} />}>
            <Link
              to={`/panel/servers/${vps.id}`}
              className="font-semibold break-all hover:text-primary hover:underline"
            >
              {serverName(vps)}
            </Link>
            <p className="text-sm text-muted-foreground">
              {vps.product?.name ?? '—'} · {region(vps)}
            </p>
          </CardHead>
          <CardFields
            columns={1}
            fields={[
              {
                label: t('servers.colIpv4'),
                value: <CopyValue value={vps.ipv4} label={t('servers.ipv4')} />,
              },
              { label: t('servers.colExpiry'), value: <Expiry iso={vps.expiresAt} /> },
            ]}
          />
          {manage(vps, 'self-end')}
        </>
      )}
    />
  );
}
