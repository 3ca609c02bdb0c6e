import type { AuthServiceDeps } from './auth.deps.ts';
import { createPasswordReset } from './auth.password-reset.ts';
import { createRegistration } from './auth.registration.ts';
import { createSessions } from './auth.sessions.ts';

// The module's public surface stays here (other modules and the root import this file); each use case has its own.
export type { AuthServiceDeps, WithCookies } from './auth.deps.ts';
export { PASSWORD_RESET_JOB, REGISTER_ATTEMPT_JOB, RESEND_VERIFICATION_JOB, authJobs } from './auth.jobs.ts';
export { REGISTRATION_ACCEPTED } from './auth.registration.ts';
export { TOTP_REPLAY_WINDOW_MS } from './auth.sessions.ts';

/**
 * Registration, e-mail verification, login (with TOTP or a recovery code), refresh, logout and password recovery.
 * better-auth does the security work (hashing, sessions, tokens, TOTP); this service adds our rules: password
 * policy, rate limits, short access tokens, audit rows and enumeration-safe answers. One file per use case:
 * `auth.registration.ts`, `auth.sessions.ts`, `auth.password-reset.ts`.
 */
export function createAuthService(deps: AuthServiceDeps) {
  return {
    ...createRegistration(deps),
    ...createSessions(deps),
    ...createPasswordReset(deps),
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
