import { configDefaults, defineConfig } from 'vitest/config';

// One runner for every workspace. `scripts/test.mjs` runs these projects (server tests once per database engine).

// Server tests that never open a database but live in test/: the PostgreSQL run (TEST_DB=postgres) leaves them out,
// since the PGlite run already ran them and their result cannot depend on the engine.
const ENGINE_INDEPENDENT = [
  'test/boundaries.test.ts',
  'test/deploy.test.ts',
  'test/demo-restart.test.ts',
  'test/job-registry.test.ts',
  'test/nginx.test.ts',
  'test/process.test.ts',
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
        // The unit tier: tests colocated with the code under src/ never open a database or a server (services run
        // over in-memory fakes and the manual clock), so they run once, in seconds.
        test: {
          name: 'server-unit',
          root: './apps/server',
          include: ['src/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['./test/setup.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'server',
          root: './apps/server',
          include: ['test/**/*.test.ts'],
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
          globalSetup: ['./e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
