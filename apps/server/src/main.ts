/**
 * Process entry: config → secrets → database → migrations → catalog seed → HTTP (+ worker) → graceful shutdown.
 * Configuration and migration problems end the process with one readable message, never a stack trace.
 */
import { loadConfig, ConfigError, type Config } from './config.ts';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { buildApp } from './app.ts';
import { createContainer, type Container } from './container.ts';
import { DataDirLockedError, openDatabase, type Database } from './db/client.ts';
import { MigrationError, runMigrations } from './db/migrate.ts';
import { createEmbeddedEventBus, createPostgresEventBus } from './events/bus.ts';
import { createContaboIntegration } from './integrations/contabo/contabo.ts';
import { addAcceptHandles, type AcceptHandles } from './http/accept-handles.ts';
import { startTicker } from './jobs/ticker.ts';
import { createLogger, type Logger } from './lib/logger.ts';
import { startMetricsServer } from './metrics/metrics.routes.ts';
import { bootstrapAdmin, type BootstrapOutcome } from './modules/auth/auth.bootstrap.ts';
import { seedCatalog } from './modules/catalog/catalog.seed.ts';
import { resolveSecrets } from './secrets.ts';

function fail(message: string): never {
  process.stderr.write(`\n✖ Cloud Vértice cannot start\n\n${message}\n\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  try {
    process.loadEnvFile?.('.env');
  } catch {
    // no .env file: the environment alone configures the process
  }

  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      fail(`${error.message}\n\nSee .env.example for every variable and its meaning.`);
    }
    throw error;
  }

  const logger = createLogger(config.LOG_LEVEL);
  const secrets = resolveSecrets(config);
  for (const name of secrets.generated) {
    logger.warn(
      `${name} was not set: generated one into ${config.DATA_DIR}/secrets.json (mode 0600). Back it up.`,
    );
  }

  let database: Database;
  try {
    database = await openDatabase({
      databaseUrl: config.DATABASE_URL,
      dataDir: config.DATA_DIR,
      poolMax: config.DATABASE_POOL_MAX,
      onPoolError: (error) =>
        logger.warn({ err: error }, 'an idle database connection failed; the pool replaces it'),
    });
    await database.ping();
  } catch (error) {
    if (error instanceof DataDirLockedError) fail(error.message);
    fail(`Cannot open the database: ${(error as Error).message}`);
  }

  try {
    await runMigrations(database);
  } catch (error) {
    await database.close().catch(() => undefined);
    if (error instanceof MigrationError) fail(error.message);
    throw error;
  }
  const seeded = await seedCatalog(database.db);
  if (seeded.products || seeded.images) logger.info(seeded, 'catalog seeded');

  const bootAt = new Date();
  // Demo mode: the simulated Contabo account lives in DATA_DIR, so a restart finds the same servers.
  const contabo = await createContaboIntegration({
    config,
    logger,
    simulator: { persistFile: join(config.DATA_DIR, 'contabo-simulator.json') },
  });
  const events =
    database.kind === 'postgres'
      ? await createPostgresEventBus({
          url: config.DATABASE_URL!,
          pool: database.pool!,
          listen: database.listen,
          logger,
        })
      : await createEmbeddedEventBus(database);
  const container = createContainer({ config, database, logger, secrets, contabo, events });
  await container.jobs.start({ work: config.ROLE !== 'api' });
  if (config.ROLE !== 'api') {
    await reconcileAtBoot(container, bootAt, logger);
    container.vpsQueue.start();
  }
  const ticker =
    config.ROLE !== 'api'
      ? startTicker(
          [
            { name: 'vps-actions', run: () => container.vps.trackActions() },
            { name: 'provisioning', run: () => container.fulfilment.trackProvisioning() },
            { name: 'create-retries', run: () => container.fulfilment.retryRateLimitedCreates() },
          ],
          { intervalMs: 2_000, logger },
        )
      : null;
  const admin = await bootstrapAdmin(
    { auth: container.authLibrary, repo: container.authRepo },
    { adminEmail: config.ADMIN_EMAIL, adminPassword: config.ADMIN_PASSWORD, embedded: config.embedded },
  );
  if (admin.kind === 'configured' && admin.outcome !== 'exists') {
    logger.info({ email: admin.email, outcome: admin.outcome }, 'administrator from ADMIN_EMAIL ready');
  } else if (admin.kind === 'none-warned') {
    logger.warn(
      'There is no administrator yet. Create one with `npm run admin:create -- --email you@example.com` ' +
        '(or set ADMIN_EMAIL and ADMIN_PASSWORD and restart).',
    );
  }
  // A person watching a terminal wants the banner and warnings, not a JSON line per request (those stay at debug);
  // piped or in production, Fastify's request lines are logged at info as before.
  const app = await buildApp(container, { requestLogLevel: process.stdout.isTTY ? 'debug' : 'info' });

  // METRICS_PORT: /metrics on its own listener (the public port answers 404 unless METRICS_TOKEN is set).
  const metricsServer = config.METRICS_PORT
    ? await startMetricsServer({
        metrics: container.metrics,
        port: config.METRICS_PORT,
        host: config.HOST,
        token: config.METRICS_TOKEN,
      })
    : null;

  const listening: { acceptHandles?: AcceptHandles } = {};
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
    const force = setTimeout(() => {
      logger.error('shutdown took longer than 15 s, exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    try {
      ticker?.stop();
      listening.acceptHandles?.close();
      await metricsServer?.close();
      await app.close();
      await container.close();
      await events.close();
      await contabo.close();
      await database.close();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  // Node's default accept backlog (511) drops the SYNs of a burst of new connections beyond it; the client retries
  // after 1, 3, 7… s, so a crowd of 1,000 opening at once saw 10-second timeouts that no slow handler caused.
  await app.listen({ port: config.PORT, host: config.HOST, backlog: 4096 });
  printBanner(config, container.demo, database.kind, admin);
  // The server accepts already; the extra descriptors only speed accepting up once the process is busy.
  listening.acceptHandles = await addAcceptHandles(app.server, config.LISTEN_ACCEPT_HANDLES).catch(
    (error: unknown) => {
      logger.warn({ err: error }, 'serving on one listening descriptor: could not add more');
      return undefined;
    },
  );
}

/**
 * VPS actions a previous process left in flight are settled now against Contabo's state instead of blocking their
 * server until the tracker's timeout. Against the in-process simulator (one process) every one of them; against the
 * live API only `requested` rows older than any call can take (another instance may be sending a newer one).
 */
async function reconcileAtBoot(container: Container, bootAt: Date, logger: Logger): Promise<void> {
  try {
    await container.contaboSettings.applySaved();
    const simulated = container.contabo.mode === 'simulated';
    const result = await container.vps.reconcileInterruptedActions({
      statuses: simulated ? ['requested', 'accepted'] : ['requested'],
      requestedBefore: simulated ? bootAt : new Date(bootAt.getTime() - 120_000),
    });
    if (result.completed || result.failed) logger.info(result, 'VPS actions left in flight were reconciled');
  } catch (error) {
    logger.warn(
      { err: error },
      'could not reconcile the VPS actions left in flight; the tracker will time them out',
    );
  }
}

function printBanner(
  config: Config,
  demo: { contaboSimulated: boolean; sandboxPayments: boolean; emailOutbox: boolean },
  engine: string,
  admin: BootstrapOutcome,
): void {
  const lines = [
    '',
    `  Cloud Vértice is running at ${config.appUrl}`,
    ...otherAddresses(config).map((url) => `    also at ${url}`),
    `  API docs: ${config.appUrl}/api/docs`,
    `  Database: ${engine === 'pglite' ? `embedded PostgreSQL (PGlite) in ${config.DATA_DIR}` : 'PostgreSQL'}`,
  ];
  const simulated = [
    demo.contaboSimulated && 'Contabo is simulated',
    demo.sandboxPayments && 'payments are sandbox-only',
    demo.emailOutbox && 'e-mails are kept in the outbox (Admin → Correo saliente)',
  ].filter(Boolean);
  if (demo.contaboSimulated || demo.sandboxPayments) {
    lines.push('', `  DEMO MODE: ${simulated.join(', ')}.`);
  } else if (demo.emailOutbox) {
    lines.push('', `  Note: ${simulated.join(', ')}.`);
  }
  if (admin.kind === 'generated') {
    lines.push(
      '',
      '  An administrator was created (its password is shown only this once, write it down):',
      `    e-mail:   ${admin.email}`,
      `    password: ${admin.password}`,
      '  Change the password under Account after logging in.',
    );
  }
  if (!config.appUrlConfigured) {
    lines.push(
      '',
      '  From another machine, open this machine\'s address (one "also at" above) and set APP_URL to it',
      '  (e.g. APP_URL=http://192.168.1.20:3000) so e-mailed links and payment returns point there.',
    );
  }
  if (process.stdout.isTTY) {
    lines.push('', '  Request logs are at debug level here: start with LOG_LEVEL=debug to see them.');
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

/** Loopback and LAN addresses the server answers on when it listens on every interface and APP_URL is not set. */
function otherAddresses(config: Config): string[] {
  if (config.appUrlConfigured || !['0.0.0.0', '::'].includes(config.HOST)) return [];
  const addresses = Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && a.family === 'IPv4')
    .map((a) => `http://${a!.address}:${config.PORT}`);
  return [...new Set(addresses)];
}

void main();
