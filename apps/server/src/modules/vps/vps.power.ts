import { AppError } from '../../lib/errors.ts';
import { presentAction } from './vps.presenter.ts';
import type { TVps, TVpsAction } from './vps.schemas.ts';
import type { Caller, VpsBlocks, VpsServiceDeps } from './vps.blocks.ts';
import { actionInProgress, STATUS_RULES, type PowerAction } from './vps.rules.ts';

/** The instance's own actions: power (through the account's queue) and rename (answered at once). */
export function createVpsPower(deps: VpsServiceDeps, blocks: VpsBlocks) {
  const { repo, clock } = deps;
  const { own, assertActive, publishAction, auditEntry, runAction, detail } = blocks;

  return {
    /**
     * Power actions wait their turn in the account's Contabo queue: the action is recorded as `queued` and the caller
     * gets its place and a wait estimate at once; the dispatcher sends it at the configured rate.
     */
    async power(caller: Caller, id: string, type: PowerAction): Promise<TVpsAction> {
      const vps = await own(caller, id);
      assertActive(vps);
      const rule = STATUS_RULES[type];
      if (!rule.from.includes(vps.status)) {
        throw new AppError('conflict', `The server is ${vps.status}; it cannot ${type} now.`, {
          status: vps.status,
        });
      }
      // One statement writes the action, reads its place and writes its audit row (a transaction of four round trips
      // held its connection across as many turns of a busy event loop). The dispatcher is woken and the panel told
      // after it.
      const queued = await deps.actionQueue.enqueue(
        {
          vpsInstanceId: vps.id,
          userId: caller.id,
          actionType: type,
          status: 'queued',
          expectedStatus: rule.expected,
          params: {},
          requestedAt: clock.now(),
        },
        auditEntry(caller, type, vps),
      );
      if (!queued) throw actionInProgress();
      const { action, position } = queued;
      deps.actionQueue.wake();
      await publishAction(vps, action);
      return {
        ...presentAction(action),
        queue: { position, estimatedSeconds: deps.actionQueue.estimateSeconds(position) },
      };
    },

    async rename(caller: Caller, id: string, displayName: string): Promise<TVps> {
      const vps = await own(caller, id);
      assertActive(vps);
      const client = deps.contabo();
      await runAction(
        caller,
        vps,
        'rename',
        null,
        { displayName },
        (traceId) => client.instances.rename(vps.contaboInstanceId, displayName, { traceId }),
        { synchronous: true },
      );
      await repo.update(vps.id, { displayName });
      return detail(vps.id);
    },
  };
}
