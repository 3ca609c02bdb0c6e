import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RequestMeta } from '../audit/audit.service.ts';

/** Where the request came from (IP honours TRUST_PROXY), for audit rows and session records. */
export function metaOf(request: FastifyRequest): RequestMeta {
  const ua = request.headers['user-agent'];
  return {
    ip: request.ip,
    userAgent: typeof ua === 'string' ? ua.slice(0, 500) : null,
    requestId: request.id,
  };
}

/** Sends the body after attaching `Set-Cookie` values (a service result `{ body, cookies }`). */
export function withCookies<T>(reply: FastifyReply, result: { body: T; cookies: string[] }): T {
  if (result.cookies.length) reply.header('set-cookie', result.cookies);
  return result.body;
}
