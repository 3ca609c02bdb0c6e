import {
  Ban,
  Boxes,
  ClipboardList,
  CreditCard,
  PackageCheck,
  Receipt,
  Server,
  Tags,
  type LucideIcon,
} from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAdminServers, useBillingOverview, useInstances, useWaitingOrders } from '../../api/admin.ts';
import { useAdminProducts } from '../../api/adminCatalog.ts';
import { usePaymentSettings } from '../../api/settings.ts';
import { Card } from '../../components/ui/Card.tsx';
import { Skeleton } from '../../components/ui/Skeleton.tsx';
import { cn } from '../../lib/cn.ts';
import { PageHeader } from '../../components/layout/PageHeader.tsx';

/** `/admin` before the console: its title and the quick counts. */
export function AdminHomePage() {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-6">
      <title>{t('admin.home.documentTitle')}</title>
      <PageHeader title={t('admin.home.title')} subtitle={t('admin.home.subtitle')} />
      <QuickStats />
    </div>
  );
}

/** The numbers that need attention, each linking to its list. Only real counts from the API. */
export function QuickStats() {
  const { t } = useTranslation();
  const waiting = useWaitingOrders();
  const servers = useAdminServers({ page: 1, pageSize: 1 });
  const unassigned = useInstances(false);
  const billing = useBillingOverview();
  const overdue = billing.data?.overdueInvoices.length;
  const suspended = billing.data?.suspended.length;
  const tasks = billing.data?.tasks.length;
  const products = useAdminProducts();
  const onSale = products.data?.items.filter((product) => product.isActive).length;
  const payments = usePaymentSettings();
  const gateways = payments.data
    ? (['stripe', 'mercadopago', 'paypal'] as const).filter((id) => payments.data[id].configured).length
    : undefined;
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      <Stat
        icon={PackageCheck}
        label={t('admin.home.waiting')}
        value={waiting.data}
        failed={Boolean(waiting.error)}
        to="/admin/orders?status=paid"
        highlight={Boolean(waiting.data)}
        testId="stat-waiting"
      />
      <Stat
        icon={Server}
        label={t('admin.home.servers')}
        value={servers.data?.total}
        failed={Boolean(servers.error)}
        to="/admin/servers"
        testId="stat-servers"
      />
      <Stat
        icon={Boxes}
        label={t('admin.home.unassigned')}
        value={unassigned.data?.total}
        failed={Boolean(unassigned.error)}
        to="/admin/contabo?assigned=false"
        testId="stat-unassigned"
      />
      <Stat
        icon={Receipt}
        label={t('admin.home.overdue')}
        value={overdue}
        failed={Boolean(billing.error)}
        to="/admin/billing#overdue"
        highlight={Boolean(overdue)}
        testId="stat-overdue"
      />
      <Stat
        icon={Ban}
        label={t('admin.home.suspended')}
        value={suspended}
        failed={Boolean(billing.error)}
        to="/admin/billing#suspended"
        highlight={Boolean(suspended)}
        testId="stat-suspended"
      />
      <Stat
        icon={ClipboardList}
        label={t('admin.home.tasks')}
        value={tasks}
        failed={Boolean(billing.error)}
        to="/admin/billing#tasks"
        highlight={Boolean(tasks)}
        testId="stat-tasks"
      />
      <Stat
        icon={Tags}
        label={t('admin.home.plansOnSale')}
        value={onSale}
        failed={Boolean(products.error)}
        to="/admin/products"
        testId="stat-plans"
      />
      <Stat
        icon={CreditCard}
        label={t('admin.home.gateways')}
        value={gateways}
        failed={Boolean(payments.error)}
        to="/admin/settings#payments"
        highlight={gateways === 0}
        testId="stat-gateways"
      />
    </div>
  );
}

function Stat({
  icon: Icon,
  label,
  value,
  failed,
  to,
  highlight = false,
  testId,
}: {
  icon: LucideIcon;
  label: string;
  value: number | undefined;
  failed: boolean;
  to: string;
  highlight?: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Link
      to={to}
      className="rounded-xl focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
      data-testid={testId}
    >
      <Card
        className={cn(
          'flex h-full items-center gap-4 p-5 transition-colors hover:bg-muted/40',
          highlight && 'border-amber-400',
        )}
      >
        <span
          className={cn(
            'flex size-11 shrink-0 items-center justify-center rounded-full',
            highlight
              ? 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200'
              : 'bg-accent text-accent-foreground',
          )}
        >
          <Icon aria-hidden="true" className="size-5" />
        </span>
        <span className="flex min-w-0 flex-col">
          {value !== undefined ? (
            <span className="text-3xl font-bold tabular-nums">{value}</span>
          ) : failed ? (
            <span className="text-sm text-red-700 dark:text-red-300">{t('admin.home.unavailable')}</span>
          ) : (
            <Skeleton className="h-9 w-12" />
          )}
          <span className="text-sm text-muted-foreground">{label}</span>
        </span>
      </Card>
    </Link>
  );
}
