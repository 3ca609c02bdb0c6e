import type { RateLimiter } from '../../http/rate-limit.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { Clock } from '../../lib/clock.ts';
import type { AuditService } from '../../audit/audit.service.ts';
import type { Authenticator } from './auth.authenticator.ts';
import type { AuthLibrary } from './auth.library.ts';
import type { AuthRepo } from './auth.repo.ts';
import type { AccessTokens } from './auth.tokens.ts';

export interface WithCookies<T> {
  body: T;
  /** `Set-Cookie` values for the web app's session cookie. */
  cookies: string[];
}

/** What the auth service's use cases (registration, sessions, password reset) are built from. */
export interface AuthServiceDeps {
  auth: AuthLibrary;
  repo: AuthRepo;
  tokens: AccessTokens;
  authenticator: Authenticator;
  limiter: RateLimiter;
  audit: AuditService;
  jobs: JobQueue;
  clock: Clock;
  secureCookies: boolean;
  /** Sends the "your password changed" notice. */
  notifyPasswordChanged?: (user: { id: string; email: string }) => Promise<void>;
  /** Refuses a registration without the current terms and privacy policy; returns the versions accepted. */
  acceptLegal: (accepted: Record<string, number> | undefined) => Promise<Record<string, number>>;
}

/** The answer of the enumeration-safe 202s (resend verification, forgot password). */
export const ACCEPTED = 'If an account exists for this e-mail, we have sent it a message.';
