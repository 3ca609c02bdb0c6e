import { hashedKey, type RateLimitStore } from '../integrations/rate-limit/store.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';

export interface RateLimitRule {
  name: string;
  limit: number;
  windowMs: number;
  /**
   * High-volume limits (per IP, per user) that may be counted per process with periodic reconciliation; without it a
   * rule is exact across instances (login, registration, password reset, 2FA).
   */
  approximate?: boolean;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The limits of seed §11. Global and per-user limits come from config (RATE_LIMIT_IP_PER_MINUTE, …_USER_PER_HOUR). */
export const RULES = {
  login: { name: 'login', limit: 5, windowMs: MINUTE },
  register: { name: 'register', limit: 10, windowMs: HOUR },
  forgotPassword: { name: 'forgot', limit: 5, windowMs: 15 * MINUTE },
  forgotPasswordIp: { name: 'forgot-ip', limit: 20, windowMs: HOUR },
  resendVerification: { name: 'resend', limit: 5, windowMs: 15 * MINUTE },
  twoFactor: { name: '2fa', limit: 10, windowMs: 5 * MINUTE },
  /**
   * Typing the password again inside a session (VPS credentials, password change, 2FA changes and recovery codes):
   * the login limit, per account, so a stolen session cannot guess the password faster than a login could.
   */
  passwordReentry: { name: 'password-reentry', limit: 5, windowMs: MINUTE },
} satisfies Record<string, RateLimitRule>;

export interface RateLimiter {
  /** Counts one hit for `subject` under `rule`; throws 429 `rate_limited` with Retry-After once over the limit. */
  consume(rule: RateLimitRule, subject: string): Promise<void>;
  readonly enabled: boolean;
}

export function createRateLimiter({
  store,
  exactStore = store,
  clock,
  logger,
  enabled,
}: {
  /** Counts `approximate` rules: cheap, possibly per process (see integrations/rate-limit/store.ts). */
  store: RateLimitStore;
  /** Counts every other rule: shared by all instances and exact (Redis or PostgreSQL). Defaults to `store`. */
  exactStore?: RateLimitStore;
  clock: Clock;
  logger: Logger;
  enabled: boolean;
}): RateLimiter {
  return {
    enabled,
    async consume(rule, subject) {
      if (!enabled) return;
      // Subjects hold IPs and e-mail addresses: only their hash is stored outside this process.
      const target = rule.approximate ? store : exactStore;
      const key = `${rule.name}:${subject}`;
      const now = clock.now().getTime();
      let hit;
      try {
        hit = await target.hit(
          target.hashesWhatLeaves ? key : hashedKey(key),
          rule.windowMs,
          now,
          rule.approximate ? rule.limit : undefined,
        );
      } catch (error) {
        // Fail open: an unavailable counter store must not take the whole API down.
        logger.error({ err: error, rule: rule.name }, 'rate-limit store unavailable');
        return;
      }
      if (hit.count > rule.limit) {
        const retryAfter = Math.max(1, Math.ceil((hit.resetAt - now) / 1000));
        throw new AppError(
          'rate_limited',
          `Too many requests. Try again in ${retryAfter} seconds.`,
          { retryAfterSeconds: retryAfter },
          { 'retry-after': String(retryAfter) },
        );
      }
    },
  };
}
