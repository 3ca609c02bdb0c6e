import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type {} from '../src/job-payloads.ts';
import { defineJob, type JobQueue } from '../src/jobs/queue.ts';

// The job registry is a compile-time check: `tsc -p apps/server` (run by `npm test`) fails if any line marked
// `@ts-expect-error` below stops being an error, i.e. if a wrong name or payload were accepted.
describe('typed job registry', () => {
  it('accepts registered names with their payloads and refuses the rest at compile time', async () => {
    const calls: unknown[][] = [];
    const queue = {
      enqueue: async (...args: unknown[]) => {
        calls.push(args);
        return null;
      },
    } as unknown as JobQueue;

    await queue.enqueue('email.send', { outboxId: randomUUID() });
    await queue.enqueue('billing.contabo-action', { action: 'stop', vpsId: randomUUID() });
    // @ts-expect-error an unregistered job name
    await queue.enqueue('email.sned', { outboxId: randomUUID() });
    // @ts-expect-error a payload of the wrong shape
    await queue.enqueue('auth.password-reset', { address: 'a@example.com' });

    const job = defineJob({
      name: 'auth.password-reset',
      payload: z.object({ email: z.email() }),
      handler: async () => {},
    });
    defineJob({
      name: 'auth.password-reset',
      // @ts-expect-error a schema that does not yield the registered payload
      payload: z.object({ id: z.number() }),
      handler: async () => {},
    });

    expect(job.name).toBe('auth.password-reset');
    expect(calls.map((c) => c[0])).toEqual([
      'email.send',
      'billing.contabo-action',
      'email.sned',
      'auth.password-reset',
    ]);
  });
});
