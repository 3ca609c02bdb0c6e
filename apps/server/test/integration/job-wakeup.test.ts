import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createJobQueue, type JobDefinition, type JobQueue } from '../../src/jobs/queue.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../db.ts';

/**
 * Embedded default: a job's insert wakes its worker through PGlite's in-process NOTIFY at commit, so the workers can
 * poll rarely (each poll runs on the process's only thread, and requests queue behind it). On PostgreSQL the workers
 * keep polling (several processes, the queries run in the database server).
 */
const QUEUES = 3;
let database: TestDatabase;
let jobs: JobQueue;
const ran: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  jobs = createJobQueue({ database, logger: createLogger('silent') });
  const definitions: JobDefinition[] = Array.from({ length: QUEUES }, (_, i) => ({
    name: `wakeup-test-${i}`,
    payload: z.object({ tag: z.string() }),
    retryLimit: 0,
    // Embedded: a long poll, so that only a wake-up can start the job within the test's wait. PostgreSQL has no
    // wake-up (its workers poll): the production poll, so the test does not sit out 30 s before the job runs.
    ...(TEST_ENGINE === 'pglite' ? { pollingIntervalSeconds: 30 } : {}),
    handler: async ({ tag }: { tag: string }) => {
      ran.push(tag);
    },
  }));
  jobs.register(definitions);
  await jobs.start({ work: true });
}, 60_000);

afterAll(async () => {
  await jobs?.stop();
  await database?.destroy();
});

describe('job workers', () => {
  it('run a job enqueued inside a committed transaction', { timeout: 60_000 }, async () => {
    await database.db.transaction(async (tx) => {
      await jobs.enqueue('wakeup-test-1' as never, { tag: 'in-tx' } as never, { tx });
    });
    // Embedded: well before the 30 s poll, so only the commit's NOTIFY can have woken the worker. PostgreSQL: the
    // next 2 s poll finds it; the generous bound is for a loaded machine, never a cause to wait.
    const timeout = TEST_ENGINE === 'pglite' ? 10_000 : 40_000;
    await vi.waitFor(() => expect(ran).toContain('in-tx'), { timeout, interval: 50 });
  });
});
