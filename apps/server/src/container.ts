import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { createRateLimiter, type RateLimiter, type RateLimitRule } from './http/rate-limit.ts';
import type { Mailer } from './integrations/mailer/mailer.ts';
import { createOutboxMailer } from './integrations/mailer/outbox.ts';
import { createSmtpMailer } from './integrations/mailer/smtp.ts';
import { createPostgresRateLimitStore } from './integrations/rate-limit/postgres.ts';
import { createRedisRateLimitStore } from './integrations/rate-limit/redis.ts';
import type { RateLimitStore } from './integrations/rate-limit/store.ts';
import { jobDefinitions } from './jobs/index.ts';
import { createJobQueue, type JobDefinition, type JobQueue } from './jobs/queue.ts';
import type { Clock } from './lib/clock.ts';
import { systemClock } from './lib/clock.ts';
import { createCipher, type Cipher } from './lib/crypto.ts';
import type { Logger } from './lib/logger.ts';
import { createAccountService, type AccountService } from './modules/account/account.service.ts';
import { createSshKeysRepo } from './modules/account/ssh-keys.repo.ts';
import { createSshKeysService, type SshKeysService } from './modules/account/ssh-keys.service.ts';
import { createTwoFactorService, type TwoFactorService } from './modules/account/two-factor.service.ts';
import { createAuditRepo } from './modules/audit/audit.repo.ts';
import { createAuditService, type AuditService } from './modules/audit/audit.service.ts';
import { createAuthenticator, type Authenticator } from './modules/auth/auth.authenticator.ts';
import { createAuthLibrary, type AuthLibrary } from './modules/auth/auth.library.ts';
import { authMailHooks } from './modules/auth/auth.mail.ts';
import { createAuthRepo, type AuthRepo } from './modules/auth/auth.repo.ts';
import { createAuthService, type AuthService } from './modules/auth/auth.service.ts';
import { createAccessTokens } from './modules/auth/auth.tokens.ts';
import { createCatalogRepo } from './modules/catalog/catalog.repo.ts';
import { createCatalogService, type CatalogService } from './modules/catalog/catalog.service.ts';
import { createMailService, type MailService } from './modules/notifications/mail.service.ts';
import { createOutboxRepo } from './modules/notifications/outbox.repo.ts';
import { createSettingsService, type SettingsService } from './modules/settings/settings.service.ts';
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
import { createPaymentsRepo } from './modules/payments/payments.repo.ts';
import { createPaymentsService, type PaymentsService } from './modules/payments/payments.service.ts';
import { vpsSyncJob } from './modules/vps/vps.sync.ts';
import { createVpsRepo } from './modules/vps/vps.repo.ts';
import { createVpsService, type VpsService } from './modules/vps/vps.service.ts';
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

import { createFileStorage, type FileStorage } from './integrations/storage/index.ts';
import { createTicketsRepo, type TicketsRepo } from './modules/tickets/tickets.repo.ts';
import { createTicketNotifier } from './modules/tickets/tickets.notify.ts';
import { createTicketsService, type TicketsService } from './modules/tickets/tickets.service.ts';
import { createTicketsStaffService, type TicketsStaffService } from './modules/tickets/tickets.staff.ts';
import {
  createCannedResponsesService,
  type CannedResponsesService,
} from './modules/tickets/tickets.canned.ts';
import { autoCloseTicketsJob, createAutoCloser } from './modules/tickets/tickets.jobs.ts';
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
  demo: { contaboSimulated: boolean; sandboxPayments: boolean; emailOutbox: boolean };
  /** Payment gateways enabled now (environment, or admin settings). */
  gateways: GatewayResolver;
  settings: SettingsService;
  catalog: CatalogService;
  jobs: JobQueue;
  mailer: Mailer;
  mail: MailService;
  audit: AuditService;
  rateLimitStore: RateLimitStore;
  limiter: RateLimiter;
  /** Per-user limit on /api (RATE_LIMIT_USER_PER_HOUR). */
  userRateRule: RateLimitRule;
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
  payments: PaymentsService;
  vps: VpsService;
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
}: ContainerInput): Container {
  const cipher = createCipher(secrets.encryptionKey);
  const db = database.db;
  const emailOutbox = !(config.SMTP_URL || config.SENDGRID_API_KEY);
  const settings = createSettingsService(db, cipher);
  const jobs = createJobQueue({ database, logger });
  const mailer =
    mailerOverride ??
    (emailOutbox
      ? createOutboxMailer()
      : createSmtpMailer({ smtpUrl: config.SMTP_URL, sendgridApiKey: config.SENDGRID_API_KEY }));
  const mail = createMailService({
    db,
    repo: createOutboxRepo(db),
    jobs,
    mailer,
    settings,
    config,
    clock,
    logger,
  });
  const audit = createAuditService({ repo: createAuditRepo(db), logger });
  const rateLimitStore = config.REDIS_URL
    ? createRedisRateLimitStore(config.REDIS_URL)
    : createPostgresRateLimitStore(db);
  const limiter = createRateLimiter({
    store: rateLimitStore,
    clock,
    logger,
    enabled: !config.RATE_LIMIT_DISABLED,
  });

  const authRepo = createAuthRepo(db);
  const authLibrary = createAuthLibrary({
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
  const authenticator = createAuthenticator({ auth: authLibrary, repo: authRepo, tokens, clock });
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
  });
  const account = createAccountService({
    auth: authLibrary,
    repo: authRepo,
    tokens,
    audit,
    clock,
    notifyPasswordChanged,
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
  const catalog = createCatalogService(catalogRepo);
  const orders = createOrdersService({
    repo: ordersRepo,
    catalog: catalogRepo,
    clock,
    parseSshKey: (key) => {
      const parsed = parseSshPublicKey(key);
      return { type: parsed.type, fingerprint: parsed.fingerprint, normalized: parsed.publicKey };
    },
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
    // The paid invoice is numbered in the settling transaction (one per payment); the e-mails go after the commit.
    onOrdersPaidInTx: async (tx, orderIds) => {
      await billing.issueInvoiceForOrders(orderIds, tx);
    },
    onOrdersPaid: (orderIds) => effects.onOrdersPaid(orderIds),
    invoices: {
      find: (id) => billingRepo.findById(id),
      applyPayment: (tx, invoiceId, payment) => billingLifecycle.applyPayment(tx, invoiceId, payment),
    },
  });

  const vpsRepo = createVpsRepo(db);
  const recordAudit = (entry: Parameters<AuditService['record']>[0]) => audit.record(entry);
  const vps = createVpsService({
    repo: vpsRepo,
    contabo: () => contabo.client,
    clock,
    cipher,
    events,
    logger,
    audit: recordAudit,
    settings,
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

  jobs.register(jobDefinitions({ mail, auth: authLibrary, authRepo, rateLimitStore, clock }));
  jobs.register([
    vpsSyncJob({ db, clock, events, contabo: contabo.client }),
    cancelUnpaidOrdersJob({ repo: ordersRepo, clock, settings, logger }),
    billingLifecycleJob(billingLifecycle, logger),
    billingContaboJob(billingLifecycle),
    autoCloseTicketsJob(autoCloseTickets),
    fetchTicketMailJob(inboundMail),
  ] as JobDefinition[]);

  return {
    config,
    database,
    clock,
    logger,
    cipher,
    secrets,
    gateways,
    demo: {
      contaboSimulated: config.contabo.mode === 'simulated',
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
    limiter,
    userRateRule: { name: 'user', limit: config.RATE_LIMIT_USER_PER_HOUR, windowMs: 3_600_000 },
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
      onChange: () => catalog.invalidate(),
    }),
    ordersRepo,
    orders,
    payments,
    vps,
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
    async close() {
      await jobs.stop();
      await rateLimitStore.close?.();
      await mailer.close?.();
      storage.close?.();
    },
  };
}
