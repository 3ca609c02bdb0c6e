import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Metrics } from './metrics.ts';

const notFound = (reply: FastifyReply, path: string) =>
  reply.status(404).send({ error: { code: 'not_found', message: `Route GET ${path} not found` } });

function bearerMatches(request: FastifyRequest, token: string): boolean {
  const header = request.headers.authorization ?? '';
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Counts every HTTP request by route template (never the raw URL: ids would explode the series) and serves
 * `GET /metrics` on the public app only when `METRICS_TOKEN` is set, and then only to that bearer token. Without a
 * token it answers 404 in the API's JSON shape, as if the route did not exist (never the web app's HTML).
 */
export function registerMetrics(app: FastifyInstance, options: { metrics: Metrics; token?: string }) {
  const { metrics, token } = options;
  // A callback hook, not an async one: no promise per request for a few synchronous lines.
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    if (route !== '/metrics') {
      metrics.httpRequest(
        { method: request.method, route, status: reply.statusCode },
        reply.elapsedTime / 1000,
      );
    }
    done();
  });
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!token) return notFound(reply, '/metrics');
    if (!bearerMatches(request, token)) {
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer')
        .send({ error: { code: 'unauthorized', message: 'A valid metrics token is required.' } });
    }
    return reply.header('content-type', metrics.contentType).send(await metrics.render());
  });
}

/**
 * `METRICS_PORT`: a separate listener that serves only `/metrics` (bind it to an address Prometheus reaches and the
 * public does not). With `METRICS_TOKEN` also set, the token is required there too.
 */
export async function startMetricsServer(options: {
  metrics: Metrics;
  port: number;
  host: string;
  token?: string;
}): Promise<FastifyInstance> {
  const server = Fastify({ logger: false });
  server.get('/metrics', async (request, reply) => {
    if (options.token && !bearerMatches(request, options.token)) {
      return reply
        .status(401)
        .send({ error: { code: 'unauthorized', message: 'A valid metrics token is required.' } });
    }
    return reply.header('content-type', options.metrics.contentType).send(await options.metrics.render());
  });
  server.setNotFoundHandler((request, reply) => notFound(reply, request.url.split('?')[0] ?? ''));
  await server.listen({ port: options.port, host: options.host });
  return server;
}
