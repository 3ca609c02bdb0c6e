import type { Clock } from '../../lib/clock.ts';
import type { StatsRepo } from './stats.repo.ts';
import type { Caller, VpsService } from './vps.service.ts';

export const STATS_RANGES = { '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;
export type StatsRange = keyof typeof STATS_RANGES;

export interface TimelineSegment {
  status: string;
  from: Date;
  to: Date;
}

export interface VpsStats {
  range: StatsRange;
  from: Date;
  to: Date;
  /** Share of the observed time the server was running, in percent (2 decimals); null before it was ours. */
  availability: number | null;
  timeline: TimelineSegment[];
  actions: Array<{ type: string; completed: number; failed: number }>;
  /** Contabo's API offers no CPU, RAM or traffic metrics: only what the platform itself sees is shown. */
  metrics: 'none_from_provider';
}

/**
 * What the platform really knows about a server over 24 h / 7 d / 30 d: availability and the status timeline from the
 * status history the sync records, and the actions taken. Contabo's API has no usage metrics.
 */
export function createStatsService(deps: { vps: VpsService; repo: StatsRepo; clock: Clock }) {
  return {
    async stats(caller: Caller, id: string, range: StatsRange): Promise<VpsStats> {
      const vps = await deps.vps.own(caller, id);
      deps.vps.assertActive(vps);
      const to = deps.clock.now();
      const from = new Date(to.getTime() - STATS_RANGES[range]);
      // Time before the server was assigned to this customer is not theirs to measure.
      const since = vps.assignedAt ?? vps.createdAt;
      const start = since > from ? since : from;
      const { before, inside } = await deps.repo.statusChanges(vps.id, start, to);
      let status = before?.toStatus ?? inside[0]?.fromStatus ?? vps.status;
      let at = start;
      const timeline: TimelineSegment[] = [];
      for (const change of inside) {
        if (change.createdAt > at) timeline.push({ status, from: at, to: change.createdAt });
        status = change.toStatus;
        at = change.createdAt > at ? change.createdAt : at;
      }
      if (to > at) timeline.push({ status, from: at, to });
      const observed = to.getTime() - start.getTime();
      const running = timeline
        .filter((s) => s.status === 'running')
        .reduce((sum, s) => sum + (s.to.getTime() - s.from.getTime()), 0);
      const counts = new Map<string, { type: string; completed: number; failed: number }>();
      for (const row of await deps.repo.actionCounts(vps.id, from, to)) {
        const entry = counts.get(row.type) ?? { type: row.type, completed: 0, failed: 0 };
        if (row.status === 'failed') entry.failed += Number(row.n);
        else entry.completed += Number(row.n);
        counts.set(row.type, entry);
      }
      return {
        range,
        from,
        to,
        availability: observed > 0 ? Math.round((running / observed) * 10_000) / 100 : null,
        timeline,
        actions: [...counts.values()].sort((a, b) => a.type.localeCompare(b.type)),
        metrics: 'none_from_provider',
      };
    },
  };
}

export type StatsService = ReturnType<typeof createStatsService>;
