import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Server-Sent Events for the route plugins (VPS status, notifications, tickets, the console's dashboard): one way to
 * open a stream, keep it alive and end it, whichever side goes first.
 */

/** The metrics' count of open streams. */
export interface SseGauge {
  opened(): void;
  closed(): void;
}

/** A route plugin's open streams, ended when the server closes so a graceful shutdown does not wait on them. */
export function eventStreams(app: FastifyInstance): Set<() => void> {
  const streams = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const end of [...streams]) end();
  });
  return streams;
}

export interface EventStream {
  /** One event: `event: <name>` and its data as JSON. */
  send(name: string, data: unknown): void;
  /** A comment line (`: <text>`), which clients ignore. */
  comment(text: string): void;
}

/**
 * Hijacks the reply into an event stream: its headers, then `start` (writes the first event, subscribes, and returns
 * its own clean-up), a keep-alive comment every 15 s, and one `end` when the client goes away or the server closes:
 * the clean-up, the heartbeat stopped, the gauge told, the response ended.
 */
export function openEventStream(
  request: FastifyRequest,
  reply: FastifyReply,
  { streams, gauge }: { streams: Set<() => void>; gauge?: SseGauge },
  start: (stream: EventStream) => () => void,
): void {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': request.id,
  });
  const stream: EventStream = {
    send: (name, data) => raw.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`),
    comment: (text) => raw.write(`: ${text}\n\n`),
  };
  const stop = start(stream);
  const heartbeat = setInterval(() => stream.comment('keep-alive'), 15_000);
  gauge?.opened();
  const end = () => {
    if (!streams.delete(end)) return;
    gauge?.closed();
    clearInterval(heartbeat);
    stop();
    if (!raw.writableEnded) raw.end();
  };
  streams.add(end);
  request.raw.on('close', end);
}
