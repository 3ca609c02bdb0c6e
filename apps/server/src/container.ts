import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { createRateLimiter, type RateLimiter, type RateLimitRule } from './http/rate-limit.ts';
import type { Mailer } from './integrations/mailer/mailer.ts';
import { createOutboxMailer } from './integrations/mailer/outbox.ts';
import { createSmtpMailer } from './integrations/mailer/smtp.ts';
import { createBatchedRateLimitStore } from './integrations/rate-limit/batched.ts';
import { createMemoryRateLimitStore } from './integrations/rate-limit/memory.ts';
import { createPostgresRateLimitStore, postgresCounterAdder } from './integrations/rate-limit/postgres.ts';
import { createRedisRateLimitStore } from './integrations/rate-limit/redis.ts';
import type { RateLimitStore } from './integrations/rate-limit/store.ts';
import { jobDefinitions } from './job-list.ts';
import { createJobQueue, type JobDefinition, type JobQueue } from './jobs/queue.ts';
import type { Clock } from './lib/clock.ts';
import { systemClock } from './lib/clock.ts';
import { createCipher, type Cipher } from './lib/crypto.ts';
import type { Logger } from './lib/logger.ts';
import { contaboOutcome, createMetrics, type Metrics } from './metrics/metrics.ts';
import { createAccountService, type AccountService } from './modules/account/account.service.ts';
import { createSshKeysRepo } from './modules/account/ssh-keys.repo.ts';
import { createSshKeysService, type SshKeysService } from './modules/account/ssh-keys.service.ts';
import { createTwoFactorService, type TwoFactorService } from './modules/account/two-factor.service.ts';
import { createAuditRepo } from './audit/audit.repo.ts';
import { createAuditService, type AuditService } from './audit/audit.service.ts';
import { createAuthenticator, type Authenticator } from './modules/auth/auth.authenticator.ts';
import { createAuthLibrary, type AuthLibrary } from './modules/auth/auth.library.ts';
import { createSessionTokenCodec } from './modules/auth/auth.token-hash.ts';
import { authMailHooks } from './modules/auth/auth.mail.ts';
import { createAuthRepo, type AuthRepo } from './modules/auth/auth.repo.ts';
import { createAuthService, type AuthService } from './modules/auth/auth.service.ts';
import { createAccessTokens } from './modules/auth/auth.tokens.ts';
import { createCatalogRepo } from './modules/catalog/catalog.repo.ts';
import { createCatalogService, type CatalogService } from './modules/catalog/catalog.service.ts';
import { createMailService, type MailService } from './modules/notifications/mail.service.ts';
import { createOutboxRepo } from './modules/notifications/outbox.repo.ts';
import { createSettingsService, type SettingsService } from './settings/settings.service.ts';
import {
  createNotificationsService,
  type NotificationsService,
} from './modules/notifications/notifications.service.ts';
import { createContaboAlerts, type ContaboAlerts } from './modules/notifications/contabo-alerts.ts';
import {
  createEmailTemplates,
  type EmailTemplates,
} from './modules/notifications/email-templates.service.ts';
import { createStaffRepo } from './modules/staff/staff.repo.ts';
import { createStaffService, type StaffService } from './modules/staff/staff.service.ts';
import {
  createContaboSettingsService,
  type ContaboSettingsService,
} from './modules/settings/contabo-settings.service.ts';
import type { ResolvedSecrets } from './secrets.ts';
import type { EventBus } from './events/bus.ts';
import { createBillingAdmin, type BillingAdmin } from './modules/billing/billing.admin.ts';
import { createLogoLoader } from './modules/billing/billing.logo.ts';
import type { ContaboIntegration } from './integrations/contabo/contabo.ts';
import { paymentGatewayOptionsFromEnv, type PaymentGateways } from './integrations/payments/index.ts';
import { createGatewayResolver, type GatewayResolver } from './modules/payments/gateways.ts';
import { parseSshPublicKey } from './modules/account/ssh-key-parser.ts';
import {
  createCatalogAdminService,
  type CatalogAdminService,
} from './modules/catalog/catalog.admin.service.ts';
import { createOrderEffects } from './modules/orders/orders.effects.ts';
import { cancelUnpaidOrdersJob } from './modules/orders/orders.jobs.ts';
import { createOrdersRepo, type OrdersRepo } from './modules/orders/orders.repo.ts';
import { createOrdersService, type OrdersService } from './modules/orders/orders.service.ts';
import { createLegalRepo } from './modules/legal/legal.repo.ts';
import { createLegalService, type LegalService } from './modules/legal/legal.service.ts';
import { createPaymentsRepo } from './modules/payments/payments.repo.ts';
import { createPaymentsService, type PaymentsService } from './modules/payments/payments.service.ts';
import { vpsSyncJob } from './modules/vps/vps.sync.ts';
import { createVpsRepo } from './modules/vps/vps.repo.ts';
import { createVpsService, type VpsService } from './modules/vps/vps.service.ts';
import { createServerPageRepo } from './modules/vps/server-page.repo.ts';
import { createFirewallService, type FirewallService } from './modules/vps/firewall.service.ts';
import { createRdnsService, type RdnsService } from './modules/vps/rdns.service.ts';
import { createConsoleRepo } from './modules/vps/console.repo.ts';
import { createStatsRepo } from './modules/vps/stats.repo.ts';
import { createStatsService, type StatsService } from './modules/vps/stats.service.ts';
import { createProbeRepo } from './modules/vps/probe.repo.ts';
import {
  createProbeService,
  probeJob,
  probeRollupJob,
  type ProbeService,
} from './modules/vps/probe.service.ts';
import { createConsoleService, type ConsoleService } from './modules/vps/console.service.ts';
import { createReinstallService, type ReinstallService } from './modules/vps/reinstall.service.ts';
import { createVpsQueue, type VpsQueue } from './modules/vps/vps-queue.ts';
import { createVpsQueueRepo } from './modules/vps/vps-queue.repo.ts';
import { createLeadership, createPacer } from './integrations/contabo/pacing.ts';
import { createFulfilmentRepo } from './modules/fulfilment/fulfilment.repo.ts';
import { createFulfilmentService, type FulfilmentService } from './modules/fulfilment/fulfilment.service.ts';
import { createBillingRepo } from './modules/billing/billing.repo.ts';
import { createBillingService, type BillingService } from './modules/billing/billing.service.ts';
import {
  billingContaboJob,
  billingLifecycleJob,
  createBillingLifecycle,
  type BillingLifecycle,
} from './modules/billing/billing.lifecycle.ts';
import { createReportsRepo } from './modules/reports/reports.repo.ts';
import { createReportsService, type ReportsService } from './modules/reports/reports.service.ts';
import { createDashboardRepo } from './modules/dashboard/dashboard.repo.ts';
import { createCustomersRepo } from './modules/customers/customers.repo.ts';
import { createCustomersService, type CustomersService } from './modules/customers/customers.service.ts';
import { PASSWORD_RESET_JOB } from './modules/auth/auth.service.ts';
import {
  createDashboardService,
  type DashboardService,
  type TicketsFigures,
} from './modules/dashboard/dashboard.service.ts';

import { createFileStorage, type FileStorage } from './integrations/storage/index.ts';
import { createTicketsRepo, type TicketsRepo } from './modules/tickets/tickets.repo.ts';
import { createTicketsFigures } from './modules/tickets/tickets.figures.ts';
import { createTicketNotifier } from './modules/tickets/tickets.notify.ts';
import { createTicketsService, type TicketsService } from './modules/tickets/tickets.service.ts';
import { createTicketsStaffService, type TicketsStaffService } from './modules/tickets/tickets.staff.ts';
import {
  createCannedResponsesService,
  type CannedResponsesService,
} from './modules/tickets/tickets.canned.ts';
import { autoCloseTicketsJob, createAutoCloser } from './modules/tickets/tickets.jobs.ts';
import { dailyBackupJob } from './modules/backup/backup.jobs.ts';
import { backupDestination, createBackupService } from './modules/backup/backup.service.ts';
import { createReplyAddressSigner } from './modules/tickets/tickets.reply-address.ts';
import {
  createInboundMail,
  fetchTicketMailJob,
  type InboundMail,
} from './modules/tickets/tickets.inbound.ts';

/**
 * Wires repositories and services once per process. Each service receives only what it needs; the container is not
 * passed around (no god object): routes get the one or two services they call.
 */
export interface Container {
  config: Config;
  database: Database;
  clock: Clock;
  logger: Logger;
  cipher: Cipher;
  secrets: ResolvedSecrets;
  /** Prometheus metrics of this process (`/metrics`). */
  metrics: Metrics;
  demo: { contaboSimulated: boolean; sandboxPayments: boolean; emailOutbox: boolean };
  /** Payment gateways enabled now (environment, or admin settings). */
  gateways: GatewayResolver;
  settings: SettingsService;
  catalog: CatalogService;
  jobs: JobQueue;
  mailer: Mailer;
  mail: MailService;
  audit: AuditService;
  /** The exact, shared counters (login-type limits); pruned by the `rate-limits.prune` job. */
  rateLimitStore: RateLimitStore;
  /** The cheap counters of the high-volume limits (per IP, per user): see `bulkRateLimitStore()`. */
  bulkRateLimitStore: RateLimitStore;
  limiter: RateLimiter;
  /** Per-user limit on /api (RATE_LIMIT_USER_PER_HOUR). */
  userRateRule: RateLimitRule;
  /** Per-user limit for staff accounts (RATE_LIMIT_STAFF_PER_HOUR). */
  staffRateRule: RateLimitRule;
  /** better-auth, for the few places that need the library itself (bootstrap, scripts); modules use the services. */
  authLibrary: AuthLibrary;
  authRepo: AuthRepo;
  authenticator: Authenticator;
  auth: AuthService;
  account: AccountService;
  twoFactor: TwoFactorService;
  sshKeys: SshKeysService;
  contabo: ContaboIntegration;
  events: EventBus;
  catalogAdmin: CatalogAdminService;
  ordersRepo: OrdersRepo;
  orders: OrdersService;
  legal: LegalService;
  payments: PaymentsService;
  vps: VpsService;
  /** Server page: reinstall, reverse DNS, firewall. */
  reinstall: ReinstallService;
  rdns: RdnsService;
  firewall: FirewallService;
  stats: StatsService;
  /** Opt-in reachability probe (TCP connect to SSH/RDP) and its scheduler. */
  probe: ProbeService;
  /** Browser console (VNC relay) of the server page. */
  console: ConsoleService;
  /** Sends queued power actions to Contabo at the configured rate (started by the worker role). */
  vpsQueue: VpsQueue;
  fulfilment: FulfilmentService;
  billing: BillingService;
  billingLifecycle: BillingLifecycle;
  billingAdmin: BillingAdmin;
  /** Uploaded files (ticket attachments): DATA_DIR or S3-compatible storage. */
  storage: FileStorage;
  tickets: TicketsService;
  ticketsStaff: TicketsStaffService;
  cannedResponses: CannedResponsesService;
  ticketsRepo: TicketsRepo;
  /** Reply by e-mail: signed reply addresses, inbound processing, the IMAP polling pass. */
  inboundMail: InboundMail;
  /** Closes tickets that waited on the customer too long (the hourly `tickets.auto-close` job). */
  autoCloseTickets: () => Promise<{ closed: number }>;
  reports: ReportsService;
  dashboard: DashboardService;
  customers: CustomersService;
  staff: StaffService;
  emailTemplates: EmailTemplates;
  notifications: NotificationsService;
  contaboAlerts: ContaboAlerts;
  contaboSettings: ContaboSettingsService;
  /** Releases what the container opened (Redis, SMTP, the job queue); the database stays the caller's. */
  close(): Promise<void>;
}

export interface ContainerInput {
  config: Config;
  database: Database;
  logger: Logger;
  secrets: ResolvedSecrets;
  clock?: Clock;
  /** Replaces the mailer chosen from config (tests pass a fake). */
  mailer?: Mailer;
  /** Contabo's client (live, or pointed at the in-process simulator in demo mode). */
  contabo: ContaboIntegration;
  events: EventBus;
  /** Replaces the gateways configured from the environment (tests pass ones pointed at local fakes). */
  gateways?: PaymentGateways;
  /** Replaces the tickets module's figures for the console (tests).  */
  ticketsFigures?: TicketsFigures;
}

export function createContainer({
  config,
  database,
  logger,
  secrets,
  clock = systemClock,
  mailer: mailerOverride,
  contabo,
  events,
  gateways: gatewaysOverride,
  ticketsFigures,
}: ContainerInput): Container {
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
    db,
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
  const rateLimitStore = config.REDIS_URL
    ? createRedisRateLimitStore(config.REDIS_URL)
    : createPostgresRateLimitStore(db);
  const bulkRateLimitStore = createBulkRateLimitStore(database, rateLimitStore, logger, clock);
  const limiter = createRateLimiter({
    store: bulkRateLimitStore,
    exactStore: rateLimitStore,
    clock,
    logger,
    enabled: !config.RATE_LIMIT_DISABLED,
  });

  const authRepo = createAuthRepo(db);
  const sessionTokens = createSessionTokenCodec(secrets.jwtSecret);
  const authLibrary = createAuthLibrary({
    sessionTokens,
    db,
    config,
    secret: secrets.jwtSecret,
    logger,
    mail: authMailHooks({ mail, repo: authRepo, appUrl: config.appUrl }),
  });
  const tokens = createAccessTokens({
    auth: authLibrary,
    clock,
    issuer: config.appUrl,
    ttlSeconds: config.JWT_EXPIRES_IN,
  });
  const authenticator = createAuthenticator({
    auth: authLibrary,
    repo: authRepo,
    tokens,
    clock,
    sessionTokens,
  });
  // A security notice after every password change or reset, in the user's language.
  const notifyPasswordChanged = async (who: { id: string; email: string }) => {
    const user = await authRepo.findUserById(who.id);
    if (!user) return;
    await mail.queue({
      to: user.email,
      userId: user.id,
      language: user.language,
      template: 'password-changed',
      data: {
        name: user.firstName || user.name,
        when: clock.now().toISOString().slice(0, 16).replace('T', ' '),
        link: `${config.appUrl}/forgot-password`,
      },
    });
  };
  const legal = createLegalService({ repo: createLegalRepo(db) });
  const auth = createAuthService({
    auth: authLibrary,
    repo: authRepo,
    tokens,
    authenticator,
    limiter,
    audit,
    jobs,
    clock,
    secureCookies: config.appUrl.startsWith('https://'),
    notifyPasswordChanged,
    acceptLegal: (accepted) => legal.assertAccepted('registration', accepted),
  });
  const account = createAccountService({
    auth: authLibrary,
    repo: authRepo,
    tokens,
    audit,
    clock,
    notifyPasswordChanged,
    limiter,
  });
  const twoFactor = createTwoFactorService({
    auth: authLibrary,
    repo: authRepo,
    tokens,
    audit,
    limiter,
    settings,
  });
  const sshKeys = createSshKeysService({ repo: createSshKeysRepo(db), audit });

  const ordersRepo = createOrdersRepo(db);
  const catalogRepo = createCatalogRepo(db);
  const catalog = createCatalogService(catalogRepo, { cacheMs: config.CATALOG_CACHE_SECONDS * 1000 });
  const orders = createOrdersService({
    repo: ordersRepo,
    catalog: catalogRepo,
    clock,
    parseSshKey: (key) => {
      const parsed = parseSshPublicKey(key);
      return { type: parsed.type, fingerprint: parsed.fingerprint, normalized: parsed.publicKey };
    },
    acceptLegal: (accepted) => legal.assertAccepted('checkout', accepted),
    storeCurrency: () => settings.get('store.currency'),
  });
  const gateways = createGatewayResolver({ config, settings, override: gatewaysOverride });
  // At start-up: the environment alone decides the banner; admin-configured gateways show up in /api/site live.
  const sandboxPayments = gatewaysOverride
    ? Object.keys(gatewaysOverride).length === 0
    : Object.keys(paymentGatewayOptionsFromEnv(config)).length === 0;
  const effects = createOrderEffects({ db, mail, appUrl: config.appUrl });
  const billingRepo = createBillingRepo(db);
  const billing = createBillingService({
    repo: billingRepo,
    settings,
    clock,
    logger,
    logo: createLogoLoader(settings),
    gateways: () => gateways.gateways(),
  });
  const billingLifecycle = createBillingLifecycle({
    repo: billingRepo,
    billing,
    settings,
    mail,
    notifications,
    jobs,
    appUrl: config.appUrl,
    clock,
    logger,
    contabo: () => contabo.client,
  });
  const payments = createPaymentsService({
    repo: createPaymentsRepo(db),
    orders: ordersRepo,
    clock,
    settings,
    gateways,
    appUrl: config.appUrl,
    logger,
    // The paid invoice is numbered and the e-mails are queued in the settling transaction (one per payment).
    onOrdersPaidInTx: async (tx, orderIds) => {
      await billing.issueInvoiceForOrders(orderIds, tx);
      await effects.onOrdersPaid(orderIds, tx);
    },
    mail,
    onSettled: (provider, outcome) => {
      metrics.payment(provider, outcome);
      // Settlements that wrote a staff notification (paid order, mismatch, duplicate, failed renewal): ring the bells.
      if (
        outcome === 'succeeded' ||
        outcome === 'mismatch' ||
        outcome === 'duplicate' ||
        outcome === 'failed'
      ) {
        void notifications.announce({ userId: null, audience: 'admins' }).catch(() => undefined);
      }
    },
    invoices: {
      find: (id) => billingRepo.findById(id),
      applyPayment: (tx, invoiceId, payment) => billingLifecycle.applyPayment(tx, invoiceId, payment),
    },
  });

  const vpsRepo = createVpsRepo(db);
  const recordAudit = (
    entry: Parameters<AuditService['record']>[0],
    tx?: Parameters<AuditService['record']>[1],
  ) => audit.record(entry, tx);
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
      position: (action) => vpsQueueRepo.position(action),
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
  const fulfilment = createFulfilmentService({
    repo: createFulfilmentRepo(db),
    orders,
    ordersRepo,
    vpsRepo,
    catalog: catalogRepo,
    contabo: () => contabo.client,
    settings,
    mail,
    notifications,
    cipher,
    clock,
    events,
    logger,
    appUrl: config.appUrl,
    audit: recordAudit,
  });

  const storage = createFileStorage(config);
  const ticketsRepo = createTicketsRepo(db);
  // Reply addresses are signed with a key derived from the JWT secret (never the secret itself).
  const replySigner = createReplyAddressSigner(`reply-address:${secrets.jwtSecret}`);
  const ticketNotifier = createTicketNotifier({
    repo: ticketsRepo,
    mail,
    notifications,
    events,
    clock,
    logger,
    appUrl: config.appUrl,
    // Read in the caller's transaction: PGlite has one connection, a query beside an open transaction would wait on it.
    replyAddress: async (ticket, tx) => {
      const { address } = (await settings.getMany(['tickets.inbound'], tx))['tickets.inbound'];
      return address ? replySigner.addressFor(address, ticket.number) : null;
    },
  });
  const tickets = createTicketsService({
    repo: ticketsRepo,
    settings,
    storage,
    notify: ticketNotifier,
    clock,
    logger,
  });
  const ticketsStaff = createTicketsStaffService({
    repo: ticketsRepo,
    tickets,
    settings,
    notify: ticketNotifier,
    clock,
  });
  const inboundMail = createInboundMail({
    repo: ticketsRepo,
    tickets,
    staff: ticketsStaff,
    settings,
    signer: replySigner,
    logger,
  });
  const autoCloseTickets = createAutoCloser({
    repo: ticketsRepo,
    settings,
    notify: ticketNotifier,
    clock,
    logger,
  });
  const reports = createReportsService({ repo: createReportsRepo(db), settings });
  const dashboard = createDashboardService({
    repo: createDashboardRepo(db),
    reports,
    settings,
    clock,
    logger,
    unassignedInstances: async () => {
      const { items } = await fulfilment.inventory(false);
      return { count: items.length, ids: items.map((i) => i.instanceId) };
    },
    tickets: ticketsFigures ?? createTicketsFigures(db),
  });
  const customers = createCustomersService({
    repo: createCustomersRepo(db),
    reports,
    settings,
    audit,
    tokens,
    clock,
    sendPasswordReset: async (email) => {
      await jobs.enqueue(PASSWORD_RESET_JOB, { email });
    },
  });
  // Ajustes → Contabo: the saved connection applies at start and whenever any instance broadcasts a change.
  const contaboSettings = createContaboSettingsService({
    settings,
    contabo,
    events,
    defaultRateLimit: config.CONTABO_RATE_LIMIT_PER_SECOND,
    logger,
  });
  const applyContabo = () =>
    contaboSettings
      .applySaved()
      .catch((error: unknown) => logger.error({ err: error }, 'could not apply the Contabo settings'));
  void applyContabo();
  const stopSettingsListener = events.subscribeSystem((event) => {
    if (event.type === 'settings.changed' && event.keys.includes('contabo')) void applyContabo();
    if (event.type === 'catalog.changed') catalog.invalidate();
  });

  jobs.register(
    jobDefinitions({ mail, auth: authLibrary, authRepo, rateLimitStore, clock, appUrl: config.appUrl }),
  );
  jobs.register([
    vpsSyncJob({
      repo: vpsRepo,
      clock,
      events,
      get contabo() {
        return contabo.client;
      },
      intervalMinutes: () => settings.get('contabo.syncIntervalMinutes'),
    }),
    cancelUnpaidOrdersJob({ repo: ordersRepo, clock, settings, logger }),
    billingLifecycleJob(billingLifecycle, logger),
    billingContaboJob(billingLifecycle),
    autoCloseTicketsJob(autoCloseTickets),
    fetchTicketMailJob(inboundMail),
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
      files: storage,
      destination: backupTarget,
      clock,
      logger: logger.child({ module: 'backup' }),
    });
    jobs.register([
      dailyBackupJob(backups, { cron: config.BACKUP_CRON, key: config.BACKUP_KEY }),
    ] as JobDefinition[]);
  }

  return {
    config,
    database,
    clock,
    logger,
    cipher,
    secrets,
    metrics,
    gateways,
    demo: {
      // Live: saving Contabo credentials in Ajustes switches the running platform (and the demo banner).
      get contaboSimulated() {
        return contabo.mode === 'simulated';
      },
      sandboxPayments,
      emailOutbox,
    },
    settings,
    catalog,
    jobs,
    mailer,
    mail,
    audit,
    rateLimitStore,
    bulkRateLimitStore,
    limiter,
    userRateRule: {
      name: 'user',
      limit: config.RATE_LIMIT_USER_PER_HOUR,
      windowMs: 3_600_000,
      approximate: true,
    },
    staffRateRule: {
      name: 'staff',
      limit: config.RATE_LIMIT_STAFF_PER_HOUR,
      windowMs: 3_600_000,
      approximate: true,
    },
    authLibrary,
    authRepo,
    authenticator,
    auth,
    account,
    twoFactor,
    sshKeys,
    contabo,
    events,
    catalogAdmin: createCatalogAdminService({
      db,
      clock,
      contabo: () => contabo.client,
      // Every instance drops its cached catalog (the bus carries it across processes on PostgreSQL).
      onChange: () => {
        catalog.invalidate();
        void events
          .publishSystem({ type: 'catalog.changed' })
          .catch((error: unknown) => logger.warn({ err: error }, 'could not announce a catalog change'));
      },
    }),
    ordersRepo,
    orders,
    legal,
    payments,
    vps,
    reinstall,
    rdns,
    firewall,
    stats,
    probe,
    console: vncConsole,
    vpsQueue,
    fulfilment,
    billing,
    billingLifecycle,
    billingAdmin: createBillingAdmin({ repo: billingRepo, billing, settings, clock }),
    storage,
    tickets,
    ticketsStaff,
    ticketsRepo,
    inboundMail,
    cannedResponses: createCannedResponsesService({ repo: ticketsRepo }),
    autoCloseTickets,
    reports,
    dashboard,
    customers,
    contaboSettings,
    emailTemplates,
    notifications,
    contaboAlerts,
    staff: createStaffService({ repo: createStaffRepo(db), auth: authLibrary, audit, settings }),
    async close() {
      stopSettingsListener();
      probe.stop();
      await vpsQueue.stop();
      await jobs.stop();
      if (bulkRateLimitStore !== rateLimitStore) await bulkRateLimitStore.close?.();
      await rateLimitStore.close?.();
      await mailer.close?.();
      storage.close?.();
      backupTarget?.storage.close?.();
    },
  };
}

/**
 * Where the per-IP and per-user counters live, so that no request writes to the database: Redis when configured (the
 * shared store itself), this process's memory on the embedded default (a single process by design), and on PostgreSQL
 * without Redis local buckets reconciled with the `rate_limits` table once a second.
 */
function createBulkRateLimitStore(
  database: Database,
  shared: RateLimitStore,
  logger: Logger,
  clock: Clock,
): RateLimitStore {
  if (shared.kind === 'redis') return shared;
  if (database.kind === 'pglite') return createMemoryRateLimitStore();
  return createBatchedRateLimitStore({
    add: postgresCounterAdder(database.db),
    prune: (beforeMs) => shared.prune(beforeMs),
    onError: (error) => logger.warn({ err: error }, 'rate-limit reconciliation failed; retrying'),
    now: () => clock.now().getTime(),
  });
}
