import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * Vite's content-hashed output (`assets/index-DWNF9Jgn.js`, sent as its `.br`/`.gz` twin to browsers that accept
 * it): its name changes whenever its bytes do.
 */
const HASHED_ASSET = /\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+(\.br|\.gz)?$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** HTML and un-hashed files (favicon, robots.txt): always revalidated, so a deploy shows at once. */
const REVALIDATE = 'no-cache';
const FILE_EXTENSION = /\.[a-z0-9]{1,5}$/i;

/**
 * Serves the built web app from `root`:
 * - hashed assets are cached for a year (`immutable`), HTML and other files are revalidated;
 * - the `.br` / `.gz` files the web build writes next to each text asset are sent to browsers that accept them
 *   (`preCompressed`), so nothing is compressed per request;
 * - `HEAD` is answered wherever `GET` is (uptime monitors send `HEAD /`);
 * - any other non-API path gets `index.html` (client-side routes); `/api/*` and missing files get a JSON 404.
 */
export async function registerWebApp(app: FastifyInstance, { root }: { root: string | null }): Promise<void> {
  if (root) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders(res, filePath) {
        res.setHeader('cache-control', HASHED_ASSET.test(filePath) ? IMMUTABLE : REVALIDATE);
        res.setHeader('vary', 'accept-encoding');
      },
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const isApi = path.startsWith('/api/') || path === '/api';
    const readsPage = request.method === 'GET' || request.method === 'HEAD';
    if (root && !isApi && readsPage && !FILE_EXTENSION.test(path)) {
      return reply.sendFile('index.html');
    }
    return reply.status(404).send({
      error: { code: 'not_found', message: `Route ${request.method} ${path} not found` },
    });
  });
}
