import { presentAction, presentVps } from './vps.presenter.ts';
import type { TVps, TVpsAction } from './vps.schemas.ts';
import type { Caller, VpsBlocks, VpsServiceDeps } from './vps.blocks.ts';
import { REFRESH_MIN_INTERVAL_MS } from './vps.rules.ts';

/** What the customer reads about their servers: the list, one server (optionally refreshed live), actions, history. */
export function createVpsReads(deps: VpsServiceDeps, blocks: VpsBlocks) {
  const { repo, clock, logger } = deps;
  const { own, detail, applyInstance, terminateAfterDays } = blocks;

  return {
    async list(caller: Caller, page: number, pageSize: number): Promise<{ items: TVps[]; total: number }> {
      // The page, its total and each server's action in flight come in one query.
      const { rows, total } = await repo.panelPageForUser(caller.id, page, pageSize);
      const days = rows.some((r) => r.vps.serviceStatus === 'suspended') ? await terminateAfterDays() : 0;
      return { items: rows.map((r) => presentVps(r, r.inFlight ?? undefined, days)), total };
    },

    async get(caller: Caller, id: string, refresh = false): Promise<TVps> {
      // The panel's common read: owner check and detail from the same queries.
      if (!refresh) return detail(id, caller);
      const vps = await own(caller, id);
      const stale =
        !vps.lastSyncedAt || clock.now().getTime() - vps.lastSyncedAt.getTime() >= REFRESH_MIN_INTERVAL_MS;
      if (refresh && stale && vps.serviceStatus !== 'terminated') {
        try {
          await applyInstance(
            vps,
            await deps.contabo().instances.get(vps.contaboInstanceId, { traceId: `vps:${vps.id}` }),
          );
        } catch (error) {
          logger.warn({ err: error, vpsId: vps.id }, 'live refresh failed; showing the last known status');
        }
      }
      return detail(id);
    },

    async actions(caller: Caller, id: string): Promise<{ items: TVpsAction[]; total: number }> {
      await own(caller, id);
      const rows = await repo.listActions(id);
      return { items: rows.map(presentAction), total: rows.length };
    },

    async history(caller: Caller, id: string) {
      await own(caller, id);
      const rows = await repo.statusHistory(id);
      return {
        items: rows.map((r) => ({ fromStatus: r.fromStatus, toStatus: r.toStatus, createdAt: r.createdAt })),
      };
    },
  };
}
