import type { JobDefinition } from '../jobs/queue.ts';
import { jobDefinitions } from '../job-list.ts';
import { billingContaboJob, billingLifecycleJob } from '../modules/billing/billing.lifecycle.ts';
import { dailyBackupJob } from '../modules/backup/backup.jobs.ts';
import { backupDestination, createBackupService } from '../modules/backup/backup.service.ts';
import { cancelUnpaidOrdersJob } from '../modules/orders/orders.jobs.ts';
import { autoCloseTicketsJob } from '../modules/tickets/tickets.jobs.ts';
import { fetchTicketMailJob } from '../modules/tickets/tickets.inbound.ts';
import { probeJob, probeRollupJob } from '../modules/vps/probe.service.ts';
import { vpsSyncJob } from '../modules/vps/vps.sync.ts';
import type { wireAuth } from './auth.ts';
import type { wireBilling } from './billing.ts';
import type { wireOrders } from './orders.ts';
import type { Platform } from './platform.ts';
import type { RateLimits } from './rate-limits.ts';
import type { wireTickets } from './tickets.ts';
import type { wireVps } from './vps.ts';

/**
 * Registers every job with the queue: the platform's (`job-list.ts`), the modules' and, when configured, the daily
 * backup. Returns the backup destination (the container closes its storage).
 */
export function registerJobs(
  p: Platform,
  parts: {
    auth: ReturnType<typeof wireAuth>;
    rateLimits: RateLimits;
    orders: ReturnType<typeof wireOrders>;
    billing: ReturnType<typeof wireBilling>;
    tickets: ReturnType<typeof wireTickets>;
    vps: ReturnType<typeof wireVps>;
  },
) {
  const { config, database, secrets, jobs, mail, clock, events, contabo, settings, logger } = p;
  const { billingLifecycle } = parts.billing;
  const { probe } = parts.vps;
  jobs.register(
    jobDefinitions({
      mail,
      auth: parts.auth.authLibrary,
      authRepo: parts.auth.authRepo,
      rateLimitStore: parts.rateLimits.rateLimitStore,
      clock,
      appUrl: config.appUrl,
    }),
  );
  jobs.register([
    vpsSyncJob({
      repo: parts.vps.vpsRepo,
      clock,
      events,
      get contabo() {
        return contabo.client;
      },
      intervalMinutes: () => settings.get('contabo.syncIntervalMinutes'),
    }),
    cancelUnpaidOrdersJob({ repo: parts.orders.ordersRepo, clock, settings, logger }),
    billingLifecycleJob(billingLifecycle, logger),
    billingContaboJob(billingLifecycle),
    autoCloseTicketsJob(parts.tickets.autoCloseTickets),
    fetchTicketMailJob(parts.tickets.inboundMail),
    probeJob(probe, clock),
    probeRollupJob(probe),
  ] as JobDefinition[]);
  // The daily backup runs in the process that holds the database (the embedded one cannot be opened twice).
  const backupTarget = config.BACKUP_DAILY && config.BACKUP_KEY ? backupDestination(config) : null;
  if (backupTarget && config.BACKUP_KEY) {
    const backups = createBackupService({
      config,
      database,
      encryptionKey: secrets.encryptionKey,
      files: parts.tickets.storage,
      destination: backupTarget,
      clock,
      logger: logger.child({ module: 'backup' }),
    });
    jobs.register([
      dailyBackupJob(backups, { cron: config.BACKUP_CRON, key: config.BACKUP_KEY }),
    ] as JobDefinition[]);
  }
  return { backupTarget };
}
