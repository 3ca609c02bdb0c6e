import { z } from 'zod';
import { defineJob } from '../../jobs/queue.ts';
import type { Logger } from '../../lib/logger.ts';
import { createContaboActions } from './billing.contabo-actions.ts';
import { isoDay } from './billing.i18n.ts';
import { createInvoicePayment } from './billing.invoice-payment.ts';
import { createLifecycleContext, type BillingLifecycleDeps } from './billing.lifecycle.context.ts';
import { createReminders } from './billing.reminders.ts';
import { createRenewals } from './billing.renewals.ts';
import type { TJobRun } from './billing.schemas.ts';
import { createSuspension } from './billing.suspension.ts';

export {
  billingContaboJob,
  CONTABO_ACTION_JOB,
  ZContaboActionJob,
  type ContaboActionJob,
} from './billing.contabo-actions.ts';
export type { BillingLifecycleDeps } from './billing.lifecycle.context.ts';
export { DAY, renewalKey } from './billing.lifecycle.rules.ts';

export const LIFECYCLE_JOB = 'billing.lifecycle';

export interface LifecycleCounts {
  issued: number;
  reminders: number;
  overdue: number;
  overdueNotices: number;
  suspended: number;
  terminationWarnings: number;
  terminated: number;
  cancelled: number;
}

/**
 * The service lifecycle driven by the clock: a renewal invoice some days before a service expires (due at expiry),
 * reminders, overdue after the due date, suspension (and a stop through Contabo) after the grace days, termination
 * after more days suspended (an admin task, or a cancellation through Contabo's API), and the end of services whose
 * owner asked to stop at the period end. Paying a renewal extends the service from its old expiry and lifts a
 * suspension. Every step is keyed by what it acts on (unique keys and row locks), so a rerun — or two instances
 * running at once — does nothing more. The steps live in `billing.renewals.ts`, `billing.reminders.ts`,
 * `billing.suspension.ts` and `billing.invoice-payment.ts`; their decisions in `billing.lifecycle.rules.ts`.
 */
export function createBillingLifecycle(deps: BillingLifecycleDeps) {
  const { repo, clock } = deps;
  const ctx = createLifecycleContext(deps);
  const renewals = createRenewals(ctx);
  const reminders = createReminders(ctx);
  const suspension = createSuspension(ctx);
  const payment = createInvoicePayment(ctx);

  /** One pass of every step at the clock's time, in the order that lets one step feed the next. */
  async function pass(): Promise<LifecycleCounts> {
    const now = clock.now();
    const issued = await renewals.issueRenewals(now);
    const sentReminders = await reminders.sendReminders(now);
    const overdue = await repo.markOverdue(now);
    const overdueNotices = await reminders.sendOverdueNotices(now);
    const suspended = await suspension.suspendUnpaid(now);
    const terminationWarnings = await reminders.sendTerminationWarnings(now);
    const terminated = await suspension.terminateSuspended(now);
    const cancelled = await suspension.endCancelled(now);
    return {
      issued,
      reminders: sentReminders,
      overdue,
      overdueNotices,
      suspended,
      terminationWarnings,
      terminated,
      cancelled,
    };
  }

  /**
   * One recorded pass of the lifecycle at the clock's time (a `job_runs` row with what it did); safe to run twice
   * or from two instances at once.
   */
  async function run(): Promise<LifecycleCounts> {
    const startedAt = clock.now();
    const record = await repo.startJobRun(LIFECYCLE_JOB, isoDay(startedAt), startedAt);
    try {
      const counts = await pass();
      await repo.finishJobRun(record.id, {
        status: 'succeeded',
        counts: { ...counts },
        finishedAt: clock.now(),
      });
      return counts;
    } catch (error) {
      await repo.finishJobRun(record.id, {
        status: 'failed',
        counts: {},
        error: (error as Error).message,
        finishedAt: clock.now(),
      });
      throw error;
    }
  }

  return {
    applyPayment: payment.applyPayment,
    payInvoice: payment.payInvoice,
    run,
    runContaboAction: createContaboActions(deps),
    renewNow: renewals.renewNow,
    setRenewal: renewals.setRenewal,

    async runRecorded(): Promise<TJobRun> {
      await run().catch(() => undefined);
      const [last] = await repo.lastJobRuns(LIFECYCLE_JOB, 1);
      return last!;
    },
  };
}

export type BillingLifecycle = ReturnType<typeof createBillingLifecycle>;

export const billingLifecycleJob = (lifecycle: BillingLifecycle, logger: Logger) =>
  defineJob({
    name: LIFECYCLE_JOB,
    payload: z.object({}).passthrough(),
    cron: '23 * * * *',
    async handler() {
      const result = await lifecycle.run();
      if (Object.values(result).some(Boolean)) logger.info(result, 'billing lifecycle');
    },
  });
