import type { Clock } from '../../lib/clock.ts';
import type { ProbePoint, ProbeRepo } from './probe.repo.ts';
import type { ProbeService } from './probe.service.ts';
import type { StatsRepo } from './stats.repo.ts';
import type { Caller, VpsService } from './vps.service.ts';

export const STATS_RANGES = { '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;
export type StatsRange = keyof typeof STATS_RANGES;

const POWER_ACTIONS = ['start', 'stop', 'restart', 'shutdown'];
const SNAPSHOT_ACTIONS = ['snapshot-create', 'snapshot-restore', 'snapshot-delete'];

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
  /** The same share over each range, for the uptime figures shown side by side. */
  uptime: Record<StatsRange, number | null>;
  timeline: TimelineSegment[];
  actions: Array<{ type: string; completed: number; failed: number }>;
  /** Power and snapshot actions in the window, oldest first. */
  activity: Array<{ at: Date; kind: 'power' | 'snapshot'; type: string; status: string }>;
  probe: {
    enabled: boolean;
    port: number;
    protocol: 'ssh' | 'rdp';
    intervalMinutes: number;
    /** Share of successful probes in the window, in percent (2 decimals); null without probes. */
    availability: number | null;
    /** Every probe over 24 h; hourly aggregates over 7 d (raw results) and 30 d (rollups). */
    resolution: 'probe' | 'hour';
    points: ProbePoint[];
  };
  /** Contabo's API offers no CPU, RAM or traffic metrics: only what the platform itself sees is shown. */
  metrics: 'none_from_provider';
}

const percent = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 100 : null;

/** Running time share of the segments clipped to [start, to]. */
function runningShare(segments: TimelineSegment[], start: Date, to: Date): number | null {
  let running = 0;
  for (const s of segments) {
    if (s.status !== 'running') continue;
    const from = Math.max(s.from.getTime(), start.getTime());
    const until = Math.min(s.to.getTime(), to.getTime());
    if (until > from) running += until - from;
  }
  return percent(running, to.getTime() - start.getTime());
}

/**
 * What the platform really knows about a server over 24 h / 7 d / 30 d: availability and the status timeline from the
 * status history the sync records, the reachability probe's latency and availability (when the customer opted in),
 * and the power and snapshot actions taken. Contabo's API has no usage metrics.
 */
export function createStatsService(deps: {
  vps: VpsService;
  repo: StatsRepo;
  probes: ProbeRepo;
  probe: ProbeService;
  clock: Clock;
}) {
  return {
    async stats(caller: Caller, id: string, range: StatsRange): Promise<VpsStats> {
      const vps = await deps.vps.own(caller, id);
      deps.vps.assertActive(vps);
      const to = deps.clock.now();
      // Time before the server was assigned to this customer is not theirs to measure.
      const since = vps.assignedAt ?? vps.createdAt;
      const startOf = (r: StatsRange) => {
        const from = new Date(to.getTime() - STATS_RANGES[r]);
        return since > from ? since : from;
      };
      // One pass over the longest window gives every range's figures.
      const widest = startOf('30d');
      const { before, inside } = await deps.repo.statusChanges(vps.id, widest, to);
      let status = before?.toStatus ?? inside[0]?.fromStatus ?? vps.status;
      let at = widest;
      const segments: TimelineSegment[] = [];
      for (const change of inside) {
        if (change.createdAt > at) segments.push({ status, from: at, to: change.createdAt });
        status = change.toStatus;
        at = change.createdAt > at ? change.createdAt : at;
      }
      if (to > at) segments.push({ status, from: at, to });

      const start = startOf(range);
      const timeline = segments
        .filter((s) => s.to > start)
        .map((s) => ({ status: s.status, from: s.from < start ? start : s.from, to: s.to }));
      const uptime = {
        '24h': runningShare(segments, startOf('24h'), to),
        '7d': runningShare(segments, startOf('7d'), to),
        '30d': runningShare(segments, widest, to),
      };

      const from = new Date(to.getTime() - STATS_RANGES[range]);
      const counts = new Map<string, { type: string; completed: number; failed: number }>();
      for (const row of await deps.repo.actionCounts(vps.id, from, to)) {
        const entry = counts.get(row.type) ?? { type: row.type, completed: 0, failed: 0 };
        if (row.status === 'failed') entry.failed += Number(row.n);
        else entry.completed += Number(row.n);
        counts.set(row.type, entry);
      }
      const activity = (
        await deps.repo.actionsOverTime(vps.id, [...POWER_ACTIONS, ...SNAPSHOT_ACTIONS], start, to)
      ).map((a) => ({
        at: a.at,
        kind: POWER_ACTIONS.includes(a.type) ? ('power' as const) : ('snapshot' as const),
        type: a.type,
        status: a.status,
      }));

      const points =
        range === '24h'
          ? await deps.probes.rawPoints(vps.id, start, to)
          : range === '7d'
            ? await deps.probes.hourlyFromRaw(vps.id, start, to)
            : await deps.probes.rollups(vps.id, start, to);
      const probes = points.reduce((n, p) => n + p.probes, 0);
      const failures = points.reduce((n, p) => n + p.failures, 0);

      return {
        range,
        from,
        to,
        availability: uptime[range],
        uptime,
        timeline,
        actions: [...counts.values()].sort((a, b) => a.type.localeCompare(b.type)),
        activity,
        probe: {
          ...(await deps.probe.view(vps.id, vps.osType)),
          availability: percent(probes - failures, probes),
          resolution: range === '24h' ? 'probe' : 'hour',
          points,
        },
        metrics: 'none_from_provider',
      };
    },
  };
}

export type StatsService = ReturnType<typeof createStatsService>;
