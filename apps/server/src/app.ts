import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type RouteOptions,
} from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Container } from './container.ts';
import { clientErrorHandler, frameworkErrors, registerErrorHandling } from './http/error-handler.ts';
import { registerRequestDeadline } from './http/request-deadline.ts';
import { lazyRequestLogger } from './http/request-logger.ts';
import { registerInputGuard } from './http/input-guard.ts';
import { docsContentSecurityPolicy } from './http/docs-csp.ts';
import { registerSecurity } from './http/security.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { registerWebApp } from './http/web-app.ts';
import { registerMetrics } from './metrics/metrics.routes.ts';
import { accountRoutes } from './modules/account/account.routes.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { registerAuthGuard } from './modules/auth/auth.guard.ts';
import { catalogAdminRoutes } from './modules/catalog/catalog.admin.routes.ts';
import { ordersRoutes } from './modules/orders/orders.routes.ts';
import { legalRoutes } from './modules/legal/legal.routes.ts';
import { paymentsRoutes } from './modules/payments/payments.routes.ts';
import { paymentSettingsRoutes } from './modules/settings/payment-settings.routes.ts';
import { companySettingsRoutes } from './modules/settings/company-settings.routes.ts';
import { fulfilmentRoutes } from './modules/fulfilment/fulfilment.routes.ts';
import { vpsRoutes } from './modules/vps/vps.routes.ts';
import { serverPageRoutes } from './modules/vps/server-page.routes.ts';
import { consoleRoutes } from './modules/vps/console.routes.ts';
import { billingRoutes } from './modules/billing/billing.routes.ts';
import { billingAdminRoutes } from './modules/billing/billing-admin.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { catalogRoutes } from './modules/catalog/catalog.routes.ts';
import { outboxRoutes } from './modules/notifications/outbox.routes.ts';
import { systemRoutes } from './modules/system/system.routes.ts';
import { ticketsRoutes } from './modules/tickets/tickets.routes.ts';
import { ticketsAdminRoutes } from './modules/tickets/tickets-admin.routes.ts';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.ts';
import { dashboardEventsRoutes } from './modules/dashboard/dashboard.events.ts';
import { reportsRoutes } from './modules/reports/reports.routes.ts';
import { customersRoutes } from './modules/customers/customers.routes.ts';
import { staffRoutes } from './modules/staff/staff.routes.ts';
import { contaboSettingsRoutes } from './modules/settings/contabo-settings.routes.ts';
import { ticketsMailRoutes } from './modules/tickets/tickets-mail.routes.ts';
import { emailTemplatesRoutes } from './modules/notifications/email-templates.routes.ts';
import { notificationsRoutes } from './modules/notifications/notifications.routes.ts';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

export interface BuildAppOptions {
  /** Serve the built web app (default: when apps/web/dist exists). */
  serveWeb?: boolean;
  /** Where the built web app is (default: apps/web/dist); tests point it at a fixture. */
  webRoot?: string;
  /**
   * Level of the per-request log lines (default `info`, Fastify's JSON lines for production). In a terminal `main.ts`
   * passes `debug`, so a newcomer's console shows the start banner and warnings, not one line per request.
   */
  requestLogLevel?: 'info' | 'debug';
  /** Sees every route as it is registered (the authorization matrix tests collect them). */
  onRoute?: (route: RouteOptions) => void;
}

/**
 * Fastify's trustProxy from TRUST_PROXY: a hop count trusts that many proxies nearest to us (proxy-addr's own rule,
 * `hop < count`), so the client is the right-most X-Forwarded-For entry they did not add; a list trusts those
 * addresses/CIDRs only. Never `true`, which would believe the left-most entry any client can write.
 */
export function trustProxyOption(value: false | number | string[]) {
  if (typeof value === 'number') return (_address: string, hop: number) => hop < value;
  return value;
}

/** Builds the Fastify app (no listen: tests use inject). */
export async function buildApp(
  container: Container,
  options: BuildAppOptions = {},
): Promise<FastifyInstance> {
  const { config, logger } = container;
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    trustProxy: trustProxyOption(config.TRUST_PROXY),
    bodyLimit: 1_048_576,
    // E-mail verification tokens (signed JWTs) travel as a path parameter: /api/auth/verify-email/:token
    routerOptions: { maxParamLength: 2048 },
    // 414/400 before routing and 431/408 from Node's parser: the same error shape, the path never echoed.
    frameworkErrors,
    clientErrorHandler,
    requestIdHeader: false,
    logController: new LogController({
      disableRequestLogging: (options.requestLogLevel ?? 'info') !== 'info',
    }),
    childLoggerFactory: lazyRequestLogger,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
  }).withTypeProvider<ZodTypeProvider>();

  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  if (options.requestLogLevel === 'debug') {
    app.addHook('onResponse', async (request, reply) => {
      request.log.debug(
        { req: request, res: { statusCode: reply.statusCode }, responseTime: reply.elapsedTime },
        'request completed',
      );
    });
  }
  registerErrorHandling(app);
  registerInputGuard(app);
  registerRequestDeadline(app, config.CONTABO_REQUEST_BUDGET_MS);
  // The public port serves /metrics only with METRICS_TOKEN; METRICS_PORT alone serves it on its own listener.
  registerMetrics(app, { metrics: container.metrics, token: config.METRICS_TOKEN });
  // A bodyless POST (e.g. `/api/vps/:id/start`) sent with `content-type: application/json` is an empty body, not an error.
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text.trim() === '') return done(null, undefined);
    return jsonParser(request, text, done);
  });

  const secureContext = config.appUrl.startsWith('https://');
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: secureContext ? [] : null,
      },
    },
    hsts: secureContext ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
  });

  await registerSecurity(app, { config, limiter: container.limiter });
  registerAuthGuard(app, {
    authenticator: container.authenticator,
    settings: container.settings,
    limiter: container.limiter,
    userRule: container.userRateRule,
    staffRule: container.staffRateRule,
  });
  app.addHook('onClose', async () => container.close());

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Cloud Vértice API',
        version: '0.1.0',
        description:
          'Contabo VPS reseller platform. Errors: `{ "error": { "code", "message", "details"? } }`.',
      },
      servers: [{ url: config.appUrl }],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { validatorUrl: null },
    staticCSP: docsContentSecurityPolicy(secureContext),
  });

  await app.register(systemRoutes, {
    database: container.database,
    settings: container.settings,
    demo: container.demo,
    sandboxEnabled: () => container.gateways.sandboxEnabled(),
  });
  await app.register(catalogRoutes, { catalog: container.catalog });
  await app.register(authRoutes, { auth: container.auth });
  await app.register(accountRoutes, {
    account: container.account,
    twoFactor: container.twoFactor,
    sshKeys: container.sshKeys,
  });
  await app.register(outboxRoutes, { mail: container.mail });
  await app.register(auditRoutes, { audit: container.audit });
  await app.register(catalogAdminRoutes, { catalogAdmin: container.catalogAdmin, audit: container.audit });
  await app.register(ordersRoutes, { orders: container.orders });
  await app.register(legalRoutes, { legal: container.legal, audit: container.audit });
  await app.register(paymentsRoutes, { payments: container.payments });
  await app.register(companySettingsRoutes, { settings: container.settings, audit: container.audit });
  await app.register(paymentSettingsRoutes, {
    settings: container.settings,
    gateways: container.gateways,
    audit: container.audit,
  });
  /** Open Server-Sent Events streams, counted in the metrics. */
  const sse = { opened: () => container.metrics.sseOpened(), closed: () => container.metrics.sseClosed() };
  await app.register(vpsRoutes, {
    vps: container.vps,
    events: container.events,
    sse,
  });
  await app.register(serverPageRoutes, {
    reinstall: container.reinstall,
    rdns: container.rdns,
    firewall: container.firewall,
    stats: container.stats,
    probe: container.probe,
  });
  await app.register(consoleRoutes, { console: container.console });
  await app.register(fulfilmentRoutes, { fulfilment: container.fulfilment });
  await app.register(billingRoutes, {
    billing: container.billing,
    lifecycle: container.billingLifecycle,
    vps: container.vps,
    audit: container.audit,
  });
  await app.register(billingAdminRoutes, {
    billing: container.billing,
    admin: container.billingAdmin,
    lifecycle: container.billingLifecycle,
    audit: container.audit,
  });
  await app.register(ticketsRoutes, {
    tickets: container.tickets,
    settings: container.settings,
    events: container.events,
  });
  await app.register(ticketsAdminRoutes, {
    staff: container.ticketsStaff,
    tickets: container.tickets,
    canned: container.cannedResponses,
    settings: container.settings,
    events: container.events,
    audit: container.audit,
  });
  await app.register(ticketsMailRoutes, { inbound: container.inboundMail, audit: container.audit });

  await app.register(staffRoutes, { staff: container.staff });
  await app.register(notificationsRoutes, {
    notifications: container.notifications,
    events: container.events,
    sse,
  });
  await app.register(emailTemplatesRoutes, { templates: container.emailTemplates, audit: container.audit });
  await app.register(contaboSettingsRoutes, {
    contaboSettings: container.contaboSettings,
    audit: container.audit,
  });
  await app.register(dashboardRoutes, { dashboard: container.dashboard });
  await app.register(dashboardEventsRoutes, {
    events: container.events,
    sse,
  });
  await app.register(reportsRoutes, { reports: container.reports });
  await app.register(customersRoutes, { customers: container.customers });

  const serveWeb = options.serveWeb ?? existsSync(`${options.webRoot ?? WEB_DIST}/index.html`);
  await registerWebApp(app, { root: serveWeb ? (options.webRoot ?? WEB_DIST) : null });

  return app;
}
