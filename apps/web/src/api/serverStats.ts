// The server page's statistics and the reachability probe opt-in: types, fetchers and TanStack Query hooks. Keys start
// with 'vps' so signing out drops them with the rest of the panel's data.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';

const id = (value: string) => encodeURIComponent(value);

export type StatsRange = '24h' | '7d' | '30d';
export const STATS_RANGES: StatsRange[] = ['24h', '7d', '30d'];

export type ProbeSetting = {
  enabled: boolean;
  port: number;
  protocol: 'ssh' | 'rdp';
  intervalMinutes: number;
};
export type ProbePoint = {
  at: string;
  probes: number;
  failures: number;
  latencyAvgMs: number | null;
  latencyMaxMs: number | null;
};
export type VpsStats = {
  range: StatsRange;
  from: string;
  to: string;
  availability: number | null;
  uptime: Record<StatsRange, number | null>;
  timeline: Array<{ status: string; from: string; to: string }>;
  actions: Array<{ type: string; completed: number; failed: number }>;
  activity: Array<{ at: string; kind: 'power' | 'snapshot'; type: string; status: string }>;
  probe: ProbeSetting & { availability: number | null; resolution: 'probe' | 'hour'; points: ProbePoint[] };
  metrics: 'none_from_provider';
};

export const statsKeys = {
  stats: (vpsId: string, range: StatsRange) => ['vps', 'stats', vpsId, range] as const,
  all: (vpsId: string) => ['vps', 'stats', vpsId] as const,
};

export const fetchStats = (vpsId: string, range: StatsRange, signal?: AbortSignal) =>
  api.get<VpsStats>(`/api/vps/${id(vpsId)}/stats?range=${range}`, { signal });
export const updateProbe = (vpsId: string, enabled: boolean) =>
  api.put<ProbeSetting>(`/api/vps/${id(vpsId)}/probe`, { enabled });

export function useServerStats(vpsId: string, range: StatsRange) {
  return useQuery({
    queryKey: statsKeys.stats(vpsId, range),
    queryFn: ({ signal }) => fetchStats(vpsId, range, signal),
    placeholderData: (previous) => previous,
    refetchInterval: 60_000,
  });
}

export function useUpdateProbe(vpsId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (enabled: boolean) => updateProbe(vpsId, enabled),
    // The switch follows the click at once; a failure is undone by the refetch.
    onMutate: async (enabled: boolean) => {
      await queryClient.cancelQueries({ queryKey: statsKeys.all(vpsId) });
      queryClient.setQueriesData<VpsStats>({ queryKey: statsKeys.all(vpsId) }, (stats) =>
        stats ? { ...stats, probe: { ...stats.probe, enabled } } : stats,
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: statsKeys.all(vpsId) }),
  });
}
