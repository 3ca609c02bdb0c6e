import { z } from 'zod';
import { isPublicAddress, tcpProbe, type ProbeResult } from '../../integrations/probe/tcp-probe.ts';
import type { Clock } from '../../lib/clock.ts';
import { defineJob } from '../../jobs/queue.ts';
import type { Logger } from '../../lib/logger.ts';
import type { ProbeRepo } from './probe.repo.ts';
import type { Caller, VpsService } from './vps.service.ts';

/** Every opted-in server is probed once per interval, at its own fixed offset inside it. */
export const PROBE_INTERVAL_MS = 5 * 60_000;
/** The probe job runs every minute and handles the slots that fall inside its minute. */
export const PROBE_WINDOW_MS = 60_000;
export const PROBE_RAW_RETENTION_MS = 7 * 86_400_000;
export const PROBE_HOURLY_RETENTION_MS = 90 * 86_400_000;
const HOUR = 3_600_000;

export interface ProbeServiceDeps {
  vps: VpsService;
  repo: ProbeRepo;
  clock: Clock;
  logger: Logger;
  /** Production refuses private, loopback and reserved targets; tests probe listeners on 127.0.0.x. */
  allowPrivateTargets: boolean;
  /** The ports probed: SSH on Linux, RDP on Windows (tests point them at local listeners). */
  ports?: { ssh: number; rdp: number };
  timeoutMs?: number;
  /** At most this many probes in flight at once in one process. */
  concurrency?: number;
  /** Waits until a slot's time (tests pass one that returns at once). */
  sleep?: (ms: number) => Promise<void>;
  /** The TCP probe (tests wrap it to watch concurrency). */
  probe?: (host: string, port: number, timeoutMs: number) => Promise<ProbeResult>;
}

/** A stable offset in [0, interval) per server, so probes are spread over the interval instead of bunched. */
export function probeOffset(vpsId: string, intervalMs = PROBE_INTERVAL_MS): number {
  let hash = 2166136261;
  for (let i = 0; i < vpsId.length; i++) {
    hash ^= vpsId.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return ((hash >>> 0) % (intervalMs / 1000)) * 1000;
}

/** The first slot of this server at or after `from` (slots are `offset + k * interval` since the epoch). */
export function nextSlot(vpsId: string, from: number, intervalMs = PROBE_INTERVAL_MS): number {
  const offset = probeOffset(vpsId, intervalMs);
  const k = Math.ceil((from - offset) / intervalMs);
  return offset + k * intervalMs;
}

const isWindows = (osType: string | null) => (osType ?? '').toLowerCase().startsWith('windows');

/**
 * The reachability probe: an opt-in per server (owner only); a scheduler that, every minute, connects to the SSH (or
 * RDP) port of the servers whose slot falls in that minute, at the slot's second, with bounded concurrency, claiming
 * each slot in the database so it runs once across processes; hourly rollups and retention (raw 7 d, hourly 90 d).
 * The target is always the server's own recorded address, never anything a client sent.
 */
export function createProbeService(deps: ProbeServiceDeps) {
  const ports = deps.ports ?? { ssh: 22, rdp: 3389 };
  const timeoutMs = deps.timeoutMs ?? 5_000;
  const concurrency = Math.max(1, deps.concurrency ?? 20);
  // Waiting timers end at once on stop(), so a shutdown never waits for the rest of a probe window.
  let stopped = false;
  const waiting = new Set<() => void>();
  const sleep =
    deps.sleep ??
    ((ms: number) =>
      new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waiting.delete(done);
          resolve();
        };
        const timer = setTimeout(done, Math.max(0, ms));
        waiting.add(done);
      }));
  const probe = deps.probe ?? tcpProbe;
  const portFor = (osType: string | null) => (isWindows(osType) ? ports.rdp : ports.ssh);
  const log = deps.logger.child({ module: 'probe' });

  async function view(vpsId: string, osType: string | null) {
    const setting = await deps.repo.setting(vpsId);
    return {
      enabled: setting?.enabled ?? false,
      port: portFor(osType),
      protocol: isWindows(osType) ? ('rdp' as const) : ('ssh' as const),
      intervalMinutes: PROBE_INTERVAL_MS / 60_000,
    };
  }

  return {
    portFor,
    view,

    async get(caller: Caller, id: string) {
      const vps = await deps.vps.own(caller, id);
      return view(vps.id, vps.osType);
    },

    async setEnabled(caller: Caller, id: string, enabled: boolean) {
      const vps = await deps.vps.own(caller, id);
      deps.vps.assertActive(vps);
      await deps.repo.setEnabled(vps.id, enabled);
      await deps.vps.audit(caller, enabled ? 'probe.enabled' : 'probe.disabled', vps);
      return view(vps.id, vps.osType);
    },

    /**
     * Probes every opted-in server whose slot falls in [windowStart, windowStart + window). Returns what happened
     * (tests; the job ignores it).
     */
    async runWindow(windowStart: number, windowMs = PROBE_WINDOW_MS) {
      const targets = await deps.repo.enabledTargets();
      const due = targets
        .map((t) => ({ ...t, slot: nextSlot(t.id, windowStart) }))
        .filter((t) => t.slot < windowStart + windowMs)
        .sort((a, b) => a.slot - b.slot);
      const outcome = { probed: 0, skipped: 0, refusedTargets: 0 };
      let next = 0;
      const worker = async () => {
        while (next < due.length) {
          const target = due[next++]!;
          await sleep(target.slot - deps.clock.now().getTime());
          if (stopped) return;
          const host = target.ipAddress!;
          if (!deps.allowPrivateTargets && !isPublicAddress(host)) {
            outcome.refusedTargets++;
            log.warn({ vpsId: target.id }, 'probe refused: the recorded address is not public');
            continue;
          }
          if (!(await deps.repo.claimSlot(target.id, new Date(target.slot)))) {
            outcome.skipped++;
            continue;
          }
          const result = await probe(host, portFor(target.osType), timeoutMs);
          await deps.repo.insertResult({
            vpsInstanceId: target.id,
            at: new Date(target.slot),
            latencyMs: result.latencyMs,
            error: result.error,
          });
          outcome.probed++;
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, worker));
      return outcome;
    },

    /** Skips the probes still waiting for their slot (process shutdown). */
    stop() {
      stopped = true;
      for (const done of [...waiting]) done();
    },

    /** Rolls up the last two days' complete hours (idempotent) and drops what is past retention. */
    async rollUpAndPurge() {
      const now = deps.clock.now().getTime();
      const hourStart = Math.floor(now / HOUR) * HOUR;
      await deps.repo.rollUp(new Date(hourStart - 48 * HOUR), new Date(hourStart));
      await deps.repo.purge(
        new Date(now - PROBE_RAW_RETENTION_MS),
        new Date(now - PROBE_HOURLY_RETENTION_MS),
      );
    },
  };
}

export type ProbeService = ReturnType<typeof createProbeService>;

/** Every minute: the probes whose slots fall in this minute (pg-boss runs one job per tick across processes). */
export function probeJob(service: ProbeService, clock: Clock) {
  return defineJob({
    name: 'vps.probe',
    payload: z.object({}).passthrough(),
    cron: '* * * * *',
    retryLimit: 0,
    handler: async () => {
      const now = clock.now().getTime();
      await service.runWindow(Math.floor(now / PROBE_WINDOW_MS) * PROBE_WINDOW_MS);
    },
  });
}

/** Hourly: rollups of the finished hours and retention (raw 7 days, hourly 90 days). */
export function probeRollupJob(service: ProbeService) {
  return defineJob({
    name: 'vps.probe-rollup',
    payload: z.object({}).passthrough(),
    cron: '5 * * * *',
    retryLimit: 2,
    handler: async () => service.rollUpAndPurge(),
  });
}
