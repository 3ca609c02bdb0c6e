import {
  AlertTriangle,
  ArrowDownRight,
  ArrowUpRight,
  Ban,
  CircleDollarSign,
  Clock,
  Info,
  LifeBuoy,
  PackageCheck,
  Percent,
  Repeat,
  Server,
  ShieldAlert,
  ShoppingCart,
  UserPlus,
  Users,
  Wallet,
  type LucideIcon,
} from 'lucide-react';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDashboard, type Alert, type Dashboard, type Figure } from '../../../api/console.ts';
import { PageHeader } from '../../../components/layout/PageHeader.tsx';
import { Card } from '../../../components/ui/Card.tsx';
import { ErrorState } from '../../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../../components/ui/Skeleton.tsx';
import { cn } from '../../../lib/cn.ts';
import { useFormat } from '../../../lib/format.ts';
import { QuickStats } from '../AdminHomePage.tsx';

const DashboardCharts = lazy(() => import('./ConsoleCharts.tsx'));

/** `/admin` ("Panel"): the business at a glance — figures against the previous period, charts, alerts. */
export function DashboardPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const dashboard = useDashboard();
  const { data, error, refetch } = dashboard;
  return (
    <div className="flex flex-col gap-6">
      <title>{t('console.dashboard.documentTitle')}</title>
      <PageHeader
        title={t('console.dashboard.title')}
        subtitle={t('console.dashboard.subtitle')}
        aside={
          data ? (
            <p
              className="flex items-center gap-2 text-xs text-muted-foreground"
              aria-live="polite"
              data-testid="dashboard-updated"
              data-live={dashboard.live}
            >
              {dashboard.live && (
                <span className="inline-flex items-center gap-1 font-medium text-emerald-700 dark:text-emerald-300">
                  <span aria-hidden="true" className="size-2 rounded-full bg-emerald-500" />
                  {t('console.dashboard.live')}
                </span>
              )}
              {t('console.dashboard.updated', { time: format.dateTime(data.generatedAt) })}
            </p>
          ) : null
        }
      />
      {error && !data ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !data ? (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" aria-busy="true">
          {Array.from({ length: 8 }, (_, i) => (
            <Skeleton key={i} className="h-28 rounded-xl" />
          ))}
        </div>
      ) : (
        <>
          {!data.security.staffTwoFactorRequired && <StaffTwoFactorWarning />}
          <Figures data={data} />
          <Alerts alerts={data.alerts} />
          <Suspense fallback={<Skeleton className="h-72 rounded-xl" />}>
            <DashboardCharts data={data} />
          </Suspense>
          {(data.unconverted.documents > 0 || data.unconverted.services > 0) && (
            <p className="text-sm text-amber-800 dark:text-amber-200">
              {t('console.unconverted', {
                count: data.unconverted.documents + data.unconverted.services,
                currencies: data.unconverted.currencies.join(', '),
              })}
            </p>
          )}
        </>
      )}
      <section className="flex flex-col gap-3" aria-labelledby="quick-stats">
        <h2 id="quick-stats" className="text-lg font-semibold">
          {t('console.dashboard.quick')}
        </h2>
        <QuickStats />
      </section>
    </div>
  );
}

function Figures({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = (v: number) => format.money(v, data.currency);
  const count = (v: number) => format.number(v);
  const f = data.figures;
  const since = (iso: string | null) =>
    iso ? t('console.figures.oldest', { when: format.relative(iso) }) : undefined;
  return (
    <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4" data-testid="dashboard-figures">
      <FigureCard
        id="revenue"
        icon={CircleDollarSign}
        label={t('console.figures.revenue')}
        figure={f.revenueMinor}
        show={money}
        to="/admin/reports"
      />
      <FigureCard id="mrr" icon={Repeat} label={t('console.figures.mrr')} figure={f.mrrMinor} show={money} />
      <FigureCard
        id="cost"
        icon={Wallet}
        label={t('console.figures.cost')}
        figure={f.contaboCostMinor}
        show={money}
        higherIsWorse
      />
      <FigureCard
        id="margin"
        icon={Percent}
        label={t('console.figures.margin')}
        figure={f.marginMinor}
        show={money}
        note={
          f.marginMinor.percent !== null
            ? t('console.figures.marginPercent', { percent: format.number(f.marginMinor.percent) })
            : undefined
        }
      />
      <FigureCard
        id="awaiting-fulfilment"
        icon={PackageCheck}
        label={t('console.figures.awaitingFulfilment')}
        figure={f.ordersAwaitingFulfilment}
        show={count}
        note={since(f.ordersAwaitingFulfilment.oldestSince)}
        to="/admin/orders?status=paid"
        higherIsWorse
      />
      <FigureCard
        id="awaiting-payment"
        icon={ShoppingCart}
        label={t('console.figures.awaitingPayment')}
        figure={f.ordersAwaitingPayment}
        show={count}
        note={since(f.ordersAwaitingPayment.oldestSince)}
        to="/admin/orders?status=pending"
      />
      <FigureCard
        id="active-customers"
        icon={Users}
        label={t('console.figures.activeCustomers')}
        figure={f.activeCustomers}
        show={count}
        to="/admin/customers?filter=active"
      />
      <FigureCard
        id="active-vps"
        icon={Server}
        label={t('console.figures.activeVps')}
        figure={f.activeVps}
        show={count}
        to="/admin/servers"
      />
      <FigureCard
        id="suspended"
        icon={Ban}
        label={t('console.figures.suspended')}
        figure={f.suspendedServices}
        show={count}
        to="/admin/customers?filter=suspended"
        higherIsWorse
      />
      <FigureCard
        id="new-customers"
        icon={UserPlus}
        label={t('console.figures.newCustomers')}
        figure={f.newCustomers}
        show={count}
        to="/admin/customers?sort=created"
      />
      {f.ticketsWaitingOnStaff && (
        <FigureCard
          id="tickets"
          icon={LifeBuoy}
          label={t('console.figures.tickets')}
          figure={f.ticketsWaitingOnStaff}
          show={count}
          note={since(f.ticketsWaitingOnStaff.oldestSince)}
          to="/admin/tickets"
          higherIsWorse
        />
      )}
    </div>
  );
}

function FigureCard({
  id,
  icon: Icon,
  label,
  figure,
  show,
  note,
  to,
  higherIsWorse = false,
}: {
  id: string;
  icon: LucideIcon;
  label: string;
  figure: Figure;
  show: (v: number) => string;
  note?: string;
  to?: string;
  higherIsWorse?: boolean;
}) {
  const { t } = useTranslation();
  const delta = figure.previous === null ? null : figure.value - figure.previous;
  const good = delta === null || delta === 0 ? null : delta > 0 !== higherIsWorse;
  const body = (
    <Card className="flex h-full flex-col gap-2 p-4 transition-colors hover:bg-muted/40">
      <span className="flex items-center gap-2 text-sm text-muted-foreground">
        <Icon aria-hidden="true" className="size-4" />
        {label}
      </span>
      <span className="text-xl font-bold tabular-nums sm:text-2xl" data-testid={`figure-${id}-value`}>
        {show(figure.value)}
      </span>
      {figure.previous !== null && (
        <span
          className={cn(
            'flex items-center gap-1 text-xs',
            good === null
              ? 'text-muted-foreground'
              : good
                ? 'text-emerald-700 dark:text-emerald-300'
                : 'text-red-700 dark:text-red-300',
          )}
        >
          {delta !== null && delta > 0 && <ArrowUpRight aria-hidden="true" className="size-3.5" />}
          {delta !== null && delta < 0 && <ArrowDownRight aria-hidden="true" className="size-3.5" />}
          {t('console.figures.previous', { value: show(figure.previous) })}
        </span>
      )}
      {note && <span className="text-xs text-muted-foreground">{note}</span>}
    </Card>
  );
  return to ? (
    <Link
      to={to}
      data-testid={`figure-${id}`}
      className="rounded-xl focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
    >
      {body}
    </Link>
  ) : (
    <div data-testid={`figure-${id}`}>{body}</div>
  );
}

const SEVERITY_ICON: Record<Alert['severity'], LucideIcon> = {
  error: AlertTriangle,
  warning: Clock,
  info: Info,
};

/** Shown while "require 2FA for staff" is off (#15-16): a password alone opens the console. */
function StaffTwoFactorWarning() {
  const { t } = useTranslation();
  return (
    <Card
      role="alert"
      data-testid="staff-2fa-warning"
      className="flex flex-col gap-2 border-amber-300 p-4 sm:flex-row sm:items-center dark:border-amber-800"
    >
      <ShieldAlert aria-hidden="true" className="size-5 shrink-0 text-amber-700 dark:text-amber-300" />
      <div className="flex-1">
        <p className="font-medium">{t('console.staffTwoFactor.title')}</p>
        <p className="text-sm text-muted-foreground">{t('console.staffTwoFactor.text')}</p>
      </div>
      <Link to="/admin/settings" className="text-sm font-medium underline underline-offset-4">
        {t('console.staffTwoFactor.action')}
      </Link>
    </Card>
  );
}

function Alerts({ alerts }: { alerts: Alert[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="flex flex-col gap-3" aria-labelledby="alerts-title" data-testid="dashboard-alerts">
      <h2 id="alerts-title" className="text-lg font-semibold">
        {t('console.alerts.title')}
      </h2>
      {alerts.length === 0 ? (
        <Card className="p-4 text-sm text-muted-foreground">{t('console.alerts.none')}</Card>
      ) : (
        <ul className="grid gap-3 lg:grid-cols-2">
          {alerts.map((alert) => {
            const Icon = SEVERITY_ICON[alert.severity];
            return (
              <li key={alert.kind} data-testid={`alert-${alert.kind}`}>
                <Card
                  className={cn(
                    'flex h-full flex-col gap-2 p-4',
                    alert.severity === 'error' && 'border-red-300 dark:border-red-800',
                    alert.severity === 'warning' && 'border-amber-300 dark:border-amber-800',
                  )}
                >
                  <Link to={alert.href} className="flex items-start gap-2 font-medium hover:underline">
                    <Icon
                      aria-hidden="true"
                      className={cn(
                        'mt-0.5 size-4 shrink-0',
                        alert.severity === 'error' && 'text-red-700 dark:text-red-300',
                        alert.severity === 'warning' && 'text-amber-700 dark:text-amber-300',
                      )}
                    />
                    <span>
                      {alert.count === null
                        ? t(`console.alerts.unknown.${alert.kind}`)
                        : t(`console.alerts.kind.${alert.kind}`, { count: alert.count, hours: alert.hours })}
                    </span>
                  </Link>
                  {alert.items.length > 0 && (
                    <ul className="flex flex-col gap-1 text-sm">
                      {alert.items.map((item) => (
                        <li key={item.id} className="flex flex-wrap items-center gap-x-2">
                          <Link to={item.href} className="font-mono text-xs hover:underline">
                            {item.label}
                          </Link>
                          {item.customer && (
                            <Link
                              to={`/admin/customers/${item.customer.id}`}
                              className="truncate text-primary hover:underline"
                              data-testid="alert-customer-link"
                            >
                              {item.customer.email}
                            </Link>
                          )}
                          {item.at && (
                            <span className="text-xs text-muted-foreground">{format.relative(item.at)}</span>
                          )}
                        </li>
                      ))}
                    </ul>
                  )}
                </Card>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
