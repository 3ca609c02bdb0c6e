import {
  Ban,
  CalendarClock,
  CalendarX2,
  ClipboardList,
  Receipt,
  Trash2,
  type LucideIcon,
} from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useBillingOverview } from '../../api/admin.ts';
import { PageHeader } from '../../components/layout/PageHeader.tsx';
import { Card } from '../../components/ui/Card.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../components/ui/Skeleton.tsx';
import { cn } from '../../lib/cn.ts';
import { BillingSettingsCard } from './BillingSettingsCard.tsx';
import { BillingSection, type SectionId } from './billing/BillingSection.tsx';
import { JobRuns } from './billing/JobRuns.tsx';
import { OverdueInvoices } from './billing/OverdueInvoices.tsx';
import { RunCycle } from './billing/RunCycle.tsx';
import { BillingServices } from './billing/BillingServices.tsx';
import { BillingTasks } from './billing/BillingTasks.tsx';

/**
 * `/admin/billing`: the renewal cycle at a glance — services about to expire, overdue invoices, suspended services,
 * Contabo cancellations still to do, customers who will not renew, open tasks — the last runs of the lifecycle job (and
 * a button to run it now), and the billing settings.
 */
export function AdminBillingPage() {
  const { t } = useTranslation();
  const overview = useBillingOverview();
  const data = overview.data;

  const sections: Array<{ id: SectionId; icon: LucideIcon; count: number | undefined; tone: Tone }> = [
    { id: 'expiring', icon: CalendarClock, count: data?.expiring.length, tone: 'warning' },
    { id: 'overdue', icon: Receipt, count: data?.overdueInvoices.length, tone: 'danger' },
    { id: 'suspended', icon: Ban, count: data?.suspended.length, tone: 'danger' },
    { id: 'terminations', icon: Trash2, count: data?.pendingTerminations.length, tone: 'warning' },
    { id: 'cancellations', icon: CalendarX2, count: data?.cancellationsDue.length, tone: 'neutral' },
    { id: 'tasks', icon: ClipboardList, count: data?.tasks.length, tone: 'warning' },
  ];

  return (
    <div className="flex flex-col gap-6">
      <title>{t('admin.billing.documentTitle')}</title>
      <PageHeader title={t('admin.billing.title')} subtitle={t('admin.billing.subtitle')} />

      <RunCycle />

      {overview.error && !data ? (
        <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />
      ) : (
        <>
          <nav aria-label={t('admin.billing.summaryLabel')}>
            <ul className="grid grid-cols-2 gap-3 lg:grid-cols-3">
              {sections.map(({ id, icon: Icon, count, tone }) => (
                <li key={id}>
                  <a
                    href={`#${id}`}
                    data-testid={`billing-stat-${id}`}
                    className="flex h-full items-center gap-3 rounded-xl border border-border bg-card p-4 shadow-sm transition-colors hover:bg-muted/40 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring"
                  >
                    <span
                      className={cn(
                        'flex size-10 shrink-0 items-center justify-center rounded-full',
                        count ? TONE_ICON[tone] : 'bg-muted text-muted-foreground',
                      )}
                    >
                      <Icon aria-hidden="true" className="size-5" />
                    </span>
                    <span className="flex min-w-0 flex-col">
                      {count === undefined ? (
                        <Skeleton className="h-8 w-10" />
                      ) : (
                        <span className="text-2xl font-bold tabular-nums">{count}</span>
                      )}
                      <span className="text-sm leading-tight text-muted-foreground">
                        {t(`admin.billing.sections.${id}.title`)}
                      </span>
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          </nav>

          <BillingSection id="tasks" count={data?.tasks.length}>
            {data && <BillingTasks tasks={data.tasks} />}
          </BillingSection>
          <BillingSection id="overdue" count={data?.overdueInvoices.length}>
            {data && <OverdueInvoices invoices={data.overdueInvoices} />}
          </BillingSection>
          <BillingSection id="suspended" count={data?.suspended.length}>
            {data && <BillingServices services={data.suspended} kind="suspended" />}
          </BillingSection>
          <BillingSection id="expiring" count={data?.expiring.length}>
            {data && <BillingServices services={data.expiring} kind="expiring" />}
          </BillingSection>
          <BillingSection id="terminations" count={data?.pendingTerminations.length}>
            {data && <BillingServices services={data.pendingTerminations} kind="terminations" />}
          </BillingSection>
          <BillingSection id="cancellations" count={data?.cancellationsDue.length}>
            {data && <BillingServices services={data.cancellationsDue} kind="cancellations" />}
          </BillingSection>
          <Card className="flex flex-col gap-3 p-5" aria-labelledby="runs-title">
            <h2 id="runs-title" className="text-lg font-semibold">
              {t('admin.billing.runsTitle')}
            </h2>
            {data ? <JobRuns runs={data.jobRuns} /> : <Skeleton className="h-24 w-full" />}
          </Card>
        </>
      )}

      <BillingSettingsCard />
    </div>
  );
}

type Tone = 'warning' | 'danger' | 'neutral';
const TONE_ICON: Record<Tone, string> = {
  warning: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200',
  danger: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300',
  neutral: 'bg-accent text-accent-foreground',
};
