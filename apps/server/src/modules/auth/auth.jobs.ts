import { z } from 'zod';
import { defineJob } from '../../jobs/queue.ts';
import type { MailService } from '../notifications/mail.service.ts';
import type { AuthLibrary } from './auth.library.ts';
import type { AuthRepo } from './auth.repo.ts';

export const PASSWORD_RESET_JOB = 'auth.password-reset';
export const RESEND_VERIFICATION_JOB = 'auth.resend-verification';
export const REGISTER_ATTEMPT_JOB = 'auth.register-attempt';

const ZEmailJob = z.object({ email: z.email() });

/** Jobs of the auth module: the work behind the enumeration-safe 202 answers. */
export function authJobs({
  auth,
  repo,
  mail,
  appUrl,
}: {
  auth: AuthLibrary;
  repo: AuthRepo;
  mail: MailService;
  appUrl: string;
}) {
  return [
    defineJob({
      name: REGISTER_ATTEMPT_JOB,
      payload: ZEmailJob,
      retryLimit: 2,
      handler: async ({ email }) => {
        const owner = await repo.findUserByEmail(email);
        if (!owner) return;
        await mail.queue({
          to: owner.email,
          userId: owner.id,
          language: owner.language,
          template: 'register-attempt',
          data: {
            name: owner.firstName,
            loginLink: `${appUrl}/login`,
            resetLink: `${appUrl}/forgot-password`,
          },
        });
      },
    }),
    defineJob({
      name: PASSWORD_RESET_JOB,
      payload: ZEmailJob,
      retryLimit: 2,
      handler: async ({ email }) => {
        await auth.api.requestPasswordReset({ body: { email } });
      },
    }),
    defineJob({
      name: RESEND_VERIFICATION_JOB,
      payload: ZEmailJob,
      retryLimit: 2,
      handler: async ({ email }) => {
        const user = await repo.findUserByEmail(email);
        if (!user || user.emailVerified) return;
        await auth.api.sendVerificationEmail({ body: { email: user.email } });
      },
    }),
  ];
}
