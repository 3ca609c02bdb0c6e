import { z } from 'zod';

export const ZProbeSetting = z.object({
  enabled: z.boolean(),
  /** 22 (SSH) on Linux, 3389 (RDP) on Windows: the only port probed, on the server's own address. */
  port: z.number(),
  protocol: z.enum(['ssh', 'rdp']),
  intervalMinutes: z.number(),
});

/** Only `enabled`: the target is always the server's own address and port, never taken from the request. */
export const ZProbeUpdate = z.strictObject({ enabled: z.boolean() });

const ZProbePoint = z.object({
  at: z.date(),
  probes: z.number(),
  failures: z.number(),
  latencyAvgMs: z.number().nullable(),
  latencyMaxMs: z.number().nullable(),
});

const ZUptime = z.number().nullable();

export const ZVpsStats = z.object({
  range: z.enum(['24h', '7d', '30d']),
  from: z.date(),
  to: z.date(),
  availability: ZUptime,
  uptime: z.object({ '24h': ZUptime, '7d': ZUptime, '30d': ZUptime }),
  timeline: z.array(z.object({ status: z.string(), from: z.date(), to: z.date() })),
  actions: z.array(z.object({ type: z.string(), completed: z.number(), failed: z.number() })),
  activity: z.array(
    z.object({ at: z.date(), kind: z.enum(['power', 'snapshot']), type: z.string(), status: z.string() }),
  ),
  probe: ZProbeSetting.extend({
    availability: ZUptime,
    resolution: z.enum(['probe', 'hour']),
    points: z.array(ZProbePoint),
  }),
  metrics: z.literal('none_from_provider'),
});
