import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { BusEvent, EventBus, SystemEvent } from '../../events/bus.ts';

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
  sse?: { opened(): void; closed(): void };
}> = async (app, { events, sse }) => {
  const streams = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const end of [...streams]) end();
  });

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
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': req.id,
      });
      raw.write('event: ready\ndata: {}\n\n');
      let pending: NodeJS.Timeout | null = null;
      const reasons = new Set<string>();
      const push = (event: BusEvent | SystemEvent) => {
        const reason = dashboardReason(event);
        if (!reason) return;
        reasons.add(reason);
        pending ??= setTimeout(() => {
          pending = null;
          raw.write(`event: dashboard\ndata: ${JSON.stringify({ reasons: [...reasons].sort() })}\n\n`);
          reasons.clear();
        }, DASHBOARD_EVENTS_DEBOUNCE_MS);
      };
      const unsubscribe = events.subscribe(push);
      const unsubscribeSystem = events.subscribeSystem(push);
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), 15_000);
      sse?.opened();
      const end = () => {
        if (!streams.delete(end)) return;
        sse?.closed();
        clearInterval(heartbeat);
        if (pending) clearTimeout(pending);
        unsubscribe();
        unsubscribeSystem();
        if (!raw.writableEnded) raw.end();
      };
      streams.add(end);
      req.raw.on('close', end);
    },
  );
};
