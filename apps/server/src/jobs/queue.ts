import { sql } from 'drizzle-orm';
import { fromDrizzle, fromPglite, PgBoss, type DrizzleTransactionLike } from 'pg-boss';
import type { z } from 'zod';
import type { Database, DbOrTx } from '../db/client.ts';
import type { Logger } from '../lib/logger.ts';

/**
 * Durable background jobs on pg-boss 12, on both engines (PGlite through `backend: 'pglite'`, PostgreSQL through its
 * own pool). Jobs are data: a name, a zod payload, retry/backoff, an optional cron and a handler. Producers enqueue by
 * name, inside their business transaction when they pass `tx`, so the state change and the job commit together.
 */
export interface JobContext {
  jobId: string;
  /** How many times this job already failed (0 on the first run). */
  retryCount: number;
  /** True when a failure now is final (no retry left). */
  finalAttempt: boolean;
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  payload: S;
  /** Retries after the first failure (default 3). */
  retryLimit?: number;
  /** Seconds before the first retry (default 30); doubled each time with `retryBackoff` (default true). */
  retryDelay?: number;
  retryBackoff?: boolean;
  /** Cron expression (UTC) for scheduled jobs; their payload is `{}`. */
  cron?: string;
  /**
   * Jobs fetched per poll and run concurrently (default 1). Each job keeps its own result: one failure retries that
   * job only. While polls come back full the worker fetches again at once instead of waiting for the next poll.
   */
  batchSize?: number;
  /**
   * Seconds between polls when the queue was empty (default 2, minimum 0.5). On the embedded default the workers are
   * woken by the job's own NOTIFY instead, and poll only every EMBEDDED_BACKSTOP_POLL_SECONDS (see `create`).
   */
  pollingIntervalSeconds?: number;
  handler(payload: z.infer<S>, context: JobContext): Promise<void>;
}

/**
 * Every job's payload, by name: the compile-time registry. A module that adds a job adds its name and payload here by
 * augmentation (see `job-payloads.ts`), so `enqueue(name, payload)` and `defineJob` are checked by the compiler.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface JobPayloads {}
export type JobName = keyof JobPayloads;

/** A job whose name is registered and whose payload schema yields exactly what `enqueue` is given for it. */
export const defineJob = <N extends JobName, S extends z.ZodType<JobPayloads[N]>>(
  job: JobDefinition<S> & { name: N },
): JobDefinition<S> => job;

export interface EnqueueOptions {
  /** Enqueue inside this transaction (commits or rolls back with it). */
  tx?: DbOrTx;
  /** At most one queued job per key (idempotency for jobs keyed by what they act on). */
  singletonKey?: string;
  /** Run no earlier than this. */
  startAfter?: Date;
}

export interface JobQueue {
  register(jobs: JobDefinition[]): void;
  /** Installs or migrates pg-boss's schema and its queues; with `work`, also runs the handlers in this process. */
  start(options: { work: boolean }): Promise<void>;
  enqueue<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options?: EnqueueOptions,
  ): Promise<string | null>;
  /** Runs every job that is ready now, until none is left (tests and scripts). Returns how many ran. */
  drain(): Promise<{ completed: number; failed: number }>;
  /** Queued and active jobs per queue (for /metrics). */
  depth(): Promise<{ queue: string; queued: number; active: number }[]>;
  stop(): Promise<void>;
}

/**
 * PGlite runs every query on the process's one thread, and ~30 queues polling every 2 s made an idle platform run
 * about 7 empty fetches a second (measured) that requests queued behind. There a job's insert NOTIFYs its queue at
 * commit (PGlite delivers it in process) and wakes the worker at once; polling stays only as a backstop for jobs whose
 * start time comes later (retries, `startAfter`), which therefore start up to this many seconds after they are due.
 */
export const EMBEDDED_BACKSTOP_POLL_SECONDS = 10;

export function createJobQueue({
  database,
  logger,
  onProcessed,
}: {
  database: Database;
  logger: Logger;
  /** Called after every job run by this process (metrics). */
  onProcessed?: (job: string, outcome: 'completed' | 'failed') => void;
}): JobQueue {
  const log = logger.child({ module: 'jobs' });
  const definitions = new Map<string, JobDefinition>();
  let boss: PgBoss | null = null;
  let started: Promise<void> | null = null;

  function create(work: boolean): PgBoss {
    const common = { supervise: work, schedule: work, migrate: true } as const;
    const instance =
      database.kind === 'pglite'
        ? new PgBoss({
            ...common,
            db: fromPglite(database.pglite!),
            backend: 'pglite',
            useListenNotify: work,
          })
        : new PgBoss({ ...common, connectionString: database.url!, max: 5 });
    instance.on('error', (error) => log.error({ err: error }, 'job queue error'));
    return instance;
  }

  async function run(
    definition: JobDefinition,
    job: { id: string; data: unknown; retryCount: number; retryLimit: number },
  ) {
    try {
      const payload = definition.payload.parse(job.data ?? {});
      await definition.handler(payload, {
        jobId: job.id,
        retryCount: job.retryCount,
        finalAttempt: job.retryCount >= job.retryLimit,
      });
      onProcessed?.(definition.name, 'completed');
    } catch (error) {
      onProcessed?.(definition.name, 'failed');
      throw error;
    }
  }

  function requireBoss(): PgBoss {
    if (!boss) throw new Error('The job queue is not started: call jobs.start() first');
    return boss;
  }

  return {
    register(jobs) {
      for (const job of jobs) definitions.set(job.name, job as JobDefinition);
    },

    start({ work }) {
      started ??= (async () => {
        boss = create(work);
        await boss.start();
        for (const def of definitions.values()) {
          const options = {
            retryLimit: def.retryLimit ?? 3,
            retryDelay: def.retryDelay ?? 30,
            retryBackoff: def.retryBackoff ?? true,
            // Embedded: each insert wakes the workers (see EMBEDDED_BACKSTOP_POLL_SECONDS).
            notify: database.kind === 'pglite',
          };
          if (!(await boss.getQueue(def.name))) await boss.createQueue(def.name, options);
          else await boss.updateQueue(def.name, options);
          if (!work) continue;
          const batchSize = def.batchSize ?? 1;
          await boss.work(
            def.name,
            {
              includeMetadata: true,
              batchSize,
              perJobResults: true,
              burstWhenBatchFull: batchSize > 1,
              pollingIntervalSeconds: def.pollingIntervalSeconds ?? 2,
              notifyPollingIntervalSeconds: Math.max(
                EMBEDDED_BACKSTOP_POLL_SECONDS,
                def.pollingIntervalSeconds ?? 2,
              ),
            },
            async (jobs) =>
              Promise.all(
                jobs.map(async (job) => {
                  try {
                    await run(def, job);
                    return { id: job.id, status: 'completed' as const };
                  } catch (error) {
                    log.warn({ err: error, job: def.name, jobId: job.id }, 'job failed');
                    return {
                      id: job.id,
                      status: 'failed' as const,
                      output: { message: (error as Error).message },
                    };
                  }
                }),
              ),
          );
          if (def.cron) await boss.schedule(def.name, def.cron, {}, { tz: 'UTC' });
        }
        log.debug({ queues: definitions.size, work }, 'job queue started');
      })();
      return started;
    },

    async enqueue(name, payload, options = {}) {
      const def = definitions.get(name);
      if (!def) throw new Error(`Unknown job ${name}`);
      const data = def.payload.parse(payload) as object;
      return requireBoss().send(name, data, {
        ...(options.tx ? { db: fromDrizzle(options.tx as unknown as DrizzleTransactionLike, sql) } : {}),
        ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
        ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      });
    },

    async depth() {
      const queues = await requireBoss().getQueues([...definitions.keys()]);
      return queues.map((q) => ({ queue: q.name, queued: q.queuedCount, active: q.activeCount }));
    },

    async drain() {
      const instance = requireBoss();
      let completed = 0;
      let failed = 0;
      for (let round = 0; round < 100; round++) {
        let ran = 0;
        for (const def of definitions.values()) {
          const jobs = await instance.fetch(def.name, { batchSize: 20, includeMetadata: true });
          for (const job of jobs) {
            ran++;
            try {
              await run(def, job);
              await instance.complete(def.name, job.id);
              completed++;
            } catch (error) {
              await instance.fail(def.name, job.id, { message: (error as Error).message });
              failed++;
            }
          }
        }
        if (!ran) break;
      }
      return { completed, failed };
    },

    async stop() {
      if (!started) return;
      await started.catch(() => undefined);
      await boss?.stop({ graceful: true, timeout: 10_000, close: true });
      boss = null;
      started = null;
    },
  };
}
