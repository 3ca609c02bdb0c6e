import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, beforeAll, vi } from 'vitest';
import { buildApp } from '../src/app.ts';
import { createEmbeddedEventBus, createLocalEventBus, createPostgresEventBus } from '../src/events/bus.ts';
import { createContaboIntegration } from '../src/integrations/contabo/contabo.ts';
import type { PaymentGateways } from '../src/integrations/payments/index.ts';
import { loadConfig } from '../src/config.ts';
import { createContainer, type Container } from '../src/container.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { createFakeMailer, type FakeMailer } from '../src/integrations/mailer/fake.ts';
import type { Mailer } from '../src/integrations/mailer/mailer.ts';
import { createLogger, type Logger } from '../src/lib/logger.ts';
import { seedCatalog } from '../src/modules/catalog/catalog.seed.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  container: Container;
  database: TestDatabase;
  clock: ManualClock;
  /** The fake SMTP mailer, unless `smtp: false` (then messages are kept in the outbox). */
  mailer: FakeMailer | null;
  close(): Promise<void>;
}

export const TEST_SECRETS = {
  encryptionKey: '0'.repeat(63) + '1',
  jwtSecret: 'test-jwt-secret-that-is-long-enough-0123456789',
  generated: [],
};

/**
 * Env every test app gets unless overridden: generous global/per-user limits (a test file sends far more than 100
 * requests "in the same minute" of the manual clock); the rate-limit tests set the production values.
 */
export const TEST_ENV = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  DATA_DIR: '/tmp/cv-test-unused',
  RATE_LIMIT_IP_PER_MINUTE: '100000',
  RATE_LIMIT_USER_PER_HOUR: '100000',
};

/**
 * The whole app on a fresh migrated database, with a manual clock and the catalog seeded unless told otherwise. The
 * job queue is installed but runs jobs only when a test calls `container.jobs.drain()`. E-mail goes to a fake SMTP
 * mailer (`mailer.sent`) unless `smtp: false` (then messages are kept in the outbox).
 */
export async function createTestApp(
  options: {
    env?: Record<string, string>;
    seed?: boolean;
    clock?: ManualClock;
    smtp?: boolean;
    logger?: Logger;
    /** Payment gateways (e.g. pointed at the local fakes); none → demo mode with the sandbox. */
    gateways?: PaymentGateways;
    /** Options of the in-process Contabo simulator every test app talks to. */
    contabo?: Parameters<typeof createContaboIntegration>[0]['simulator'];
    /** Serve a built web app from this folder (a fixture); by default no web app is served. */
    webRoot?: string;
    /** Another test app's database: a second instance on the same data (multi-instance tests; not destroyed here). */
    database?: TestDatabase;
    /** On PostgreSQL, live events through LISTEN/NOTIFY like production (multi-instance tests). */
    postgresEvents?: boolean;
    /** Sees every route as it is registered (authorization matrix tests). */
    onRoute?: (route: RouteOptions) => void;
    /** Extra routes for a test, registered before the app is ready. */
    beforeReady?: (app: FastifyInstance) => void | Promise<void>;
  } = {},
): Promise<TestApp> {
  const shared = options.database;
  const database = shared ?? (await createTestDatabase());
  if (options.seed !== false && !shared) await seedCatalog(database.db);
  const config = loadConfig({ ...TEST_ENV, ...options.env });
  const clock = options.clock ?? new ManualClock();
  const mailer = options.smtp === false ? null : createFakeMailer();
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const contabo = await createContaboIntegration({ config, logger, simulator: options.contabo });
  const events =
    options.postgresEvents && database.kind === 'postgres'
      ? await createPostgresEventBus({
          url: database.url!,
          pool: database.pool!,
          listen: database.listen,
          logger,
        })
      : database.kind === 'pglite'
        ? await createEmbeddedEventBus(database)
        : createLocalEventBus();
  const container = createContainer({
    config,
    database,
    logger,
    contabo,
    events,
    ...(options.gateways ? { gateways: options.gateways } : {}),
    secrets: TEST_SECRETS,
    clock,
    ...(mailer ? { mailer: mailer as Mailer } : {}),
  });
  await container.jobs.start({ work: false });
  const app = await buildApp(container, {
    ...(options.webRoot ? { webRoot: options.webRoot } : { serveWeb: false }),
    ...(options.onRoute ? { onRoute: options.onRoute } : {}),
  });
  await options.beforeReady?.(app);
  await app.ready();
  return {
    app,
    container,
    database,
    clock,
    mailer,
    close: async () => {
      await app.close();
      await container.close();
      await events.close();
      await contabo.close();
      if (!shared) await database.destroy();
    },
  };
}

/** Freezes `Date` at the manual clock's time so better-auth and our services agree on "now". */
export function freezeTime(clock: ManualClock): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(clock.now());
}

export function advance(clock: ManualClock, ms: number): void {
  clock.advance(ms);
  vi.setSystemTime(clock.now());
}

export type TestAppOptions = NonNullable<Parameters<typeof createTestApp>[0]>;

/**
 * The test app of a file (or of a describe block): created before its tests — with `Date` frozen at the app's clock
 * when `freezeTime` is set (see `freezeTime`) — and closed after them. Call it at the top level of the file or
 * block; the object it returns is filled in before the first test runs.
 */
export function useTestApp(options: TestAppOptions & { freezeTime?: boolean } = {}): TestApp {
  const { freezeTime: frozen = false, ...appOptions } = options;
  const t = {} as TestApp;
  beforeAll(async () => {
    Object.assign(t, await createTestApp(appOptions));
    if (frozen) freezeTime(t.clock);
  });
  afterAll(async () => {
    if (frozen) vi.useRealTimers();
    await t.close();
  });
  return t;
}
