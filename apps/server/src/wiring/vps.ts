import { auditRowOf, type AuditService } from '../audit/audit.service.ts';
import type { RateLimiter } from '../http/rate-limit.ts';
import { createLeadership, createPacer } from '../integrations/contabo/pacing.ts';
import { createConsoleRepo } from '../modules/vps/console.repo.ts';
import { createConsoleService } from '../modules/vps/console.service.ts';
import { createFirewallService } from '../modules/vps/firewall.service.ts';
import { createProbeRepo } from '../modules/vps/probe.repo.ts';
import { createProbeService } from '../modules/vps/probe.service.ts';
import { createRdnsService } from '../modules/vps/rdns.service.ts';
import { createReinstallService } from '../modules/vps/reinstall.service.ts';
import { createServerPageRepo } from '../modules/vps/server-page.repo.ts';
import { createStatsRepo } from '../modules/vps/stats.repo.ts';
import { createStatsService } from '../modules/vps/stats.service.ts';
import { createVpsQueue } from '../modules/vps/vps-queue.ts';
import { createVpsQueueRepo } from '../modules/vps/vps-queue.repo.ts';
import { createVpsRepo } from '../modules/vps/vps.repo.ts';
import { createVpsService } from '../modules/vps/vps.service.ts';
import type { Platform } from './platform.ts';

/** Audit rows written by the VPS and fulfilment services (optionally in their transaction). */
export function auditRecorder(audit: AuditService) {
  return (entry: Parameters<AuditService['record']>[0], tx?: Parameters<AuditService['record']>[1]) =>
    audit.record(entry, tx);
}

/** The customer's VPS panel: actions (through the paced queue), the server page, statistics, probe and console. */
export function wireVps(p: Platform, { limiter }: { limiter: RateLimiter }) {
  const { config, database, db, contabo, clock, cipher, events, logger, settings } = p;
  const recordAudit = auditRecorder(p.audit);
  const vpsRepo = createVpsRepo(db);
  const pacer = createPacer({ ratePerSecond: config.CONTABO_RATE_LIMIT_PER_SECOND });
  const vpsQueueRepo = createVpsQueueRepo(db);
  const vpsQueue = createVpsQueue({
    repo: vpsRepo,
    queue: vpsQueueRepo,
    contabo: () => contabo.client,
    pacer,
    leadership: createLeadership({ database, name: `contabo-queue:${contabo.accountKey}`, logger }),
    clock,
    events,
    logger,
    audit: recordAudit,
  });
  const vps = createVpsService({
    actionQueue: {
      enqueue: (row, entry) => vpsQueueRepo.enqueue(row, auditRowOf(entry)),
      estimateSeconds: (position) => pacer.estimateSeconds(position),
      wake: () => vpsQueue.wake(),
    },
    repo: vpsRepo,
    contabo: () => contabo.client,
    clock,
    cipher,
    events,
    logger,
    audit: recordAudit,
    settings,
    limiter,
  });
  const serverPageRepo = createServerPageRepo(db);
  const reinstall = createReinstallService({
    vps,
    vpsRepo,
    repo: serverPageRepo,
    contabo: () => contabo.client,
    cipher,
  });
  const rdns = createRdnsService({ vps, contabo: () => contabo.client });
  const firewall = createFirewallService({ vps, repo: serverPageRepo, contabo: () => contabo.client });
  const probeRepo = createProbeRepo(db);
  const probe = createProbeService({
    vps,
    repo: probeRepo,
    clock,
    logger,
    allowPrivateTargets: config.PROBE_ALLOW_PRIVATE_TARGETS,
  });
  const stats = createStatsService({ vps, repo: createStatsRepo(db), probes: probeRepo, probe, clock });
  const vncConsole = createConsoleService({
    vps,
    vpsRepo,
    repo: createConsoleRepo(db),
    cipher,
    clock,
    logger,
    audit: recordAudit,
    events,
  });
  return { vpsRepo, vpsQueue, vps, reinstall, rdns, firewall, probe, stats, vncConsole };
}
