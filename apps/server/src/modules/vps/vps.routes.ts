import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { zName } from '../../lib/input.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { isVpsEvent, type EventBus, type VpsEvent } from '../../events/bus.ts';
import { metaOf } from '../../http/request-meta.ts';
import { eventStreams, openEventStream, type SseGauge } from '../../http/sse.ts';
import { listOf } from '../../lib/pagination.ts';
import { currentUser } from '../auth/auth.guard.ts';
import {
  ZCreateSnapshot,
  ZCredentialsRequest,
  ZRename,
  ZRescueRequest,
  ZResetPasswordRequest,
  ZSnapshot,
  ZVps,
  ZVpsAction,
  ZVpsDetailQuery,
  ZVpsQuery,
} from './vps.schemas.ts';
import type { Caller, VpsService } from './vps.service.ts';

const ZId = z.object({ id: z.uuid() });
const ZSnapParams = ZId.extend({ snapId: zName().min(1).max(100) });

function caller(req: FastifyRequest): Caller {
  const user = currentUser(req);
  const meta = metaOf(req);
  return { id: user.id, role: user.role, ip: meta.ip, userAgent: meta.userAgent, requestId: meta.requestId };
}

/** The customer's VPS panel (`/api/vps`, owner only). */
export const vpsRoutes: FastifyPluginAsyncZod<{
  vps: VpsService;
  events: EventBus;
  /** Open/close of each event stream (metrics). */
  sse?: SseGauge;
}> = async (app, { vps, events, sse }) => {
  const auth = { onRequest: app.requireUser };
  const tags = ['vps'];
  const streams = eventStreams(app);

  app.get(
    '/api/vps',
    { ...auth, schema: { tags, querystring: ZVpsQuery, response: { 200: listOf(ZVps) } } },
    async (req) => vps.list(caller(req), req.query.page, req.query.pageSize),
  );

  app.get(
    '/api/vps/:id',
    { ...auth, schema: { tags, params: ZId, querystring: ZVpsDetailQuery, response: { 200: ZVps } } },
    async (req) =>
      vps.get(caller(req), req.params.id, req.query.refresh === 'true' || req.query.refresh === '1'),
  );

  for (const type of ['start', 'stop', 'restart', 'shutdown'] as const) {
    app.post(
      `/api/vps/:id/${type}`,
      {
        ...auth,
        schema: { tags, summary: `${type} the server`, params: ZId, response: { 202: ZVpsAction } },
      },
      async (req, reply) => reply.status(202).send(await vps.power(caller(req), req.params.id, type)),
    );
  }

  app.post(
    '/api/vps/:id/rescue',
    { ...auth, schema: { tags, params: ZId, body: ZRescueRequest, response: { 202: ZVpsAction } } },
    async (req, reply) => reply.status(202).send(await vps.rescue(caller(req), req.params.id, req.body)),
  );

  app.post(
    '/api/vps/:id/reset-password',
    {
      ...auth,
      schema: {
        tags,
        summary: 'Reset the root password (Linux); with generate: true the new password is returned once',
        params: ZId,
        body: ZResetPasswordRequest,
        response: { 202: z.object({ action: ZVpsAction, generatedPassword: z.string().nullable() }) },
      },
    },
    async (req, reply) =>
      reply.status(202).send(await vps.resetPassword(caller(req), req.params.id, req.body)),
  );

  app.patch(
    '/api/vps/:id',
    {
      ...auth,
      schema: { tags, summary: 'Rename the server', params: ZId, body: ZRename, response: { 200: ZVps } },
    },
    async (req) => vps.rename(caller(req), req.params.id, req.body.displayName),
  );

  app.post(
    '/api/vps/:id/credentials',
    {
      ...auth,
      schema: {
        tags,
        summary: 'Show the stored root password after re-entering your own password',
        params: ZId,
        body: ZCredentialsRequest,
        response: {
          200: z.object({ defaultUser: z.string().nullable(), rootPassword: z.string().nullable() }),
        },
      },
    },
    async (req) => vps.credentials(caller(req), req.params.id, req.body.password),
  );

  app.get(
    '/api/vps/:id/actions',
    { ...auth, schema: { tags, params: ZId, response: { 200: listOf(ZVpsAction) } } },
    async (req) => vps.actions(caller(req), req.params.id),
  );

  app.get(
    '/api/vps/:id/history',
    {
      ...auth,
      schema: {
        tags,
        params: ZId,
        response: {
          200: z.object({
            items: z.array(
              z.object({ fromStatus: z.string().nullable(), toStatus: z.string(), createdAt: z.date() }),
            ),
          }),
        },
      },
    },
    async (req) => vps.history(caller(req), req.params.id),
  );

  app.get(
    '/api/vps/:id/snapshots',
    {
      ...auth,
      schema: {
        tags,
        params: ZId,
        response: { 200: z.object({ items: z.array(ZSnapshot), total: z.number(), quota: z.number() }) },
      },
    },
    async (req) => vps.snapshots(caller(req), req.params.id),
  );

  app.post(
    '/api/vps/:id/snapshots',
    { ...auth, schema: { tags, params: ZId, body: ZCreateSnapshot, response: { 201: ZVpsAction } } },
    async (req, reply) =>
      reply.status(201).send(await vps.createSnapshot(caller(req), req.params.id, req.body)),
  );

  app.post(
    '/api/vps/:id/snapshots/:snapId/restore',
    {
      ...auth,
      schema: {
        tags,
        summary: 'Roll back to a snapshot (newer snapshots are deleted)',
        params: ZSnapParams,
        response: { 202: ZVpsAction },
      },
    },
    async (req, reply) =>
      reply.status(202).send(await vps.restoreSnapshot(caller(req), req.params.id, req.params.snapId)),
  );

  app.delete(
    '/api/vps/:id/snapshots/:snapId',
    { ...auth, schema: { tags, params: ZSnapParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await vps.deleteSnapshot(caller(req), req.params.id, req.params.snapId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/vps/:id/events',
    { ...auth, schema: { tags, summary: 'Server-Sent Events: live status and action changes', params: ZId } },
    async (req, reply) => {
      const owned = await vps.own(caller(req), req.params.id);
      openEventStream(req, reply, { streams, gauge: sse }, (stream) => {
        const send = (event: Partial<VpsEvent>) => stream.send('vps', event);
        send({ type: 'vps.status', vpsId: owned.id, status: owned.status, at: new Date().toISOString() });
        return events.subscribe((event) => {
          if (isVpsEvent(event) && event.vpsId === owned.id) send({ ...event, userId: undefined });
        });
      });
    },
  );
};
