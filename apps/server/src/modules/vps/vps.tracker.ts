import type { Instance } from '@cloud-vertice/contabo';
import type { VpsActionRow } from './vps.repo.ts';
import type { VpsBlocks, VpsServiceDeps } from './vps.blocks.ts';
import { reconcileInterruptedActions } from './vps.reconcile.ts';
import { ACTION_TIMEOUT_MS } from './vps.rules.ts';

/**
 * Where an accepted action stands, given the instance Contabo reports (absent: not in this answer): done when the
 * expected status shows, failed on an instance error or after ACTION_TIMEOUT_MS, otherwise still waiting.
 */
export function acceptedActionOutcome(
  action: Pick<VpsActionRow, 'actionType' | 'expectedStatus' | 'acceptedAt' | 'requestedAt'>,
  instance: Pick<Instance, 'status'> | undefined,
  now: Date,
): 'completed' | 'failed' | 'waiting' {
  const done =
    instance &&
    (action.expectedStatus === null || instance.status === action.expectedStatus) &&
    // A restore or reinstall may still show the old status for a moment after Contabo accepted it.
    ((action.actionType !== 'snapshot-restore' && action.actionType !== 'reinstall') ||
      (action.acceptedAt && now.getTime() - action.acceptedAt.getTime() > 1000));
  if (done) return 'completed';
  if (
    instance?.status === 'error' ||
    now.getTime() - (action.acceptedAt ?? action.requestedAt).getTime() > ACTION_TIMEOUT_MS
  )
    return 'failed';
  return 'waiting';
}

/** Follows accepted actions to their end (the worker's ticker) and settles what a previous process left in flight. */
export function createVpsTracker(deps: VpsServiceDeps, blocks: VpsBlocks) {
  const { repo, clock } = deps;
  const { applyInstance, publishAction } = blocks;

  return {
    /** Boot: settles what a previous process left in flight (see vps.reconcile.ts). */
    reconcileInterruptedActions: (options: Parameters<typeof reconcileInterruptedActions>[1]) =>
      reconcileInterruptedActions(
        { repo, contabo: deps.contabo, clock, applyInstance, publishAction },
        options,
      ),

    /**
     * Watches accepted actions: one Contabo list call for all of them (not one per VPS), each VPS's status written
     * once, actions completed when the expected status shows up or failed after ACTION_TIMEOUT_MS.
     */
    async trackActions(): Promise<{ checked: number; completed: number; failed: number }> {
      const pending = await repo.acceptedActions();
      if (!pending.length) return { checked: 0, completed: 0, failed: 0 };
      const ids = [...new Set(pending.map((p) => p.vps.contaboInstanceId))];
      const instances = new Map<number, Instance>();
      for (let i = 0; i < ids.length; i += 100) {
        const page = await deps
          .contabo()
          .instances.list({ instanceIds: ids.slice(i, i + 100), size: 100 }, { traceId: 'vps-actions' });
        for (const instance of page.items) instances.set(instance.instanceId, instance);
      }
      let completed = 0;
      let failed = 0;
      const now = clock.now();
      for (const { action, vps } of pending) {
        const instance = instances.get(vps.contaboInstanceId);
        const current = instance ? await applyInstance(vps, instance) : vps;
        const outcome = acceptedActionOutcome(action, instance, now);
        if (outcome === 'completed') {
          const row = await repo.updateAction(action.id, { status: 'completed', completedAt: now });
          await publishAction(current, row!);
          completed++;
        } else if (outcome === 'failed') {
          const row = await repo.updateAction(action.id, {
            status: 'failed',
            errorCode: instance?.status === 'error' ? 'instance_error' : 'timeout',
            errorMessage:
              instance?.errorMessage ?? `The server did not reach ${action.expectedStatus} in time`,
            completedAt: now,
          });
          await publishAction(current, row!);
          failed++;
        }
      }
      return { checked: pending.length, completed, failed };
    },
  };
}
