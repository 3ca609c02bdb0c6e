import type { FastifyInstance } from 'fastify';
import { requestDeadline } from '../lib/request-deadline.ts';

/**
 * Every request gets a deadline `budgetMs` after it arrived, for the outside calls made on its behalf. Set in
 * `preHandler` (after the body was read: the body stream's callbacks would not carry the context) and with
 * `run(…, done)`, so the handler and everything it awaits see it.
 */
export function registerRequestDeadline(app: FastifyInstance, budgetMs: number): void {
  app.addHook('preHandler', (_request, reply, done) => {
    requestDeadline.run(Date.now() - reply.elapsedTime + budgetMs, done);
  });
}
