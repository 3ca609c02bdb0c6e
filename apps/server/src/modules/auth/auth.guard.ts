import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RateLimiter, RateLimitRule } from '../../http/rate-limit.ts';
import { AppError, unauthorized } from '../../lib/errors.ts';
import type { SettingsService } from '../../settings/settings.service.ts';
import type { Authenticator, AuthUser } from './auth.authenticator.ts';
import { can, isStaffRole, type Permission } from './permissions.ts';

export type { AuthUser, Role } from './auth.authenticator.ts';

/**
 * The auth guard every module uses. Register once on the root app (`registerAuthGuard`), then in routes:
 *
 *   app.get('/api/orders', { onRequest: app.requireVerifiedEmail, schema }, async (req) => orders.list(currentUser(req)))
 *
 * - `app.requireUser`          401 anonymous (or expired token: `token_expired`), 403 `account_disabled` if banned
 * - `app.requireVerifiedEmail` requireUser + 403 `email_not_verified` for customers who have not confirmed their e-mail
 * - `app.requireStaff(p)`      requireUser + 403 `forbidden` unless the caller's staff role grants permission `p`
 *                              (`permissions.ts`) + 403 `two_factor_enrolment_required` for staff without 2FA while
 *                              the setting `security.requireAdmin2fa` ("require 2FA for staff") is on
 * - `app.requireAdmin`         the same for the `admin` role only (prefer `requireStaff` with a permission)
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
    requireStaff: (permission: Permission) => GuardHandler;
    optionalUser: GuardHandler;
  }
}

export type GuardHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** What each staff guard demands: the role matrix test reads it from every registered route's `onRequest`. */
const staffGuards = new WeakMap<GuardHandler, Permission | 'admin'>();

/** The permission a route's guard demands (`'admin'`: the admin role only), or undefined for a non-staff guard. */
export function staffRequirementOf(handler: unknown): Permission | 'admin' | undefined {
  return typeof handler === 'function' ? staffGuards.get(handler as GuardHandler) : undefined;
}

/** Guards that refuse an anonymous caller (401): their routes declare `security` in the OpenAPI document. */
const authenticating = new WeakSet<GuardHandler>();

/** The authentication result per request: its session token is worked out only if a service asks for it. */
const authenticated = new WeakMap<FastifyRequest, { readonly sessionToken: string }>();
const resolved = new WeakSet<FastifyRequest>();
/** A credential that failed once fails the same way for every guard of the request (e.g. `token_expired`). */
const failures = new WeakMap<FastifyRequest, unknown>();
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The authenticated user of a guarded route. */
export function currentUser(request: FastifyRequest): AuthUser {
  if (!request.user) throw unauthorized();
  return request.user;
}

/** The caller's session token, for services that act through better-auth on the user's behalf. Never present it. */
export function sessionTokenOf(request: FastifyRequest): string {
  const token = authenticated.get(request)?.sessionToken;
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
    if (resolved.has(request)) {
      if (failures.has(request)) throw failures.get(request);
      return request.user;
    }
    resolved.add(request);
    let result: Awaited<ReturnType<Authenticator['authenticate']>>;
    try {
      result = await authenticator.authenticate({
        authorization: request.headers.authorization,
        cookie: request.headers.cookie,
      });
    } catch (error) {
      failures.set(request, error);
      throw error;
    }
    if (!result) return null;
    request.user = result.user;
    authenticated.set(request, result);
    if (result.setCookies.length) reply.header('set-cookie', result.setCookies);
    await limiter.consume(result.user.role === 'customer' ? userRule : staffRule, result.user.id);
    return result.user;
  }

  // Every route behind a guard that demands a caller says so in the OpenAPI document (#15-16), without each route
  // having to repeat `security`; a route that sets its own keeps it.
  app.addHook('onRoute', (route) => {
    const hooks = [route.onRequest ?? []].flat();
    if (!hooks.some((h) => authenticating.has(h as GuardHandler))) return;
    const schema = (route.schema ?? {}) as { security?: unknown; hide?: boolean };
    if (schema.security === undefined) route.schema = { ...schema, security: [{ bearerAuth: [] }] };
  });

  // Read-only sessions ("view as customer"): refused on every route that could change something, guarded or not.
  // A credential that does not resolve is left to the route's own guard (public routes ignore it as before).
  app.addHook('onRequest', async (request, reply) => {
    if (SAFE_METHODS.has(request.method)) return;
    if (!request.headers.authorization && !request.headers.cookie) return;
    const user = await resolve(request, reply).catch(() => null);
    if (user?.readOnly) {
      throw new AppError(
        'forbidden',
        'This is a read-only view of a customer account: nothing can be changed.',
        {
          reason: 'read_only_session',
        },
      );
    }
  });

  const requireUser: GuardHandler = async (request, reply) => {
    if (!(await resolve(request, reply))) throw unauthorized();
  };

  app.decorate('optionalUser', async (request: FastifyRequest, reply: FastifyReply) => {
    await resolve(request, reply);
  });
  app.decorate('requireUser', requireUser);
  authenticating.add(requireUser);
  const requireVerifiedEmail: GuardHandler = async (request, reply) => {
    await requireUser(request, reply);
    const user = request.user!;
    if (!isStaffRole(user.role) && !user.emailVerified) {
      throw new AppError(
        'email_not_verified',
        'Confirm your e-mail address first: we sent you a link (you can ask for a new one).',
      );
    }
  };
  authenticating.add(requireVerifiedEmail);
  app.decorate('requireVerifiedEmail', requireVerifiedEmail);
  async function requireTwoFactorIfAsked(user: AuthUser) {
    if (!user.twoFactorEnabled && (await settings.get('security.requireAdmin2fa'))) {
      throw new AppError(
        'two_factor_enrolment_required',
        'Set up two-factor authentication in your account before using the staff area.',
      );
    }
  }

  const requireAdmin: GuardHandler = async (request, reply) => {
    await requireUser(request, reply);
    const user = request.user!;
    if (user.role !== 'admin') throw new AppError('forbidden', 'This area is for administrators.');
    await requireTwoFactorIfAsked(user);
  };
  staffGuards.set(requireAdmin, 'admin');
  authenticating.add(requireAdmin);
  app.decorate('requireAdmin', requireAdmin);

  // One guard function per permission, so routes share it and the matrix test can read what it demands.
  const byPermission = new Map<Permission, GuardHandler>();
  app.decorate('requireStaff', (permission: Permission): GuardHandler => {
    const existing = byPermission.get(permission);
    if (existing) return existing;
    const guard: GuardHandler = async (request, reply) => {
      await requireUser(request, reply);
      const user = request.user!;
      if (!isStaffRole(user.role)) throw new AppError('forbidden', 'This area is for the staff.');
      if (!can(user.role, permission)) {
        throw new AppError('forbidden', 'Your staff role does not allow this.', { permission });
      }
      await requireTwoFactorIfAsked(user);
    };
    staffGuards.set(guard, permission);
    authenticating.add(guard);
    byPermission.set(permission, guard);
    return guard;
  });
}
