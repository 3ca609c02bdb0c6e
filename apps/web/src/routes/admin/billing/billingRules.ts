// Rules of the admin billing page that need no screen: how a lifecycle run is shown and which of its counters.
import type { JobRun } from '../../../api/models.ts';

/** The counters of a lifecycle run (`BillingLifecycle.run`) that have a sentence of their own. */
export const COUNT_KEYS = [
  'issued',
  'reminders',
  'overdue',
  'overdueNotices',
  'suspended',
  'terminationWarnings',
  'terminated',
  'cancelled',
] as const;
export type CountKey = (typeof COUNT_KEYS)[number];
export const isCountKey = (key: string): key is CountKey => (COUNT_KEYS as readonly string[]).includes(key);

/** Only what happened: counters at zero are left out, in the order the job reported them. */
export const countsDone = (counts: Record<string, number>): Array<[string, number]> =>
  Object.entries(counts).filter(([, value]) => value !== 0);

/** A run failed when it says so or left an error; it is running while unfinished; its length in seconds once done. */
export function runState(run: Pick<JobRun, 'status' | 'error' | 'startedAt' | 'finishedAt'>): {
  state: 'failed' | 'running' | 'done';
  seconds: number | null;
} {
  const failed = run.status === 'failed' || Boolean(run.error);
  const running = !run.finishedAt && !failed;
  const seconds =
    run.finishedAt !== null
      ? Math.max(0, (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000)
      : null;
  return { state: failed ? 'failed' : running ? 'running' : 'done', seconds };
}

/** The service states with a label of their own; anything else reads as active. */
export function serviceKey(status: string): 'active' | 'suspended' | 'cancelled' | 'terminated' {
  return status === 'suspended' || status === 'cancelled' || status === 'terminated' ? status : 'active';
}
