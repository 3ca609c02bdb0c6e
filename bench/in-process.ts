/**
 * The platform built in-process (services called directly, no HTTP) on a fresh PostgreSQL database, with the Contabo
 * simulator: what the service-level benches (`bench:billing`, `bench:dashboard`, `bench:tickets`) stand on. Kept apart
 * from `lib.ts` so the HTTP benches do not load the server's modules.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../apps/server/src/config.ts';
import { createContainer } from '../apps/server/src/container.ts';
import { openDatabase } from '../apps/server/src/db/client.ts';
import { createLocalEventBus } from '../apps/server/src/events/bus.ts';
import { createContaboIntegration } from '../apps/server/src/integrations/contabo/contabo.ts';
import type { Clock } from '../apps/server/src/lib/clock.ts';
import { createLogger } from '../apps/server/src/lib/logger.ts';
import { resolveSecrets } from '../apps/server/src/secrets.ts';
import { BENCH_SECRETS, createBenchDatabase, percentile, timeRuns } from './lib.ts';

/** `name` names the database (`cv_bench_<name>_…`) and the data dir; `clock` defaults to the system clock. */
export async function startInProcessPlatform(name: string, clock?: Clock) {
  const benchDb = await createBenchDatabase(`cv_bench_${name}`);
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    DATABASE_URL: benchDb.url,
    DATA_DIR: mkdtempSync(join(tmpdir(), `cv-bench-${name}-`)),
    ...BENCH_SECRETS,
    APP_URL: 'http://127.0.0.1:3000',
  });
  const logger = createLogger('silent');
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, poolMax: 10 });
  const contabo = await createContaboIntegration({ config, logger, simulator: { seed: false } });
  const container = createContainer({
    config,
    database,
    logger,
    contabo,
    events: createLocalEventBus(),
    secrets: resolveSecrets(config),
    clock,
  });
  return {
    database,
    contabo,
    container,
    /** Closes everything and drops the database, unless `keep`: then its URL is printed, for EXPLAIN ANALYZE by hand. */
    async close(keep = false) {
      await container.close();
      await contabo.close();
      await database.close();
      if (keep) console.log(`kept ${benchDb.url}`);
      else await benchDb.drop();
    },
  };
}

/** Times `run` (`timeRuns`) and prints its p50/p95/p99 after the label. */
export async function printPercentiles(
  label: string,
  runs: number,
  run: () => Promise<unknown>,
  width = 34,
): Promise<void> {
  const samples = await timeRuns(runs, run);
  const f = (p: number) => `${percentile(samples, p).toFixed(1).padStart(8)} ms`;
  console.log(`${label.padEnd(width)} p50 ${f(50)}  p95 ${f(95)}  p99 ${f(99)}  (${runs} runs)`);
}
