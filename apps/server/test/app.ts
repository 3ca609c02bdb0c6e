import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createContainer, type Container } from '../src/container.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { createLogger } from '../src/lib/logger.ts';
import { seedCatalog } from '../src/modules/catalog/catalog.seed.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  container: Container;
  database: TestDatabase;
  clock: ManualClock;
  close(): Promise<void>;
}

export const TEST_SECRETS = {
  encryptionKey: '0'.repeat(63) + '1',
  jwtSecret: 'test-jwt-secret-that-is-long-enough-0123456789',
  generated: [],
};

/** The whole app on a fresh migrated database, with a manual clock and the catalog seeded unless told otherwise. */
export async function createTestApp(
  options: {
    env?: Record<string, string>;
    seed?: boolean;
    clock?: ManualClock;
    /** Extra routes for a test, registered before the app is ready. */
    beforeReady?: (app: FastifyInstance) => void | Promise<void>;
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  if (options.seed !== false) await seedCatalog(database.db);
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: '/tmp/cv-test-unused',
    ...options.env,
  });
  const clock = options.clock ?? new ManualClock();
  const container = createContainer({
    config,
    database,
    logger: createLogger(config.LOG_LEVEL),
    secrets: TEST_SECRETS,
    clock,
  });
  const app = await buildApp(container, { serveWeb: false });
  await options.beforeReady?.(app);
  await app.ready();
  return {
    app,
    container,
    database,
    clock,
    close: async () => {
      await app.close();
      await database.destroy();
    },
  };
}
