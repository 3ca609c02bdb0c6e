import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { EventBus } from '../../events/bus.ts';
import { eventStreams, openEventStream, type SseGauge } from '../../http/sse.ts';
import { currentUser } from '../auth/auth.guard.ts';
import type { NotificationsService } from './notifications.service.ts';

const ZNotifications = z.object({
  unread: z.number(),
  items: z.array(
    z.object({
      id: z.uuid(),
      type: z.string(),
      title: z.string(),
      body: z.string(),
      link: z.string().nullable(),
      /** When set, render `notices.<type>.title|body` with these values; otherwise show `title`/`body` as stored. */
      params: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
      read: z.boolean(),
      createdAt: z.string(),
    }),
  ),
});
const ZUnread = z.object({ unread: z.number() });
const tags = ['notifications'];
const security = [{ bearerAuth: [] }];

/** The bell, for customers and staff alike: list, unread count, mark read (per user), live count over SSE. */
export const notificationsRoutes: FastifyPluginAsyncZod<{
  notifications: NotificationsService;
  events: EventBus;
  sse?: SseGauge;
}> = async (app, { notifications, events, sse }) => {
  const auth = { onRequest: app.requireUser };
  const streams = eventStreams(app);

  app.get(
    '/api/notifications',
    {
      ...auth,
      schema: {
        tags,
        security,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: { 200: ZNotifications },
      },
    },
    async (req) => notifications.list(currentUser(req), req.query.limit),
  );

  app.post(
    '/api/notifications/:id/read',
    { ...auth, schema: { tags, security, params: z.object({ id: z.uuid() }), response: { 200: ZUnread } } },
    async (req) => notifications.markRead(currentUser(req), req.params.id),
  );

  app.post(
    '/api/notifications/read-all',
    { ...auth, schema: { tags, security, response: { 200: ZUnread } } },
    async (req) => notifications.markAllRead(currentUser(req)),
  );

  app.get(
    '/api/notifications/events',
    { ...auth, schema: { tags, security, summary: 'Server-Sent Events: the unread count when it changes' } },
    async (req, reply) => {
      const user = currentUser(req);
      const first = await notifications.unreadCount(user);
      openEventStream(req, reply, { streams, gauge: sse }, (stream) => {
        const send = (unread: number) => stream.send('notifications', { unread });
        send(first);
        return events.subscribeSystem((event) => {
          if (event.type !== 'notification.created' || !notifications.concerns(user, event)) return;
          void notifications.unreadCount(user).then(send, () => undefined);
        });
      });
    },
  );
};
