import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EventBus, TicketEvent } from '../../events/bus.ts';
import { openEventStream } from '../../http/sse.ts';
import type { SettingsService } from '../../settings/settings.service.ts';
import type { IncomingFile } from './tickets.attachments.ts';

/**
 * HTTP plumbing shared by the ticket routes: multipart bodies (fields + files) turned into the same JSON body the
 * zod schema validates, attachment download headers, and the Server-Sent Events stream of ticket activity.
 */
const filesByRequest = new WeakMap<FastifyRequest, IncomingFile[]>();

/** What the ticket routes that take files consume: JSON, or multipart with the files. */
export const multipart = ['application/json', 'multipart/form-data'];

export async function registerTicketUploads(app: FastifyInstance): Promise<void> {
  await app.register(fastifyMultipart, {
    throwFileSizeLimit: true,
    limits: { fieldSize: 100_000, fields: 20, parts: 40, headerPairs: 200 },
  });
}

/** preValidation hook: a multipart request's fields become `request.body` (validated as usual), its files are kept. */
export function multipartBody(settings: SettingsService) {
  return async (request: FastifyRequest) => {
    if (!request.isMultipart()) return;
    const limits = await settings.getMany(['tickets.maxFilesPerMessage', 'tickets.maxFileBytes']);
    const fields: Record<string, unknown> = {};
    const files: IncomingFile[] = [];
    for await (const part of request.parts({
      limits: { fileSize: limits['tickets.maxFileBytes'], files: limits['tickets.maxFilesPerMessage'] },
    })) {
      if (part.type === 'file') files.push({ filename: part.filename, data: await part.toBuffer() });
      else if (typeof part.value === 'string' && part.value !== '')
        fields[part.fieldname] = coerce(part.value);
    }
    request.body = fields;
    filesByRequest.set(request, files);
  };
}

const coerce = (value: string): unknown => (value === 'true' ? true : value === 'false' ? false : value);

export const uploadedFiles = (request: FastifyRequest): IncomingFile[] => filesByRequest.get(request) ?? [];

/** Never rendered in our origin: always a download, with the sniffed type and `nosniff`. */
export function sendAttachment(
  reply: FastifyReply,
  file: { filename: string; contentType: string; body: Buffer },
) {
  const ascii = file.filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .type(file.contentType)
    .header(
      'content-disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    )
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(file.body);
}

/** Streams ticket events the listener may see (`accept`), with a heartbeat, until the client goes away. */
export function streamTicketEvents(
  request: FastifyRequest,
  reply: FastifyReply,
  { events, streams }: { events: EventBus; streams: Set<() => void> },
  accept: (event: TicketEvent) => boolean,
): void {
  openEventStream(request, reply, { streams }, (stream) => {
    stream.comment('connected');
    return events.subscribe((event) => {
      if (event.type !== 'ticket.message' && event.type !== 'ticket.updated') return;
      if (!accept(event)) return;
      const { type, ticketId, at } = event;
      stream.send('ticket', { type, ticketId, at });
    });
  });
}
