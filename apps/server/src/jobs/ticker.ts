import type { Logger } from '../lib/logger.ts';

/**
 * Short-interval work that cron (one-minute granularity) is too slow for: following VPS actions and API-created
 * servers while the customer watches. Each tick does one Contabo list call per task, whatever the number of VPS;
 * ticks never overlap.
 */
export function startTicker(
  tasks: Array<{ name: string; run: () => Promise<unknown> }>,
  options: { intervalMs: number; logger: Logger },
) {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      for (const task of tasks) {
        await task
          .run()
          .catch((error: unknown) =>
            options.logger.warn({ err: error, task: task.name }, 'ticker task failed'),
          );
      }
    } finally {
      running = false;
    }
  }, options.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
