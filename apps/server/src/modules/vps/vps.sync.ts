import { and, eq, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import {
  syncInstances,
  type InstanceChange,
  type SyncStats,
  type SyncStore,
  type TrackedInstance,
} from '@cloud-vertice/contabo';
import type { ContaboClient } from '@cloud-vertice/contabo';
import type { Db } from '../../db/client.ts';
import { vpsInstances, vpsStatusHistory } from '../../db/schema/index.ts';
import type { EventBus } from '../../events/bus.ts';
import type { Clock } from '../../lib/clock.ts';
import { defineJob } from '../../jobs/queue.ts';

type VpsRow = typeof vpsInstances.$inferSelect;

/** Contabo's instance fields ↔ our vps_instances columns. */
const COLUMN_OF = {
  status: 'status',
  ipv4: 'ipAddress',
  ipv6: 'ipV6Address',
  gateway: 'gateway',
  netmaskCidr: 'netmaskCidr',
  macAddress: 'macAddress',
  osType: 'osType',
  productId: 'contaboProductId',
  region: 'region',
  imageId: 'contaboImageId',
  defaultUser: 'defaultUser',
  cancelDate: 'contaboCancelDate',
  name: 'name',
  displayName: 'displayName',
} as const satisfies Record<string, keyof VpsRow>;

/**
 * The sync store over `vps_instances`: every tracked (not terminated) VPS is compared with Contabo's list; only changed
 * rows are written, each status change once, with a history row, and published for the panel's live view.
 */
export function createVpsSyncStore(deps: { db: Db; clock: Clock; events: EventBus }): SyncStore {
  const { db, clock, events } = deps;
  return {
    async listTracked(): Promise<TrackedInstance[]> {
      const rows = await db.select().from(vpsInstances).where(ne(vpsInstances.serviceStatus, 'terminated'));
      return rows.map((row) => {
        const tracked: TrackedInstance = { contaboInstanceId: row.contaboInstanceId, status: row.status };
        for (const [field, column] of Object.entries(COLUMN_OF)) {
          (tracked as Record<string, unknown>)[field] = row[column];
        }
        return tracked;
      });
    },

    async applyChanges(changes: InstanceChange[]): Promise<void> {
      if (!changes.length) return;
      const now = clock.now();
      const published: Array<{ id: string; userId: string; status: string }> = [];
      await db.transaction(async (tx) => {
        for (const change of changes) {
          const patch: Partial<VpsRow> = { lastSyncedAt: now };
          for (const [field, value] of Object.entries(change.fields)) {
            const column = COLUMN_OF[field as keyof typeof COLUMN_OF];
            if (column) (patch as Record<string, unknown>)[column] = value;
          }
          if (change.statusChanged) patch.statusChangedAt = now;
          const [row] = await tx
            .update(vpsInstances)
            .set(patch)
            .where(eq(vpsInstances.contaboInstanceId, change.contaboInstanceId))
            .returning({ id: vpsInstances.id, userId: vpsInstances.userId });
          if (row && change.statusChanged?.to) {
            await tx.insert(vpsStatusHistory).values({
              vpsInstanceId: row.id,
              fromStatus: change.statusChanged.from,
              toStatus: change.statusChanged.to,
              createdAt: now,
            });
            published.push({ ...row, status: change.statusChanged.to });
          }
        }
      });
      for (const p of published) {
        await events.publish({
          type: 'vps.status',
          vpsId: p.id,
          userId: p.userId,
          status: p.status,
          at: now.toISOString(),
        });
      }
    },
  };
}

export interface VpsSyncDeps {
  db: Db;
  clock: Clock;
  events: EventBus;
  contabo: ContaboClient;
}

/** One sync cycle: one paginated list walk over Contabo, whatever the number of VPS. */
export async function runVpsSync(deps: VpsSyncDeps): Promise<SyncStats> {
  const stats = await syncInstances(deps.contabo, createVpsSyncStore(deps), { traceId: 'vps-sync' });
  if (stats.missingIds.length) {
    // Tracked but gone from the Contabo account: mark them so the admin sees it; never delete our records.
    await deps.db
      .update(vpsInstances)
      .set({ status: 'unknown', lastSyncedAt: deps.clock.now() })
      .where(
        and(inArray(vpsInstances.contaboInstanceId, stats.missingIds), ne(vpsInstances.status, 'unknown')),
      );
  }
  return stats;
}

/**
 * The cron fires every minute; with an interval of N minutes (Ajustes → Contabo) it syncs on the minutes divisible by
 * N, a rule every instance computes alike from the clock.
 */
export const vpsSyncJob = (deps: VpsSyncDeps & { intervalMinutes?: () => Promise<number> }) =>
  defineJob({
    name: 'vps.sync',
    payload: z.object({}).passthrough(),
    cron: '* * * * *',
    retryLimit: 0,
    async handler() {
      const interval = (await deps.intervalMinutes?.()) ?? 1;
      if (interval > 1 && Math.floor(deps.clock.now().getTime() / 60_000) % interval !== 0) return;
      await runVpsSync(deps);
    },
  });
