import {
  AlertTriangle,
  Ban,
  CalendarClock,
  CalendarX2,
  CheckCircle2,
  ClipboardList,
  Play,
  Receipt,
  Trash2,
  XCircle,
  type LucideIcon,
} from 'lucide-react';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useBillingOverview, useMarkTaskDone, useRunBillingCycle } from '../../api/admin.ts';
import type { AdminInvoice, AdminService, AdminTask, JobRun } from '../../api/models.ts';
import { TextField } from '../../components/form/fields.tsx';
import { FormError, SubmitButton } from '../../components/form/FormBits.tsx';
import { FormDialog } from '../../components/form/FormDialog.tsx';
import { PageHeader } from '../../components/layout/PageHeader.tsx';
import { CardFields, DataTable } from '../../components/list/DataTable.tsx';
import { Badge } from '../../components/ui/Badge.tsx';
import { Button } from '../../components/ui/Button.tsx';
import { Card } from '../../components/ui/Card.tsx';
import { ErrorState } from '../../components/ui/ErrorState.tsx';
import { Skeleton } from '../../components/ui/Skeleton.tsx';
import { toast } from '../../components/ui/Toast.tsx';
import { cn } from '../../lib/cn.ts';
import { errorMessageKey } from '../../lib/errors.ts';
import { useFormat } from '../../lib/format.ts';
import { Expiry } from '../panel/servers/serverBits.tsx';
import { BillingSettingsCard } from './BillingSettingsCard.tsx';

type SectionId = 'expiring' | 'overdue' | 'suspended' | 'terminations' | 'cancellations' | 'tasks';

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

          <Section id="tasks" count={data?.tasks.length}>
            {data && <Tasks tasks={data.tasks} />}
          </Section>
          <Section id="overdue" count={data?.overdueInvoices.length}>
            {data && <OverdueInvoices invoices={data.overdueInvoices} />}
          </Section>
          <Section id="suspended" count={data?.suspended.length}>
            {data && <Services services={data.suspended} kind="suspended" />}
          </Section>
          <Section id="expiring" count={data?.expiring.length}>
            {data && <Services services={data.expiring} kind="expiring" />}
          </Section>
          <Section id="terminations" count={data?.pendingTerminations.length}>
            {data && <Services services={data.pendingTerminations} kind="terminations" />}
          </Section>
          <Section id="cancellations" count={data?.cancellationsDue.length}>
            {data && <Services services={data.cancellationsDue} kind="cancellations" />}
          </Section>
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

function Section({ id, count, children }: { id: SectionId; count: number | undefined; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="flex scroll-mt-20 flex-col gap-3">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {t(`admin.billing.sections.${id}.title`)}
          {count !== undefined && (
            <span className="ml-2 text-sm font-normal text-muted-foreground">({count})</span>
          )}
        </h2>
        <p className="text-sm text-muted-foreground">{t(`admin.billing.sections.${id}.text`)}</p>
      </div>
      {count === undefined ? (
        <Skeleton className="h-20 w-full rounded-xl" />
      ) : count === 0 ? (
        <p className="rounded-xl border border-dashed border-border px-4 py-5 text-center text-sm text-muted-foreground">
          {t(`admin.billing.sections.${id}.empty`)}
        </p>
      ) : (
        children
      )}
    </section>
  );
}

/** "Ejecutar ciclo ahora": one pass of the lifecycle job, then what it did. */
function RunCycle() {
  const { t } = useTranslation();
  const run = useRunBillingCycle();
  const sent = useRef(false);
  return (
    <Card className="flex flex-col gap-3 p-5">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <div className="flex-1">
          <h2 className="font-semibold">{t('admin.billing.runTitle')}</h2>
          <p className="text-sm text-muted-foreground">{t('admin.billing.runText')}</p>
        </div>
        <SubmitButton
          type="button"
          pending={run.isPending}
          pendingLabel={t('admin.billing.running')}
          data-testid="run-cycle"
          onClick={() => {
            if (run.isPending || sent.current) return;
            sent.current = true;
            run.mutate(undefined, {
              onSettled: () => {
                sent.current = false;
              },
            });
          }}
        >
          <Play aria-hidden="true" />
          {t('admin.billing.run')}
        </SubmitButton>
      </div>
      {run.error && <FormError error={run.error} />}
      <div role="status" aria-live="polite" className="empty:hidden">
        {run.data && (
          <div
            data-testid="run-result"
            className="flex flex-col gap-2 rounded-lg border border-green-300 bg-green-50 p-3 text-sm text-green-900 dark:border-green-800 dark:bg-green-950/60 dark:text-green-100"
          >
            <p className="flex items-center gap-2 font-medium">
              <CheckCircle2 aria-hidden="true" className="size-4 shrink-0" />
              {run.data.status === 'failed' ? t('admin.billing.runFailed') : t('admin.billing.runDone')}
            </p>
            <Counts counts={run.data.counts} />
            {run.data.error && <p className="font-mono text-xs break-words">{run.data.error}</p>}
          </div>
        )}
      </div>
    </Card>
  );
}

/** The counters of a lifecycle run (`BillingLifecycle.run`). */
const COUNT_KEYS = [
  'issued',
  'reminders',
  'overdue',
  'overdueNotices',
  'suspended',
  'terminationWarnings',
  'terminated',
  'cancelled',
] as const;
type CountKey = (typeof COUNT_KEYS)[number];
const isCountKey = (key: string): key is CountKey => (COUNT_KEYS as readonly string[]).includes(key);

/** "3 facturas emitidas · 1 servicio suspendido …" (only what happened); unknown counters keep the job's name. */
function Counts({ counts }: { counts: Record<string, number> }) {
  const { t } = useTranslation();
  const entries = Object.entries(counts).filter(([, value]) => value !== 0);
  if (entries.length === 0) return <p className="text-sm">{t('admin.billing.nothingDone')}</p>;
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" data-testid="run-counts">
      {entries.map(([key, value]) => (
        <li key={key}>
          {isCountKey(key) ? (
            t(`admin.billing.counts.${key}`, { count: value })
          ) : (
            <>
              <span className="font-mono">{key}</span>: <span className="font-semibold">{value}</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

function ServiceName({ service }: { service: AdminService }) {
  const name = service.displayName || service.name || String(service.contaboInstanceId);
  return (
    <>
      <Link
        to={`/admin/servers?search=${encodeURIComponent(String(service.contaboInstanceId))}`}
        className="font-medium break-all hover:text-primary hover:underline"
      >
        {name}
      </Link>
      <span className="block font-mono text-xs text-muted-foreground">#{service.contaboInstanceId}</span>
    </>
  );
}

type ServiceKind = 'expiring' | 'suspended' | 'terminations' | 'cancellations';

function Services({ services, kind }: { services: AdminService[]; kind: ServiceKind }) {
  const { t } = useTranslation();
  const format = useFormat();
  const date = (iso: string | null) => (iso ? <time dateTime={iso}>{format.date(iso)}</time> : '—');
  const when = (service: AdminService): ReactNode => {
    switch (kind) {
      case 'suspended':
        return (
          <span className="flex flex-col">
            <span>{date(service.suspendedAt)}</span>
            {service.terminatesAt && (
              <span className="text-xs font-medium text-red-700 dark:text-red-300">
                {t('admin.billing.terminatesAt', { date: format.date(service.terminatesAt) })}
              </span>
            )}
          </span>
        );
      case 'terminations':
        return date(service.terminatedAt);
      default:
        return (
          <span className="flex flex-col">
            <span>{date(service.expiresAt)}</span>
            <Expiry iso={service.expiresAt} className="text-xs" />
          </span>
        );
    }
  };
  const note = (service: AdminService): ReactNode => {
    if (kind === 'cancellations')
      return service.cancelAtPeriodEnd ? t('admin.billing.cancelAtEnd') : t('admin.billing.autoRenewOff');
    if (kind === 'terminations') return t(`admin.service.${serviceKey(service.serviceStatus)}`);
    if (service.openInvoiceId)
      return (
        <Badge tone={kind === 'suspended' ? 'danger' : 'warning'}>
          <Receipt aria-hidden="true" />
          {t('admin.billing.invoiceOpen')}
        </Badge>
      );
    return kind === 'expiring' && service.autoRenew
      ? t('admin.billing.autoRenewOn')
      : t('admin.billing.autoRenewOff');
  };
  const whenLabel = t(`admin.billing.when.${kind}`);
  return (
    <DataTable
      scroll
      tableData={{ 'data-testid': `billing-${kind}` }}
      rows={services}
      rowKey={(service) => service.id}
      columns={[
        {
          id: 'server',
          header: t('admin.billing.colServer'),
          cell: (service) => <ServiceName service={service} />,
        },
        {
          id: 'customer',
          header: t('admin.billing.colCustomer'),
          className: 'max-w-52',
          cell: (service) => (
            <span className="block truncate" title={service.customerEmail}>
              {service.customerEmail}
            </span>
          ),
        },
        { id: 'when', header: whenLabel, className: 'whitespace-nowrap', cell: when },
        {
          id: 'period',
          header: t('admin.billing.colPeriod'),
          className: 'whitespace-nowrap',
          cell: (service) => t('period.months', { count: service.periodMonths }),
        },
        { id: 'note', header: t('admin.billing.colNote'), cell: note },
      ]}
      cardClassName="gap-2 text-sm"
      card={(service) => (
        <>
          <div className="min-w-0">
            <ServiceName service={service} />
          </div>
          <p className="truncate text-muted-foreground">{service.customerEmail}</p>
          <CardFields
            fields={[
              { label: whenLabel, value: when(service) },
              { label: t('admin.billing.colNote'), value: note(service) },
            ]}
          />
        </>
      )}
    />
  );
}

function serviceKey(status: string): 'active' | 'suspended' | 'cancelled' | 'terminated' {
  return status === 'suspended' || status === 'cancelled' || status === 'terminated' ? status : 'active';
}

function OverdueInvoices({ invoices }: { invoices: AdminInvoice[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ul className="flex flex-col divide-y divide-border rounded-xl border border-border bg-card">
      {invoices.map((invoice) => (
        <li
          key={invoice.id}
          className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3 text-sm"
        >
          <div className="min-w-0">
            <Link
              to={`/admin/invoices?search=${encodeURIComponent(invoice.invoiceNumber ?? invoice.customerEmail)}`}
              className="font-mono text-xs font-semibold hover:text-primary hover:underline"
            >
              {invoice.invoiceNumber ?? '—'}
            </Link>
            <span className="block truncate text-muted-foreground">{invoice.customerEmail}</span>
          </div>
          <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
            {invoice.dueAt && (
              <span className="text-xs font-medium text-red-700 dark:text-red-300">
                {t('admin.billing.dueOn', { date: format.date(invoice.dueAt) })}
              </span>
            )}
            <span className="font-semibold whitespace-nowrap">
              {format.money(invoice.totalMinor, invoice.currency)}
            </span>
          </div>
        </li>
      ))}
    </ul>
  );
}

function Tasks({ tasks }: { tasks: AdminTask[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [closing, setClosing] = useState<AdminTask | null>(null);
  return (
    <>
      <ul className="flex flex-col gap-3" data-testid="billing-tasks">
        {tasks.map((task) => (
          <li key={task.id}>
            <Card className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center">
              <span className="hidden size-10 shrink-0 items-center justify-center rounded-full bg-amber-100 text-amber-900 sm:flex dark:bg-amber-950 dark:text-amber-200">
                <ClipboardList aria-hidden="true" className="size-5" />
              </span>
              <div className="min-w-0 flex-1">
                <p className="font-medium break-words">{task.title}</p>
                <p className="text-xs text-muted-foreground">
                  <span className="font-mono">{task.type}</span> ·{' '}
                  <time dateTime={task.createdAt}>{format.dateTime(task.createdAt)}</time>
                </p>
                {task.notes && <p className="mt-1 text-sm break-words whitespace-pre-line">{task.notes}</p>}
              </div>
              <Button
                variant="outline"
                size="sm"
                aria-label={t('admin.billing.doneLabel', { title: task.title })}
                onClick={() => setClosing(task)}
              >
                <CheckCircle2 aria-hidden="true" />
                {t('admin.billing.done')}
              </Button>
            </Card>
          </li>
        ))}
      </ul>
      {closing && <TaskDoneDialog task={closing} onClose={() => setClosing(null)} />}
    </>
  );
}

function TaskDoneDialog({ task, onClose }: { task: AdminTask; onClose: () => void }) {
  const { t } = useTranslation();
  const mutation = useMarkTaskDone();
  const [notes, setNotes] = useState('');
  const tooLong = notes.length > 2000;
  return (
    <FormDialog
      onClose={onClose}
      pending={mutation.isPending}
      error={mutation.error}
      title={t('admin.billing.doneTitle')}
      description={task.title}
      submit={t('admin.billing.doneConfirm')}
      onSubmit={(event) => {
        event.preventDefault();
        if (mutation.isPending || tooLong) return;
        mutation.mutate(
          { taskId: task.id, ...(notes.trim() ? { notes: notes.trim() } : {}) },
          {
            onSuccess: () => {
              toast.success(t('admin.billing.doneSaved'));
              onClose();
            },
            onError: (error) => toast.error(t('admin.billing.doneFailed'), t(errorMessageKey(error))),
          },
        );
      }}
    >
      <TextField
        label={t('admin.billing.doneNotes')}
        optional
        autoComplete="off"
        value={notes}
        error={tooLong ? 'validation.tooLong' : undefined}
        onChange={(event) => setNotes(event.target.value)}
      />
    </FormDialog>
  );
}

function JobRuns({ runs }: { runs: JobRun[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (runs.length === 0) return <p className="text-sm text-muted-foreground">{t('admin.billing.noRuns')}</p>;
  return (
    <ul className="flex flex-col divide-y divide-border" data-testid="job-runs">
      {runs.map((run) => {
        const failed = run.status === 'failed' || Boolean(run.error);
        const running = !run.finishedAt && !failed;
        const seconds =
          run.finishedAt !== null
            ? Math.max(0, (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000)
            : null;
        return (
          <li key={run.id} className="flex flex-col gap-1.5 py-3 text-sm">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <Badge tone={failed ? 'danger' : running ? 'info' : 'success'}>
                {failed ? (
                  <XCircle aria-hidden="true" />
                ) : running ? (
                  <AlertTriangle aria-hidden="true" />
                ) : (
                  <CheckCircle2 aria-hidden="true" />
                )}
                {failed
                  ? t('admin.billing.runStatus.failed')
                  : running
                    ? t('admin.billing.runStatus.running')
                    : t('admin.billing.runStatus.done')}
              </Badge>
              <time dateTime={run.startedAt} className="font-medium">
                {format.dateTime(run.startedAt)}
              </time>
              {seconds !== null && (
                <span className="text-xs text-muted-foreground">
                  {t('admin.billing.duration', { seconds: format.number(Math.round(seconds * 10) / 10) })}
                </span>
              )}
              <span className="font-mono text-xs text-muted-foreground">{run.job}</span>
            </div>
            <Counts counts={run.counts} />
            {run.error && (
              <p className="font-mono text-xs break-words text-red-700 dark:text-red-300">{run.error}</p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
