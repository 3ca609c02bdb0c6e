import { z } from 'zod';
import {
  syncInstances,
  type InstanceChange,
  type SyncStats,
  type SyncStore,
  type TrackedInstance,
} from '@cloud-vertice/contabo';
import type { ContaboClient } from '@cloud-vertice/contabo';
import type { EventBus, VpsEvent } from '../../events/bus.ts';
import type { Clock } from '../../lib/clock.ts';
import { defineJob } from '../../jobs/queue.ts';
import type { TrackedVpsRow, VpsRepo, VpsRow } from './vps.repo.ts';

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
} as const satisfies Record<string, keyof TrackedVpsRow>;

/**
 * The sync store over `vps_instances`: every tracked (not terminated) VPS is compared with Contabo's list; only changed
 * rows are written, each status change once, with a history row, and published for the panel's live view.
 */
export function createVpsSyncStore(deps: { repo: VpsRepo; clock: Clock; events: EventBus }): SyncStore {
  const { repo, clock, events } = deps;
  /** The rows of this cycle's `listTracked`, by Contabo id: a change is written against the row it was computed from. */
  const tracked = new Map<number, TrackedVpsRow>();
  return {
    async listTracked(): Promise<TrackedInstance[]> {
      const rows = await repo.trackedInstances();
      tracked.clear();
      return rows.map((row) => {
        tracked.set(row.contaboInstanceId, row);
        const instance: TrackedInstance = { contaboInstanceId: row.contaboInstanceId, status: row.status };
        for (const [field, column] of Object.entries(COLUMN_OF)) {
          (instance as Record<string, unknown>)[field] = row[column];
        }
        return instance;
      });
    },

    async applyChanges(changes: InstanceChange[]): Promise<void> {
      if (!changes.length) return;
      const now = clock.now();
      const published: VpsEvent[] = [];
      await repo.transaction(async (tx) => {
        for (const change of changes) {
          const row = tracked.get(change.contaboInstanceId);
          if (!row) continue;
          const columns: Partial<VpsRow> = {};
          for (const [field, value] of Object.entries(change.fields)) {
            const column = COLUMN_OF[field as keyof typeof COLUMN_OF];
            if (column) (columns as Record<string, unknown>)[column] = value;
          }
          const status = change.statusChanged?.to ?? row.status;
          const record = await repo.recordStatus(tx, row, status, now, columns);
          if (record.changed) published.push(record.event);
        }
      });
      for (const event of published) await events.publish(event);
    },
  };
}

export interface VpsSyncDeps {
  repo: VpsRepo;
  clock: Clock;
  events: EventBus;
  contabo: ContaboClient;
}

/** One sync cycle: one paginated list walk over Contabo, whatever the number of VPS. */
export async function runVpsSync(deps: VpsSyncDeps): Promise<SyncStats> {
  const stats = await syncInstances(deps.contabo, createVpsSyncStore(deps), { traceId: 'vps-sync' });
  // Tracked but gone from the Contabo account: mark them so the admin sees it; never delete our records.
  if (stats.missingIds.length) await deps.repo.markMissing(stats.missingIds, deps.clock.now());
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
