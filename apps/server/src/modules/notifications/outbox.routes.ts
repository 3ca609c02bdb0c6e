import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listOf } from '../../lib/pagination.ts';
import type { MailService } from './mail.service.ts';
import { ZOutboxDetail, ZOutboxItem, ZOutboxQuery } from './outbox.schemas.ts';

/** Admin → "Correo saliente": every e-mail the platform stored, newest first. */
export const outboxRoutes: FastifyPluginAsyncZod<{ mail: MailService }> = async (app, { mail }) => {
  app.get(
    '/api/admin/outbox',
    {
      onRequest: app.requireStaff('outbox.read'),
      schema: {
        tags: ['admin'],
        summary: 'Outgoing e-mail (paginated, newest first)',
        security: [{ bearerAuth: [] }],
        querystring: ZOutboxQuery,
        response: { 200: listOf(ZOutboxItem) },
      },
    },
    async (req) => mail.list(req.query),
  );

  app.get(
    '/api/admin/outbox/:id',
    {
      onRequest: app.requireStaff('outbox.read'),
      schema: {
        tags: ['admin'],
        summary: 'One outgoing e-mail with its HTML and text',
        security: [{ bearerAuth: [] }],
        params: z.object({ id: z.uuid() }),
        response: { 200: ZOutboxDetail },
      },
    },
    async (req) => mail.get(req.params.id),
  );
};
