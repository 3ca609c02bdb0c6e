import fastifyWebsocket from '@fastify/websocket';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { metaOf } from '../../http/request-meta.ts';
import { currentUser } from '../auth/auth.guard.ts';
import type { ClaimedConsole, ConsoleService } from './console.service.ts';
import type { Caller } from './vps.service.ts';

const ZId = z.object({ id: z.uuid() });
const ZHost = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9.:-]+$/, 'a host name or an IP address');
const ZVncInput = z.strictObject({
  host: ZHost.nullable(),
  port: z.number().int().min(1).max(65535).nullable(),
  /** Write-only: omitted = unchanged, null or "" = cleared. */
  password: z.string().max(200).nullable().optional(),
});
const ZVncView = z.object({
  host: z.string().nullable(),
  port: z.number().nullable(),
  hasPassword: z.boolean(),
});

function caller(req: FastifyRequest): Caller {
  const user = currentUser(req);
  const meta = metaOf(req);
  return { id: user.id, role: user.role, ip: meta.ip, userAgent: meta.userAgent, requestId: meta.requestId };
}

/** VNC data (admin), the VNC password (owner, step-up), console tickets and the console WebSocket. */
export const consoleRoutes: FastifyPluginAsyncZod<{ console: ConsoleService }> = async (
  app,
  { console: consoleService },
) => {
  await app.register(fastifyWebsocket, { options: { maxPayload: 1024 * 1024 } });
  const tags = ['vps'];
  const claimed = new WeakMap<FastifyRequest, ClaimedConsole>();
  app.addHook('onClose', async () => consoleService.closeAll());

  app.post(
    '/api/admin/vps/:id/vnc',
    {
      onRequest: app.requireAdmin,
      schema: {
        tags: ['admin'],
        summary: 'Record the VNC host, port and password of a VPS (the password is write-only)',
        params: ZId,
        body: ZVncInput,
        response: { 200: ZVncView },
      },
    },
    async (req) => consoleService.setVnc(caller(req), req.params.id, req.body),
  );

  app.post(
    '/api/vps/:id/vnc',
    {
      onRequest: app.requireUser,
      schema: {
        tags,
        summary: 'VNC host, port and password for your own VNC client, after re-entering your password',
        params: ZId,
        body: z.object({ password: z.string().min(1).max(200) }),
        response: { 200: z.object({ host: z.string(), port: z.number(), password: z.string().nullable() }) },
      },
    },
    async (req) => consoleService.revealVnc(caller(req), req.params.id, req.body.password),
  );

  app.post(
    '/api/vps/:id/console',
    {
      onRequest: app.requireUser,
      schema: {
        tags,
        summary: 'A one-time console ticket (30 s) for GET /api/vps/:id/console/ws',
        params: ZId,
        response: { 201: z.object({ ticket: z.string(), expiresAt: z.date() }) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await consoleService.issueTicket(caller(req), req.params.id)),
  );

  app.get(
    '/api/vps/:id/console/ws',
    {
      websocket: true,
      schema: {
        tags,
        summary: 'The console WebSocket (RFB for noVNC), opened with a ticket',
        params: ZId,
        querystring: z.object({ ticket: z.string().min(20).max(100) }),
      },
      // The ticket is used before the upgrade, so a refusal is a plain HTTP error.
      preHandler: async (req) => {
        const { id } = req.params as { id: string };
        const { ticket } = req.query as { ticket: string };
        claimed.set(req, await consoleService.claim(id, ticket));
      },
    },
    (socket, req) => {
      const session = claimed.get(req);
      if (!session) return socket.close(1011, 'no session');
      void consoleService.attach(session, socket).catch((err: unknown) => {
        req.log.error({ err }, 'console session audit failed');
      });
    },
  );
};
