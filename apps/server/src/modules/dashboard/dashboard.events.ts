import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { BusEvent, EventBus, SystemEvent } from '../../events/bus.ts';
import { eventStreams, openEventStream, type SseGauge } from '../../http/sse.ts';

/** Events after which the dashboard's figures may have moved (the page then refetches them). */
export function dashboardReason(event: BusEvent | SystemEvent): string | null {
  switch (event.type) {
    // Staff notifications are written on paid orders, payment mismatches and settlement problems.
    case 'notification.created':
      return event.audience === 'admins' ? 'payment' : null;
    case 'vps.status':
      return 'vps';
    case 'ticket.message':
    case 'ticket.updated':
      return 'ticket';
    default:
      return null;
  }
}

/** Several events in a burst (a cart of ten orders paid at once) become one refresh. */
export const DASHBOARD_EVENTS_DEBOUNCE_MS = 500;

/**
 * `GET /api/admin/dashboard/events`: Server-Sent Events telling an open dashboard that its figures may have moved
 * (paid order, server status change, ticket activity), over the bus shared by every instance. It carries no figures:
 * the page refetches `GET /api/admin/dashboard`, which stays the one source (the page also keeps a slow poll for
 * what no event announces, and as the fallback when the stream is down).
 */
export const dashboardEventsRoutes: FastifyPluginAsyncZod<{
  events: EventBus;
  sse?: SseGauge;
}> = async (app, { events, sse }) => {
  const streams = eventStreams(app);

  app.get(
    '/api/admin/dashboard/events',
    {
      onRequest: app.requireStaff('dashboard.read'),
      schema: {
        tags: ['admin'],
        summary: 'Server-Sent Events: "the dashboard changed", to refetch it',
        security: [{ bearerAuth: [] }],
      },
    },
    async (req, reply) => {
      openEventStream(req, reply, { streams, gauge: sse }, (stream) => {
        stream.send('ready', {});
        let pending: NodeJS.Timeout | null = null;
        const reasons = new Set<string>();
        const push = (event: BusEvent | SystemEvent) => {
          const reason = dashboardReason(event);
          if (!reason) return;
          reasons.add(reason);
          pending ??= setTimeout(() => {
            pending = null;
            stream.send('dashboard', { reasons: [...reasons].sort() });
            reasons.clear();
          }, DASHBOARD_EVENTS_DEBOUNCE_MS);
        };
        const unsubscribe = events.subscribe(push);
        const unsubscribeSystem = events.subscribeSystem(push);
        return () => {
          if (pending) clearTimeout(pending);
          unsubscribe();
          unsubscribeSystem();
        };
      });
    },
  );
};
