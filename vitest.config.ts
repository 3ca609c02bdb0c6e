import { configDefaults, defineConfig } from 'vitest/config';

// One runner for every workspace. `scripts/test.mjs` runs these projects (server tests once per database engine).

// Server tests that never open a database: the PostgreSQL run (TEST_DB=postgres) leaves them out, since the PGlite run
// already ran them and their result cannot depend on the engine.
const ENGINE_INDEPENDENT = [
  'test/boundaries.test.ts',
  'test/deploy.test.ts',
  'test/demo-restart.test.ts',
  'test/job-registry.test.ts',
  'test/nginx.test.ts',
  'test/process.test.ts',
  'src/config.test.ts',
  'src/lib/**/*.test.ts',
  'src/integrations/payments/**/*.test.ts',
  'src/modules/**/*.test.ts',
];

// Server tests that need several processes on one shared database: PostgreSQL only (the embedded database is one
// process by design), so the PGlite pass leaves them out.
const POSTGRES_ONLY = ['test/integration/two-processes.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'contabo',
          root: './packages/contabo',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'server',
          root: './apps/server',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [
            ...configDefaults.exclude,
            ...(process.env.TEST_DB === 'postgres' ? ENGINE_INDEPENDENT : POSTGRES_ONLY),
          ],
          environment: 'node',
          setupFiles: ['./test/setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'web-unit',
          root: './apps/web',
          include: ['src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          root: './apps/web',
          include: ['e2e/**/*.e2e.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
