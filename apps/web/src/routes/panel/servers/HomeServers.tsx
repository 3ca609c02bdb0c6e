import { CalendarClock, Server } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useServers } from '../../../api/vps.ts';
import type { Vps } from '../../../api/models.ts';
import { buttonVariants } from '../../../components/ui/Button.tsx';
import { Card } from '../../../components/ui/Card.tsx';
import { EmptyState } from '../../../components/ui/EmptyState.tsx';
import { ErrorState } from '../../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../../components/ui/Skeleton.tsx';
import { useFormat } from '../../../lib/format.ts';
import { serverName } from '../../../lib/vps.ts';
import { Expiry, ServerState } from './serverBits.tsx';

const SHOWN = 5;

/** Inicio: the customer's servers with their state, and the next expiry. */
export function HomeServers() {
  const { t } = useTranslation();
  const format = useFormat();
  const { data, isPending, error, refetch } = useServers({ page: 1, pageSize: 50 });

  const active = data?.items.filter(
    (vps) => vps.serviceStatus === 'active' || vps.serviceStatus === 'suspended',
  );
  const next = active
    ?.filter((vps): vps is Vps & { expiresAt: string } => Boolean(vps.expiresAt))
    .sort((a, b) => a.expiresAt.localeCompare(b.expiresAt))[0];

  return (
    <section aria-labelledby="servers-title" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="servers-title" className="text-lg font-semibold">
          {t('panel.homePage.serversTitle')}
        </h2>
        {data && data.total > 0 && (
          <Link to="/panel/servers" className="text-sm font-medium text-primary hover:underline">
            {t('servers.home.all', { count: data.total })}
          </Link>
        )}
      </div>
      {isPending ? (
        <Skeleton className="h-24 w-full rounded-xl" />
      ) : error && !data ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : data.items.length === 0 ? (
        <EmptyState
          icon={Server}
          title={t('panel.homePage.emptyTitle')}
          description={t('panel.homePage.emptyText')}
          action={
            <Link to="/pricing" className={buttonVariants()}>
              {t('panel.homePage.viewPlans')}
            </Link>
          }
        />
      ) : (
        <>
          {next && (
            <p className="flex items-center gap-2 text-sm" data-testid="next-expiry">
              <CalendarClock aria-hidden="true" className="size-4 text-muted-foreground" />
              {t('servers.home.nextExpiry', {
                name: serverName(next),
                date: format.date(next.expiresAt),
              })}{' '}
              <Expiry iso={next.expiresAt} />
            </p>
          )}
          <ul className="flex flex-col gap-2" data-testid="home-servers">
            {data.items.slice(0, SHOWN).map((vps) => (
              <li key={vps.id}>
                <Card className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center">
                  <span className="hidden size-10 shrink-0 items-center justify-center rounded-full bg-accent text-accent-foreground sm:flex">
                    <Server aria-hidden="true" className="size-5" />
                  </span>
                  <div className="min-w-0 flex-1">
                    <Link
                      to={`/panel/servers/${vps.id}`}
                      className="font-medium break-all hover:text-primary hover:underline"
                    >
                      {serverName(vps)}
                    </Link>
                    <p className="text-sm text-muted-foreground">
                      {[vps.product?.name, vps.ipv4].filter(Boolean).join(' · ')}
                    </p>
                  </div>
                  <div className="flex flex-wrap items-center gap-3 text-sm">
                    <ServerState vps={vps} />
                    <Expiry iso={vps.expiresAt} />
                  </div>
                </Card>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
