import type { ContaboClient, Instance } from '@cloud-vertice/contabo';
import type { Clock } from '../../lib/clock.ts';
import type { VpsActionRow, VpsRepo, VpsRow } from './vps.repo.ts';

export interface ReconcileDeps {
  repo: VpsRepo;
  contabo: () => ContaboClient;
  clock: Clock;
  applyInstance(vps: VpsRow, instance: Instance): Promise<VpsRow>;
  publishAction(vps: VpsRow, action: VpsActionRow): Promise<void>;
}

/**
 * At boot, actions a previous process left in flight are settled at once against Contabo's current state instead of
 * blocking their VPS until the tracker's timeout: the expected status is there → completed; otherwise → failed as
 * `interrupted`, so the customer may simply try again. `requested` rows were perhaps never sent; `accepted` ones are
 * reconciled too when Contabo is the in-process simulator (demo mode), whose account may predate the crash.
 */
export async function reconcileInterruptedActions(
  deps: ReconcileDeps,
  options: { statuses: Array<'requested' | 'accepted'>; requestedBefore: Date },
): Promise<{ completed: number; failed: number }> {
  const left = await deps.repo.actionsLeftInFlight(options.statuses, options.requestedBefore);
  if (!left.length) return { completed: 0, failed: 0 };
  const ids = [...new Set(left.map((l) => l.vps.contaboInstanceId))];
  const instances = new Map<number, Instance>();
  for (let i = 0; i < ids.length; i += 100) {
    const page = await deps
      .contabo()
      .instances.list({ instanceIds: ids.slice(i, i + 100), size: 100 }, { traceId: 'vps-actions-boot' });
    for (const instance of page.items) instances.set(instance.instanceId, instance);
  }
  let completed = 0;
  let failed = 0;
  const now = deps.clock.now();
  for (const { action, vps } of left) {
    const instance = instances.get(vps.contaboInstanceId);
    const current = instance ? await deps.applyInstance(vps, instance) : vps;
    const visible = instance && action.expectedStatus !== null && instance.status === action.expectedStatus;
    const row = visible
      ? await deps.repo.updateAction(action.id, {
          status: 'completed',
          acceptedAt: action.acceptedAt ?? now,
          completedAt: now,
        })
      : await deps.repo.updateAction(action.id, {
          status: 'failed',
          errorCode: 'interrupted',
          errorMessage: 'The platform restarted before this action was confirmed; please try again.',
          completedAt: now,
        });
    await deps.publishAction(current, row!);
    if (visible) completed++;
    else failed++;
  }
  return { completed, failed };
}
