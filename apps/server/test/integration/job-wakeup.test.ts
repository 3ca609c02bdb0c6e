import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createJobQueue, type JobDefinition, type JobQueue } from '../../src/jobs/queue.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../db.ts';

/**
 * Embedded default: idle workers do not poll every 2 s (each poll ran on the process's only thread and every request
 * queued behind the burst); a job's insert wakes its worker through PGlite's in-process NOTIFY at commit. On
 * PostgreSQL the workers keep polling (several processes, the database elsewhere).
 */
const QUEUES = 12;
let database: TestDatabase;
let jobs: JobQueue;
const ran: string[] = [];
let fetchPolls = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  if (database.kind === 'pglite') {
    // Count pg-boss's fetch statements (the polls) as PGlite receives them.
    const pglite = database.pglite!;
    for (const method of ['query', 'exec'] as const) {
      const original = pglite[method].bind(pglite) as (...args: unknown[]) => Promise<unknown>;
      vi.spyOn(pglite, method).mockImplementation(((...args: unknown[]) => {
        if (typeof args[0] === 'string' && /^\s*WITH next AS \(/.test(args[0])) fetchPolls++;
        return original(...args);
      }) as never);
    }
  }
  jobs = createJobQueue({ database, logger: createLogger('silent') });
  const definitions: JobDefinition[] = Array.from({ length: QUEUES }, (_, i) => ({
    name: `wakeup-test-${i}`,
    payload: z.object({ tag: z.string() }),
    retryLimit: 0,
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

describe('job workers on an idle queue', () => {
  it('run a job enqueued inside a committed transaction', async () => {
    await database.db.transaction(async (tx) => {
      await jobs.enqueue('wakeup-test-3' as never, { tag: 'in-tx' } as never, { tx });
    });
    // Embedded: well before the 10 s backstop poll, so only the commit's NOTIFY can have woken the worker.
    const timeout = TEST_ENGINE === 'pglite' ? 8_000 : 20_000;
    await vi.waitFor(() => expect(ran).toContain('in-tx'), { timeout, interval: 50 });
  });

  it.runIf(TEST_ENGINE === 'pglite')(
    'do not fetch every 2 s on the embedded database: a second of idling is fewer polls than queues',
    async () => {
      const before = fetchPolls;
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      // Polling every 2 s, 12 idle queues make ≥ 24 fetches in 4 s; the 10 s backstop makes at most one each.
      expect(fetchPolls - before).toBeLessThanOrEqual(QUEUES);
    },
    20_000,
  );
});
