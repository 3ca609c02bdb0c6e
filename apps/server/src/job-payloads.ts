/**
 * The job registry: every background job's name and payload, checked by the compiler at `enqueue(name, payload)` and
 * `defineJob({ name, payload })`. A new job adds one line here (its module exports the payload type); names and
 * payloads are those the queue already stores, so nothing changes at run time.
 */
import type { z } from 'zod';
import type { ContaboActionJob } from './modules/billing/billing.lifecycle.ts';
import type { ZSendEmailJob } from './modules/notifications/outbox.schemas.ts';

/** Scheduled jobs run from cron with an empty payload. */
type Scheduled = Record<string, unknown>;

declare module './jobs/queue.ts' {
  interface JobPayloads {
    'email.send': z.infer<typeof ZSendEmailJob>;
    'auth.password-reset': { email: string };
    'auth.resend-verification': { email: string };
    'auth.register-attempt': { email: string };
    'billing.lifecycle': Scheduled;
    'billing.contabo-action': ContaboActionJob;
    'orders.cancel-unpaid': Scheduled;
    'vps.sync': Scheduled;
    'vps.probe': Scheduled;
    'vps.probe-rollup': Scheduled;
    'rate-limits.prune': Scheduled;
    'tickets.auto-close': Scheduled;
    'tickets.fetch-mail': Scheduled;
    'backup.daily': Scheduled;
  }
}
