import { ContaboError } from '@cloud-vertice/contabo';
import { notFound } from '../../lib/errors.ts';
import { contaboFailure } from './vps.errors.ts';
import { presentAction } from './vps.presenter.ts';
import type { VpsRow } from './vps.repo.ts';
import type { TSnapshot, TVpsAction } from './vps.schemas.ts';
import type { Caller, VpsBlocks, VpsServiceDeps } from './vps.blocks.ts';

/** The customer's snapshots: the live list (mirrored in our table), create, roll back to, delete. */
export function createVpsSnapshots(deps: VpsServiceDeps, blocks: VpsBlocks) {
  const { repo, clock } = deps;
  const { own, assertActive, runAction } = blocks;

  /**
   * An unknown snapshot id is the caller's mistake: a 404 before any action row is written or anything is sent,
   * instead of a failed action and "the provider does not recognise this server".
   */
  async function assertSnapshotExists(vps: VpsRow, snapshotId: string): Promise<void> {
    try {
      await deps.contabo().snapshots.get(vps.contaboInstanceId, snapshotId, { traceId: `vps:${vps.id}` });
    } catch (error) {
      if (error instanceof ContaboError && error.code === 'not_found') throw notFound('Snapshot');
      throw contaboFailure(error, 'snapshot lookup');
    }
  }

  return {
    async snapshots(
      caller: Caller,
      id: string,
    ): Promise<{ items: TSnapshot[]; total: number; quota: number }> {
      const vps = await own(caller, id);
      assertActive(vps);
      const refs = await repo.findWithRefs(id);
      let list;
      try {
        list = await deps
          .contabo()
          .snapshots.list(vps.contaboInstanceId, { size: 100 }, { traceId: `vps:${vps.id}` });
      } catch (error) {
        throw contaboFailure(error, 'snapshot list');
      }
      const items = list.items.map((s) => ({
        id: s.snapshotId,
        name: s.name,
        description: s.description ?? null,
        createdAt: s.createdDate ? new Date(s.createdDate) : null,
        autoDeleteAt: s.autoDeleteDate ? new Date(s.autoDeleteDate) : null,
      }));
      await repo.replaceSnapshots(
        vps.id,
        items.map((s) => ({
          vpsInstanceId: vps.id,
          contaboSnapshotId: s.id,
          name: s.name,
          description: s.description,
          autoDeleteAt: s.autoDeleteAt,
          createdAt: s.createdAt ?? clock.now(),
        })),
      );
      return { items, total: items.length, quota: refs?.product?.snapshotQuota ?? 1 };
    },

    async createSnapshot(
      caller: Caller,
      id: string,
      input: { name: string; description?: string },
    ): Promise<TVpsAction> {
      const vps = await own(caller, id);
      assertActive(vps);
      const client = deps.contabo();
      const action = await runAction(
        caller,
        vps,
        'snapshot-create',
        null,
        { name: input.name },
        (traceId) => client.snapshots.create(vps.contaboInstanceId, input, { traceId }),
        { synchronous: true },
      );
      return presentAction(action);
    },

    /** Rolls back to a snapshot (Contabo deletes every newer snapshot). */
    async restoreSnapshot(caller: Caller, id: string, snapshotId: string): Promise<TVpsAction> {
      const vps = await own(caller, id);
      assertActive(vps);
      const client = deps.contabo();
      await assertSnapshotExists(vps, snapshotId);
      const action = await runAction(caller, vps, 'snapshot-restore', vps.status, { snapshotId }, (traceId) =>
        client.snapshots.rollback(vps.contaboInstanceId, snapshotId, { traceId }),
      );
      return presentAction(action);
    },

    async deleteSnapshot(caller: Caller, id: string, snapshotId: string): Promise<void> {
      const vps = await own(caller, id);
      assertActive(vps);
      const client = deps.contabo();
      await assertSnapshotExists(vps, snapshotId);
      await runAction(
        caller,
        vps,
        'snapshot-delete',
        null,
        { snapshotId },
        (traceId) => client.snapshots.delete(vps.contaboInstanceId, snapshotId, { traceId }),
        { synchronous: true },
      );
    },
  };
}
