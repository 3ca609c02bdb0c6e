import type { Config } from '../config.ts';
import type { Database, Db } from '../db/client.ts';
import type { EventBus } from '../events/bus.ts';
import type { ContaboIntegration } from '../integrations/contabo/contabo.ts';
import type { Mailer } from '../integrations/mailer/mailer.ts';
import { createOutboxMailer } from '../integrations/mailer/outbox.ts';
import { createSmtpMailer } from '../integrations/mailer/smtp.ts';
import { createJobQueue, type JobQueue } from '../jobs/queue.ts';
import type { Clock } from '../lib/clock.ts';
import { createCipher, type Cipher } from '../lib/crypto.ts';
import type { Logger } from '../lib/logger.ts';
import { contaboOutcome, createMetrics, type Metrics } from '../metrics/metrics.ts';
import { createAuditRepo } from '../audit/audit.repo.ts';
import { createAuditService, type AuditService } from '../audit/audit.service.ts';
import { createContaboAlerts, type ContaboAlerts } from '../modules/notifications/contabo-alerts.ts';
import {
  createEmailTemplates,
  type EmailTemplates,
} from '../modules/notifications/email-templates.service.ts';
import { createMailService, type MailService } from '../modules/notifications/mail.service.ts';
import {
  createNotificationsService,
  type NotificationsService,
} from '../modules/notifications/notifications.service.ts';
import { createOutboxRepo } from '../modules/notifications/outbox.repo.ts';
import type { ResolvedSecrets } from '../secrets.ts';
import { createSettingsService, type SettingsService } from '../settings/settings.service.ts';

/** What the process is started with: the container's own input, resolved (the clock has its default). */
export interface Inputs {
  config: Config;
  database: Database;
  logger: Logger;
  secrets: ResolvedSecrets;
  clock: Clock;
  contabo: ContaboIntegration;
  events: EventBus;
}

/**
 * What every module's wiring may use: the process's inputs plus the shared services every module reaches for
 * (settings, jobs, mail, notifications, audit, metrics).
 */
export interface Platform extends Inputs {
  db: Db;
  cipher: Cipher;
  /** No SMTP or SendGrid configured: e-mails are kept in the outbox (the demo banner says so). */
  emailOutbox: boolean;
  settings: SettingsService;
  metrics: Metrics;
  jobs: JobQueue;
  mailer: Mailer;
  mail: MailService;
  emailTemplates: EmailTemplates;
  notifications: NotificationsService;
  contaboAlerts: ContaboAlerts;
  audit: AuditService;
}

/** Settings, metrics (with their sources), the job queue, e-mail, notifications and audit. */
export function wirePlatform(inputs: Inputs, mailerOverride: Mailer | undefined): Platform {
  const { config, database, logger, secrets, clock, contabo, events } = inputs;
  const cipher = createCipher(secrets.encryptionKey);
  const db = database.db;
  const emailOutbox = !(config.SMTP_URL || config.SENDGRID_API_KEY);
  const settings = createSettingsService(db, cipher);
  const metrics = createMetrics();
  contabo.onCall((call) =>
    metrics.contaboCall(
      `${call.method} ${call.pathTemplate}`,
      contaboOutcome(call.status, call.errorCode),
      call.durationMs / 1000,
    ),
  );
  const jobs = createJobQueue({
    database,
    logger,
    onProcessed: (job, outcome) => metrics.jobProcessed(job, outcome),
  });
  metrics.setSources({
    queueDepth: () => jobs.depth(),
    dbPool: () =>
      database.pool
        ? {
            total: database.pool.totalCount,
            idle: database.pool.idleCount,
            waiting: database.pool.waitingCount,
          }
        : null,
    contaboTokenRequests: () => contabo.client.tokenRequestCount(),
  });
  const mailer =
    mailerOverride ??
    (emailOutbox
      ? createOutboxMailer()
      : createSmtpMailer({ smtpUrl: config.SMTP_URL, sendgridApiKey: config.SENDGRID_API_KEY }));
  const emailTemplates = createEmailTemplates({
    db,
    settings,
    appUrl: config.appUrl,
    queueRendered: (input) => mail.queueRendered(input),
  });
  const notifications = createNotificationsService({ db, events });
  // Contabo failures ring the staff bell, at most once per window however long the burst.
  const contaboAlerts = createContaboAlerts({ notifications, clock, logger });
  contabo.onCall((call) => contaboAlerts.record(call));
  const mail: MailService = createMailService({
    editable: emailTemplates,
    repo: createOutboxRepo(db),
    jobs,
    mailer,
    settings,
    config,
    clock,
    logger,
    onDelivery: (outcome) => metrics.email(outcome),
  });
  const audit = createAuditService({ repo: createAuditRepo(db), logger });
  return {
    ...inputs,
    db,
    cipher,
    emailOutbox,
    settings,
    metrics,
    jobs,
    mailer,
    mail,
    emailTemplates,
    notifications,
    contaboAlerts,
    audit,
  };
}
