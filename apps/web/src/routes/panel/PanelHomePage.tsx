import { Clock, ShieldCheck } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useOrders } from '../../api/orders.ts';
import { VerifyEmailBanner } from '../../components/account/VerifyEmailBanner.tsx';
import { PageHeader } from '../../components/layout/PageHeader.tsx';
import { buttonVariants } from '../../components/ui/Button.tsx';
import { Card } from '../../components/ui/Card.tsx';
import { useFormat } from '../../lib/format.ts';
import { HomeServers } from './servers/HomeServers.tsx';
import { usePanelUser } from './usePanelUser.ts';
import { PayOrderLink } from '../../components/orders/PayOrderLink.tsx';

export function PanelHomePage() {
  const { t } = useTranslation();
  const user = usePanelUser();

  return (
    <div className="flex flex-col gap-8">
      <title>{t('panel.homePage.documentTitle')}</title>
      <PageHeader
        title={t('panel.homePage.greeting', { name: user.firstName || user.name })}
        subtitle={t('panel.homePage.subtitle')}
      />

      {!user.emailVerified && <VerifyEmailBanner email={user.email} />}

      <PendingOrders />

      <HomeServers />

      {!user.twoFactorEnabled && (
        <Card className="flex flex-col gap-4 p-5 sm:flex-row sm:items-center">
          <span className="flex size-10 shrink-0 items-center justify-center rounded-full bg-accent text-accent-foreground">
            <ShieldCheck aria-hidden="true" className="size-5" />
          </span>
          <div className="flex-1">
            <h2 className="font-semibold">{t('panel.homePage.securityTitle')}</h2>
            <p className="text-sm text-muted-foreground">{t('panel.homePage.securityText')}</p>
          </div>
          <Link to="/panel/account/security" className={buttonVariants({ variant: 'outline' })}>
            {t('panel.homePage.securityAction')}
          </Link>
        </Card>
      )}
    </div>
  );
}

/** Orders waiting for payment, each with its pay button (nothing is shown when there are none). */
function PendingOrders() {
  const { t } = useTranslation();
  const format = useFormat();
  const { data } = useOrders({ status: 'pending', page: 1, pageSize: 5 });
  if (!data || data.items.length === 0) return null;
  return (
    <section aria-labelledby="pending-title" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="pending-title" className="text-lg font-semibold">
          {t('panel.homePage.pendingTitle')}
        </h2>
        {data.total > data.items.length && (
          <Link
            to="/panel/orders?status=pending"
            className="text-sm font-medium text-primary hover:underline"
          >
            {t('panel.homePage.pendingAll', { count: data.total })}
          </Link>
        )}
      </div>
      <ul className="flex flex-col gap-2" data-testid="pending-orders">
        {data.items.map((order) => (
          <li key={order.id}>
            <Card className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center">
              <span className="flex size-10 shrink-0 items-center justify-center rounded-full bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200">
                <Clock aria-hidden="true" className="size-5" />
              </span>
              <div className="min-w-0 flex-1">
                <p className="font-medium">
                  {order.product.name}{' '}
                  <span className="font-mono text-xs text-muted-foreground">{order.orderNumber}</span>
                </p>
                <p className="text-sm text-muted-foreground">
                  {t('period.months', { count: order.periodMonths })} ·{' '}
                  {format.money(order.totalMinor, order.currency)}
                </p>
              </div>
              <PayOrderLink order={order} />
            </Card>
          </li>
        ))}
      </ul>
    </section>
  );
}
