import type { DbOrTx } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import type { SettingKey } from '../../settings/settings.registry.ts';
import type { SettingsService } from '../../settings/settings.service.ts';
import { DAY, LIFECYCLE_JOB } from './billing.lifecycle.ts';
import type { BillingRepo } from './billing.repo.ts';
import type { BillingService } from './billing.service.ts';
import type { TAdminService, TAdminTask, TBillingSettings, TJobRun } from './billing.schemas.ts';

/** The billing settings the admin edits, by their name in the API. */
const SETTING_KEYS = {
  invoicePrefix: 'billing.invoicePrefix',
  taxName: 'billing.taxName',
  taxRate: 'billing.taxRate',
  taxMode: 'billing.taxMode',
  taxRatesByCountry: 'billing.taxRatesByCountry',
  renewalDaysBefore: 'billing.renewalDaysBefore',
  reminderDays: 'billing.reminderDays',
  suspendAfterDays: 'billing.suspendAfterDays',
  terminateAfterDays: 'billing.terminateAfterDays',
  terminationWarningDays: 'billing.terminationWarningDays',
  cancelAtContabo: 'billing.cancelAtContabo',
} as const satisfies Record<keyof TBillingSettings, SettingKey>;

type ServiceListRow = Awaited<ReturnType<BillingRepo['servicesForAdmin']>>[number];
type TaskRow = NonNullable<Awaited<ReturnType<BillingRepo['findTask']>>>;

export const presentTask = (t: TaskRow): TAdminTask => ({
  id: t.id,
  type: t.type,
  title: t.title,
  params: t.params ?? null,
  notes: t.notes,
  status: t.status,
  vpsInstanceId: t.vpsInstanceId,
  createdAt: t.createdAt,
  doneAt: t.doneAt,
});

export const presentJobRun = (r: TJobRun): TJobRun => ({
  id: r.id,
  job: r.job,
  status: r.status,
  counts: r.counts,
  error: r.error,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
});

/** The operator's side of billing: what needs attention today, the lifecycle's tasks and its settings. */
export function createBillingAdmin(deps: {
  repo: BillingRepo;
  billing: BillingService;
  settings: SettingsService;
  clock: Clock;
}) {
  const { repo, billing, settings, clock } = deps;

  async function readSettings(): Promise<TBillingSettings> {
    const keys = Object.values(SETTING_KEYS);
    const s = await settings.getMany(keys);
    return Object.fromEntries(
      Object.entries(SETTING_KEYS).map(([name, key]) => [name, s[key]]),
    ) as TBillingSettings;
  }

  return {
    readSettings,

    /** Saves the changed settings and, in the same transaction, the admin's audit row (#15-7). */
    async updateSettings(
      patch: Partial<TBillingSettings>,
      actorId?: string,
      audit?: (tx: DbOrTx) => Promise<void>,
    ): Promise<TBillingSettings> {
      const values = Object.entries(patch)
        .filter(([, value]) => value !== undefined)
        .map(([name, value]) => [SETTING_KEYS[name as keyof TBillingSettings], value] as const);
      await settings.setMany(values, actorId, audit);
      return readSettings();
    },

    async overview() {
      const now = clock.now();
      const terminateAfter = await settings.get('billing.terminateAfterDays');
      const until = new Date(now.getTime() + 7 * DAY);
      const present = (r: ServiceListRow): TAdminService => ({
        id: r.vps.id,
        displayName: r.vps.displayName,
        name: r.vps.name,
        contaboInstanceId: r.vps.contaboInstanceId,
        userId: r.vps.userId,
        customerEmail: r.email,
        serviceStatus: r.vps.serviceStatus,
        expiresAt: r.vps.expiresAt,
        suspendedAt: r.vps.suspendedAt,
        terminatedAt: r.vps.terminatedAt,
        terminatesAt:
          r.vps.serviceStatus === 'suspended' && r.vps.suspendedAt
            ? new Date(r.vps.suspendedAt.getTime() + terminateAfter * DAY)
            : null,
        autoRenew: r.vps.autoRenew,
        cancelAtPeriodEnd: r.vps.cancelAtPeriodEnd,
        periodMonths: r.vps.periodMonths,
        openInvoiceId: r.openInvoiceId,
      });
      const [expiring, suspended, pendingTerminations, cancellationsDue, overdue, tasks, runs] =
        await Promise.all([
          repo.servicesForAdmin('expiring', now, until),
          repo.servicesForAdmin('suspended', now, until),
          repo.servicesForAdmin('pendingTerminations', now, until),
          repo.servicesForAdmin('cancellationsDue', now, until),
          billing.listForAdmin({ status: 'overdue', page: 1, pageSize: 100 }),
          repo.openTasks(),
          repo.lastJobRuns(LIFECYCLE_JOB, 10),
        ]);
      return {
        expiring: expiring.map(present),
        overdueInvoices: overdue.items,
        suspended: suspended.map(present),
        pendingTerminations: pendingTerminations.map(present),
        cancellationsDue: cancellationsDue.map(present),
        tasks: tasks.map(presentTask),
        jobRuns: runs.map(presentJobRun),
      };
    },

    /** Marks the task done; `audit` runs in the same transaction, and if it fails the task stays open (#15-7). */
    async completeTask(
      id: string,
      notes: string | undefined,
      actorId: string,
      audit?: (tx: DbOrTx, task: TAdminTask) => Promise<void>,
    ): Promise<TAdminTask> {
      const task = await repo.findTask(id);
      if (!task) throw notFound('Task');
      if (task.status === 'done') throw new AppError('conflict', 'The task is done already');
      return repo.transaction(async (tx) => {
        const updated = await repo.updateTask(
          id,
          {
            status: 'done',
            doneAt: clock.now(),
            doneBy: actorId,
            ...(notes ? { notes: task.notes ? `${task.notes}\n${notes}` : notes } : {}),
          },
          tx,
        );
        const done = presentTask(updated!);
        if (audit) await audit(tx, done);
        return done;
      });
    },
  };
}

export type BillingAdmin = ReturnType<typeof createBillingAdmin>;
