import fastifyCors from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { AppError } from '../lib/errors.ts';
import type { RateLimiter } from './rate-limit.ts';

/** The library's session cookie (`cv.` prefix, `__Secure-` behind HTTPS): CSRF checks and the authenticator use it. */
export const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?cv\.session_token=/;

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const UNLIMITED = /^\/(healthz|readyz|metrics)(\/|$|\?)/;

export function allowedOrigins(config: Config): Set<string> {
  return new Set([new URL(config.appUrl).origin, ...config.corsOrigins.map((o) => new URL(o).origin)]);
}

/**
 * Without a configured APP_URL (a fresh `npm start`, browsed at http://127.0.0.1:3000 or the machine's LAN address)
 * the allowed origin is the one the request was sent to: the Origin's host must be the Host header. A foreign page's
 * Origin never equals our Host, so this is still a same-origin check; once APP_URL is set, only it (and CORS_ORIGINS)
 * count.
 */
function sameHost(origin: string, request: FastifyRequest, config: Config): boolean {
  if (config.appUrlConfigured) return false;
  const host = request.headers.host;
  if (typeof host !== 'string' || host === '') return false;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host.toLowerCase();
  } catch {
    return false;
  }
}

function originOf(request: FastifyRequest): string | null {
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') return origin;
  const referer = request.headers.referer;
  if (typeof referer === 'string') {
    try {
      return new URL(referer).origin;
    } catch {
      return null;
    }
  }
  return origin === 'null' ? 'null' : null;
}

/**
 * Cross-origin protections for /api:
 * - CORS is closed unless CORS_ORIGINS lists origins (credentials allowed for those only).
 * - CSRF, by origin check: an unsafe request (POST/PUT/PATCH/DELETE) that carries the session cookie and no bearer
 *   token must come from APP_URL or an allowed origin (Origin header, else Referer); without either it is refused.
 *   Any unsafe request whose Origin is foreign is refused too (this also stops login CSRF). Without APP_URL, the
 *   request's own host is allowed too (`sameHost`), so http://127.0.0.1:3000 works out of the box. Bearer-token requests are
 *   not exposed to CSRF (browsers never attach them on their own). The session cookie is also SameSite=Lax.
 * - Global rate limit: RATE_LIMIT_IP_PER_MINUTE requests per minute per IP (shared counters).
 */
export async function registerSecurity(
  app: FastifyInstance,
  { config, limiter }: { config: Config; limiter: RateLimiter },
): Promise<void> {
  const allowed = allowedOrigins(config);
  await app.register(fastifyCors, {
    origin: config.corsOrigins.length ? [...allowed] : false,
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['content-type', 'authorization', 'x-request-id'],
    exposedHeaders: ['retry-after', 'x-request-id'],
    maxAge: 600,
  });

  const ipRule = { name: 'ip', limit: config.RATE_LIMIT_IP_PER_MINUTE, windowMs: 60_000, approximate: true };

  app.addHook('onRequest', async (request) => {
    const path = request.url;
    if (!path.startsWith('/api/') || UNLIMITED.test(path)) return;
    await limiter.consume(ipRule, request.ip);

    if (!UNSAFE.has(request.method)) return;
    const origin = originOf(request);
    const cookieAuth =
      typeof request.headers.cookie === 'string' &&
      SESSION_COOKIE.test(request.headers.cookie) &&
      !request.headers.authorization;
    if (origin ? !allowed.has(origin) && !sameHost(origin, request, config) : cookieAuth) {
      throw new AppError(
        'csrf_rejected',
        origin
          ? `Request refused: this server accepts forms from ${config.appUrl} only. Open the site at that ` +
              `address, or set APP_URL to the address you browse (now ${origin}).`
          : 'Cross-site request refused: it must come from the web app (matching Origin header).',
        { appUrl: config.appUrl, variable: 'APP_URL' },
      );
    }
  });
}
