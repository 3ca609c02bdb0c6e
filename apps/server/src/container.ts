import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import type { RateLimiter, RateLimitRule } from './http/rate-limit.ts';
import type { Mailer } from './integrations/mailer/mailer.ts';
import type { RateLimitStore } from './integrations/rate-limit/store.ts';
import type { JobQueue } from './jobs/queue.ts';
import type { Clock } from './lib/clock.ts';
import { systemClock } from './lib/clock.ts';
import type { Cipher } from './lib/crypto.ts';
import type { Logger } from './lib/logger.ts';
import type { Metrics } from './metrics/metrics.ts';
import type { AccountService } from './modules/account/account.service.ts';
import type { SshKeysService } from './modules/account/ssh-keys.service.ts';
import type { TwoFactorService } from './modules/account/two-factor.service.ts';
import type { AuditService } from './audit/audit.service.ts';
import type { Authenticator } from './modules/auth/auth.authenticator.ts';
import type { AuthLibrary } from './modules/auth/auth.library.ts';
import type { AuthRepo } from './modules/auth/auth.repo.ts';
import type { AuthService } from './modules/auth/auth.service.ts';
import type { CatalogService } from './modules/catalog/catalog.service.ts';
import type { MailService } from './modules/notifications/mail.service.ts';
import type { SettingsService } from './settings/settings.service.ts';
import type { NotificationsService } from './modules/notifications/notifications.service.ts';
import type { ContaboAlerts } from './modules/notifications/contabo-alerts.ts';
import type { EmailTemplates } from './modules/notifications/email-templates.service.ts';
import type { StaffService } from './modules/staff/staff.service.ts';
import type { ContaboSettingsService } from './modules/settings/contabo-settings.service.ts';
import type { ResolvedSecrets } from './secrets.ts';
import type { EventBus } from './events/bus.ts';
import type { BillingAdmin } from './modules/billing/billing.admin.ts';
import type { ContaboIntegration } from './integrations/contabo/contabo.ts';
import type { PaymentGateways } from './integrations/payments/index.ts';
import type { GatewayResolver } from './modules/payments/gateways.ts';
import type { CatalogAdminService } from './modules/catalog/catalog.admin.service.ts';
import type { OrdersRepo } from './modules/orders/orders.repo.ts';
import type { OrdersService } from './modules/orders/orders.service.ts';
import type { LegalService } from './modules/legal/legal.service.ts';
import type { PaymentsService } from './modules/payments/payments.service.ts';
import type { VpsService } from './modules/vps/vps.service.ts';
import type { FirewallService } from './modules/vps/firewall.service.ts';
import type { RdnsService } from './modules/vps/rdns.service.ts';
import type { StatsService } from './modules/vps/stats.service.ts';
import type { ProbeService } from './modules/vps/probe.service.ts';
import type { ConsoleService } from './modules/vps/console.service.ts';
import type { ReinstallService } from './modules/vps/reinstall.service.ts';
import type { VpsQueue } from './modules/vps/vps-queue.ts';
import type { FulfilmentService } from './modules/fulfilment/fulfilment.service.ts';
import type { BillingService } from './modules/billing/billing.service.ts';
import type { BillingLifecycle } from './modules/billing/billing.lifecycle.ts';
import type { ReportsService } from './modules/reports/reports.service.ts';
import type { CustomersService } from './modules/customers/customers.service.ts';
import type { DashboardService, TicketsFigures } from './modules/dashboard/dashboard.service.ts';
import type { FileStorage } from './integrations/storage/index.ts';
import type { TicketsRepo } from './modules/tickets/tickets.repo.ts';
import type { TicketsService } from './modules/tickets/tickets.service.ts';
import type { TicketsStaffService } from './modules/tickets/tickets.staff.ts';
import type { CannedResponsesService } from './modules/tickets/tickets.canned.ts';
import type { InboundMail } from './modules/tickets/tickets.inbound.ts';
import { wireAuth, wireLegal } from './wiring/auth.ts';
import { wireBilling } from './wiring/billing.ts';
import { wireCatalog } from './wiring/catalog.ts';
import { wireConsole } from './wiring/console.ts';
import { wireContaboSettings } from './wiring/contabo-settings.ts';
import { wireFulfilment } from './wiring/fulfilment.ts';
import { registerJobs } from './wiring/jobs.ts';
import { wireOrders } from './wiring/orders.ts';
import { wireGateways, wirePayments } from './wiring/payments.ts';
import { wirePlatform } from './wiring/platform.ts';
import { wireRateLimits } from './wiring/rate-limits.ts';
import { wireTickets } from './wiring/tickets.ts';
import { wireVps } from './wiring/vps.ts';

/**
 * Wires repositories and services once per process. Each service receives only what it needs; the container is not
 * passed around (no god object): routes get the one or two services they call. Each module's wiring lives in
 * `wiring/<module>.ts`; this file only sequences them and lists what the app, the entry points and tests use.
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
  /** The cheap counters of the high-volume limits (per IP, per user): see `wiring/rate-limits.ts`. */
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
  // The order matters where wiring has side effects: Contabo call hooks, job registration, the settings listener.
  const p = wirePlatform({ config, database, logger, secrets, clock, contabo, events }, mailerOverride);
  const rateLimits = wireRateLimits(p);
  const legal = wireLegal(p);
  const auth = wireAuth(p, { limiter: rateLimits.limiter, legal });
  const catalog = wireCatalog(p);
  const orders = wireOrders(p, { catalogRepo: catalog.catalogRepo, legal });
  const gateways = wireGateways(p, gatewaysOverride);
  const billing = wireBilling(p, gateways);
  const payments = wirePayments(p, gateways, orders, billing);
  const vps = wireVps(p, { limiter: rateLimits.limiter });
  const fulfilment = wireFulfilment(p, catalog, orders, vps);
  const tickets = wireTickets(p);
  const operatorConsole = wireConsole(p, auth, fulfilment, ticketsFigures);
  const { contaboSettings, stopSettingsListener } = wireContaboSettings(p, catalog.catalog);
  const { backupTarget } = registerJobs(p, { auth, rateLimits, orders, billing, tickets, vps });

  const { rateLimitStore, bulkRateLimitStore } = rateLimits;
  return {
    config,
    database,
    clock,
    logger,
    cipher: p.cipher,
    secrets,
    metrics: p.metrics,
    gateways: gateways.gateways,
    demo: {
      // Live: saving Contabo credentials in Ajustes switches the running platform (and the demo banner).
      get contaboSimulated() {
        return contabo.mode === 'simulated';
      },
      sandboxPayments: gateways.sandboxPayments,
      emailOutbox: p.emailOutbox,
    },
    settings: p.settings,
    catalog: catalog.catalog,
    jobs: p.jobs,
    mailer: p.mailer,
    mail: p.mail,
    audit: p.audit,
    ...rateLimits,
    authLibrary: auth.authLibrary,
    authRepo: auth.authRepo,
    authenticator: auth.authenticator,
    auth: auth.auth,
    account: auth.account,
    twoFactor: auth.twoFactor,
    sshKeys: auth.sshKeys,
    contabo,
    events,
    catalogAdmin: catalog.catalogAdmin,
    ordersRepo: orders.ordersRepo,
    orders: orders.orders,
    legal,
    payments,
    vps: vps.vps,
    reinstall: vps.reinstall,
    rdns: vps.rdns,
    firewall: vps.firewall,
    stats: vps.stats,
    probe: vps.probe,
    console: vps.vncConsole,
    vpsQueue: vps.vpsQueue,
    fulfilment,
    billing: billing.billing,
    billingLifecycle: billing.billingLifecycle,
    billingAdmin: billing.billingAdmin,
    storage: tickets.storage,
    tickets: tickets.tickets,
    ticketsStaff: tickets.ticketsStaff,
    ticketsRepo: tickets.ticketsRepo,
    inboundMail: tickets.inboundMail,
    cannedResponses: tickets.cannedResponses,
    autoCloseTickets: tickets.autoCloseTickets,
    reports: operatorConsole.reports,
    dashboard: operatorConsole.dashboard,
    customers: operatorConsole.customers,
    contaboSettings,
    emailTemplates: p.emailTemplates,
    notifications: p.notifications,
    contaboAlerts: p.contaboAlerts,
    staff: operatorConsole.staff,
    async close() {
      stopSettingsListener();
      vps.probe.stop();
      await vps.vpsQueue.stop();
      await p.jobs.stop();
      if (bulkRateLimitStore !== rateLimitStore) await bulkRateLimitStore.close?.();
      await rateLimitStore.close?.();
      await p.mailer.close?.();
      tickets.storage.close?.();
      backupTarget?.storage.close?.();
    },
  };
}
