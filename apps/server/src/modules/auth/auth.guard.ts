import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RateLimiter, RateLimitRule } from '../../http/rate-limit.ts';
import { AppError, unauthorized } from '../../lib/errors.ts';
import type { SettingsService } from '../settings/settings.service.ts';
import type { Authenticator, AuthUser } from './auth.authenticator.ts';

export type { AuthUser, Role } from './auth.authenticator.ts';

/**
 * The auth guard every module uses. Register once on the root app (`registerAuthGuard`), then in routes:
 *
 *   app.get('/api/orders', { onRequest: app.requireVerifiedEmail, schema }, async (req) => orders.list(currentUser(req)))
 *
 * - `app.requireUser`          401 anonymous (or expired token: `token_expired`), 403 `account_disabled` if banned
 * - `app.requireVerifiedEmail` requireUser + 403 `email_not_verified` for customers who have not confirmed their e-mail
 * - `app.requireAdmin`         requireUser + 403 for non-admins + 403 `two_factor_enrolment_required` for admins
 *                              without 2FA while the setting `security.requireAdmin2fa` is on
 * - `app.optionalUser`         resolves `request.user` when credentials are present, never throws for anonymous
 *
 * `request.user` is `{ id, role, email, emailVerified, twoFactorEnabled, sessionId }`; `currentUser(req)` returns it
 * typed non-null. Each authenticated request also counts against the per-user limit (1,000 requests per hour).
 */
declare module 'fastify' {
  interface FastifyRequest {
    user: AuthUser | null;
  }
  interface FastifyInstance {
    requireUser: GuardHandler;
    requireVerifiedEmail: GuardHandler;
    requireAdmin: GuardHandler;
    optionalUser: GuardHandler;
  }
}

export type GuardHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

const sessionTokens = new WeakMap<FastifyRequest, string>();
const resolved = new WeakSet<FastifyRequest>();

/** The authenticated user of a guarded route. */
export function currentUser(request: FastifyRequest): AuthUser {
  if (!request.user) throw unauthorized();
  return request.user;
}

/** The caller's session token, for services that act through better-auth on the user's behalf. Never present it. */
export function sessionTokenOf(request: FastifyRequest): string {
  const token = sessionTokens.get(request);
  if (!token) throw unauthorized();
  return token;
}

export interface AuthGuardDeps {
  authenticator: Authenticator;
  settings: SettingsService;
  limiter: RateLimiter;
  userRule: RateLimitRule;
  /** Staff (any role but `customer`) work in bulk: a higher per-user limit, still bounded. Defaults to `userRule`. */
  staffRule?: RateLimitRule;
}

export function registerAuthGuard(
  app: FastifyInstance,
  { authenticator, settings, limiter, userRule, staffRule = userRule }: AuthGuardDeps,
) {
  app.decorateRequest('user', null);

  async function resolve(request: FastifyRequest, reply: FastifyReply): Promise<AuthUser | null> {
    if (resolved.has(request)) return request.user;
    resolved.add(request);
    const result = await authenticator.authenticate({
      authorization: request.headers.authorization,
      cookie: request.headers.cookie,
    });
    if (!result) return null;
    request.user = result.user;
    sessionTokens.set(request, result.sessionToken);
    if (result.setCookies.length) reply.header('set-cookie', result.setCookies);
    await limiter.consume(result.user.role === 'customer' ? userRule : staffRule, result.user.id);
    return result.user;
  }

  const requireUser: GuardHandler = async (request, reply) => {
    if (!(await resolve(request, reply))) throw unauthorized();
  };

  app.decorate('optionalUser', async (request: FastifyRequest, reply: FastifyReply) => {
    await resolve(request, reply);
  });
  app.decorate('requireUser', requireUser);
  app.decorate('requireVerifiedEmail', async (request: FastifyRequest, reply: FastifyReply) => {
    await requireUser(request, reply);
    const user = request.user!;
    if (user.role !== 'admin' && !user.emailVerified) {
      throw new AppError(
        'email_not_verified',
        'Confirm your e-mail address first: we sent you a link (you can ask for a new one).',
      );
    }
  });
  app.decorate('requireAdmin', async (request: FastifyRequest, reply: FastifyReply) => {
    await requireUser(request, reply);
    const user = request.user!;
    if (user.role !== 'admin') throw new AppError('forbidden', 'This area is for administrators.');
    if (!user.twoFactorEnabled && (await settings.get('security.requireAdmin2fa'))) {
      throw new AppError(
        'two_factor_enrolment_required',
        'Set up two-factor authentication in your account before using the admin panel.',
      );
    }
  });
}
