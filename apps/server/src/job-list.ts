import { z } from 'zod';
import type { RateLimitStore } from './integrations/rate-limit/store.ts';
import type { Clock } from './lib/clock.ts';
import type { AuthLibrary } from './modules/auth/auth.library.ts';
import type { AuthRepo } from './modules/auth/auth.repo.ts';
import { authJobs } from './modules/auth/auth.service.ts';
import { sendEmailJob, type MailService } from './modules/notifications/mail.service.ts';
import { defineJob, type JobDefinition } from './jobs/queue.ts';

export interface JobDeps {
  mail: MailService;
  auth: AuthLibrary;
  authRepo: AuthRepo;
  rateLimitStore: RateLimitStore;
  clock: Clock;
  appUrl: string;
}

/** Every background job of the platform, in one list. Modules export their job definitions; they are added here. */
export function jobDefinitions(deps: JobDeps): JobDefinition[] {
  return [
    sendEmailJob(deps.mail),
    ...authJobs({ auth: deps.auth, repo: deps.authRepo, mail: deps.mail, appUrl: deps.appUrl }),
    defineJob({
      name: 'rate-limits.prune',
      payload: z.object({}).passthrough(),
      cron: '17 * * * *',
      retryLimit: 0,
      handler: async () => {
        await deps.rateLimitStore.prune(deps.clock.now().getTime() - 86_400_000);
      },
    }),
  ] as JobDefinition[];
}
