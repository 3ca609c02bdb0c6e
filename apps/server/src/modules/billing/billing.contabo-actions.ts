import { z } from 'zod';
import type { ContaboClient } from '@cloud-vertice/contabo';
import { defineJob, type JobContext } from '../../jobs/queue.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { LifecycleRepo } from './billing.lifecycle.repo.ts';
import { taskFinding } from './billing.tasks.ts';
import type { BillingTasksRepo } from './billing.tasks.repo.ts';

export const CONTABO_ACTION_JOB = 'billing.contabo-action';

export const ZContaboActionJob = z.object({
  vpsId: z.uuid(),
  action: z.enum(['stop', 'start', 'cancel']),
  /** The admin task a cancellation closes. */
  taskId: z.uuid().optional(),
});
export type ContaboActionJob = z.infer<typeof ZContaboActionJob>;

export interface ContaboActionsDeps {
  repo: Pick<LifecycleRepo, 'transaction' | 'findService' | 'updateService'> &
    Pick<BillingTasksRepo, 'findTask' | 'updateTask'>;
  clock: Clock;
  logger: Logger;
  contabo: () => ContaboClient;
}

/**
 * The queued Contabo call of a lifecycle step, checked against the service's state now (a customer who paid in
 * between is not stopped). Failures throw, so the queue retries; the last failure is written on the admin task.
 */
export function createContaboActions(deps: ContaboActionsDeps) {
  const { repo, clock, logger } = deps;

  return async function runContaboAction(job: ContaboActionJob, context: JobContext): Promise<void> {
    const vps = await repo.findService(job.vpsId);
    if (!vps) return;
    const client = deps.contabo();
    const trace = { traceId: `${job.action}:${vps.id}` };
    try {
      if (job.action === 'stop') {
        if (vps.serviceStatus === 'active') return;
        await client.actions.stop(vps.contaboInstanceId, trace);
      } else if (job.action === 'start') {
        if (vps.serviceStatus !== 'active') return;
        await client.actions.start(vps.contaboInstanceId, trace);
      } else {
        if (vps.contaboCancelDate) return;
        const result = await client.instances.cancel(vps.contaboInstanceId, {}, trace);
        const task = job.taskId ? await repo.findTask(job.taskId) : undefined;
        await repo.transaction(async (tx) => {
          await repo.updateService(tx, vps.id, { contaboCancelDate: result.cancelDate ?? null });
          if (task && task.status === 'open') {
            await repo.updateTask(
              task.id,
              {
                status: 'done',
                doneAt: clock.now(),
                ...taskFinding(
                  task,
                  { cancelDate: result.cancelDate ?? '' },
                  `Cancelled through Contabo's API (cancel date ${result.cancelDate ?? 'n/a'}).`,
                ),
              },
              tx,
            );
          }
        });
      }
    } catch (error) {
      logger.error({ err: error, vpsId: vps.id, action: job.action }, 'a lifecycle call to Contabo failed');
      if (context.finalAttempt && job.taskId) {
        const task = await repo.findTask(job.taskId);
        if (task) {
          const message = (error as Error).message;
          await repo.updateTask(
            task.id,
            taskFinding(task, { apiError: message }, `Cancelling through Contabo's API failed: ${message}`),
          );
        }
      }
      throw error;
    }
  };
}

export const billingContaboJob = (lifecycle: {
  runContaboAction: (job: ContaboActionJob, context: JobContext) => Promise<void>;
}) =>
  defineJob({
    name: CONTABO_ACTION_JOB,
    payload: ZContaboActionJob,
    retryLimit: 5,
    retryDelay: 30,
    handler: (payload, context) => lifecycle.runContaboAction(payload, context),
  });
