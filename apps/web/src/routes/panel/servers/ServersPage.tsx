import { ChevronLeft, ChevronRight, Server } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useServers } from '../../../api/vps.ts';
import type { Vps } from '../../../api/types.ts';
import { Button, buttonVariants } from '../../../components/ui/Button.tsx';
import { EmptyState } from '../../../components/ui/EmptyState.tsx';
import { ErrorState } from '../../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../../components/ui/Skeleton.tsx';
import { cn } from '../../../lib/cn.ts';
import { useRegionText } from '../../../lib/regions.ts';
import { serverName } from '../../../lib/vps.ts';
import { CopyValue, Expiry, ServerState } from './serverBits.tsx';

const PAGE_SIZE = 20;

/** `/panel/servers`: the customer's servers with their state, address and expiry. */
export function ServersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const { data, isPending, error, refetch, isPlaceholderData } = useServers({ page, pageSize: PAGE_SIZE });
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const goTo = (next: number) =>
    setParams(next > 1 ? { page: String(next) } : {}, { replace: true, preventScrollReset: true });

  return (
    <div className="flex flex-col gap-6">
      <title>{t('servers.documentTitle')}</title>
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{t('servers.title')}</h1>
        <p className="text-muted-foreground">{t('servers.subtitle')}</p>
      </div>

      <div className={cn('transition-opacity', isPlaceholderData && 'opacity-60')} aria-busy={isPending}>
        {error && !data ? (
          <ErrorState error={error} onRetry={() => void refetch()} />
        ) : isPending ? (
          <div className="flex flex-col gap-3">
            {Array.from({ length: 3 }, (_, i) => (
              <Skeleton key={i} className="h-20 w-full rounded-xl" />
            ))}
          </div>
        ) : data.items.length === 0 ? (
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
        ) : (
          <ServerList servers={data.items} />
        )}
      </div>

      {data && pages > 1 && (
        <nav aria-label={t('pricing.pagination.label')} className="flex items-center justify-center gap-3">
          <Button variant="outline" size="sm" disabled={page <= 1} onClick={() => goTo(page - 1)}>
            <ChevronLeft aria-hidden="true" />
            {t('pricing.pagination.previous')}
          </Button>
          <span className="text-sm text-muted-foreground">
            {t('pricing.pagination.status', { page, pages })}
          </span>
          <Button variant="outline" size="sm" disabled={page >= pages} onClick={() => goTo(page + 1)}>
            {t('pricing.pagination.next')}
            <ChevronRight aria-hidden="true" />
          </Button>
        </nav>
      )}
    </div>
  );
}

/** A table on desktop, cards on phones. */
function ServerList({ servers }: { servers: Vps[] }) {
  const { t } = useTranslation();
  const regionText = useRegionText();
  const th = 'px-3 py-2.5 font-medium';
  const region = (vps: Vps) => (vps.region ? regionText.name(vps.region, vps.region) : '—');
  return (
    <>
      <div className="hidden overflow-hidden rounded-xl border border-border bg-card md:block">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-border bg-muted/60 text-xs text-muted-foreground uppercase">
            <tr>
              <th scope="col" className={th}>
                {t('servers.colName')}
              </th>
              <th scope="col" className={th}>
                {t('servers.colPlanRegion')}
              </th>
              <th scope="col" className={th}>
                {t('servers.colIpv4')}
              </th>
              <th scope="col" className={th}>
                {t('servers.colStatus')}
              </th>
              <th scope="col" className={th}>
                {t('servers.colExpiry')}
              </th>
              <th scope="col" className={th}>
                <span className="sr-only">{t('servers.colActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {servers.map((vps) => (
              <tr key={vps.id} data-testid="server-row">
                <td className="px-3 py-3">
                  <Link
                    to={`/panel/servers/${vps.id}`}
                    className="font-semibold hover:text-primary hover:underline"
                  >
                    {serverName(vps)}
                  </Link>
                  {vps.name && vps.displayName && vps.name !== vps.displayName && (
                    <span className="block font-mono text-xs text-muted-foreground">{vps.name}</span>
                  )}
                </td>
                <td className="px-3 py-3">
                  <span className="font-medium">{vps.product?.name ?? '—'}</span>
                  <span className="block text-xs text-muted-foreground">{region(vps)}</span>
                </td>
                <td className="px-3 py-3">
                  <CopyValue value={vps.ipv4} label={t('servers.ipv4')} nowrap />
                </td>
                <td className="px-3 py-3">
                  <ServerState vps={vps} />
                </td>
                <td className="px-3 py-3 whitespace-nowrap">
                  <Expiry iso={vps.expiresAt} />
                </td>
                <td className="px-3 py-3 text-right">
                  <Link
                    to={`/panel/servers/${vps.id}`}
                    className={buttonVariants({ variant: 'outline', size: 'sm' })}
                    aria-label={t('servers.manageLabel', { name: serverName(vps) })}
                  >
                    {t('servers.manage')}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="flex flex-col gap-3 md:hidden">
        {servers.map((vps) => (
          <li
            key={vps.id}
            data-testid="server-card"
            className="flex flex-col gap-3 rounded-xl border border-border bg-card p-4"
          >
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0">
                <Link
                  to={`/panel/servers/${vps.id}`}
                  className="font-semibold break-all hover:text-primary hover:underline"
                >
                  {serverName(vps)}
                </Link>
                <p className="text-sm text-muted-foreground">
                  {vps.product?.name ?? '—'} · {region(vps)}
                </p>
              </div>
              <ServerState vps={vps} />
            </div>
            <dl className="grid grid-cols-1 gap-2 text-sm">
              <div>
                <dt className="text-xs text-muted-foreground">{t('servers.colIpv4')}</dt>
                <dd>
                  <CopyValue value={vps.ipv4} label={t('servers.ipv4')} />
                </dd>
              </div>
              <div>
                <dt className="text-xs text-muted-foreground">{t('servers.colExpiry')}</dt>
                <dd>
                  <Expiry iso={vps.expiresAt} />
                </dd>
              </div>
            </dl>
            <Link
              to={`/panel/servers/${vps.id}`}
              className={buttonVariants({ variant: 'outline', size: 'sm', className: 'self-end' })}
              aria-label={t('servers.manageLabel', { name: serverName(vps) })}
            >
              {t('servers.manage')}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
