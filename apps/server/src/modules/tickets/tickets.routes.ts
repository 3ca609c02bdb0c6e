import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { EventBus } from '../../events/bus.ts';
import { listOf } from '../../lib/pagination.ts';
import { currentUser } from '../auth/auth.guard.ts';
import type { SettingsService } from '../../settings/settings.service.ts';
import {
  multipart,
  multipartBody,
  registerTicketUploads,
  sendAttachment,
  streamTicketEvents,
  uploadedFiles,
} from './tickets.http.ts';
import { eventStreams } from '../../http/sse.ts';
import { customerGuard } from './tickets.policy.ts';
import {
  ZCreateTicket,
  ZCustomerReply,
  ZDepartments,
  ZRating,
  ZTicket,
  ZTicketAttachmentParams,
  ZTicketDetail,
  ZTicketId,
  ZTicketQuery,
  ZUnreadCount,
} from './tickets.schemas.ts';
import type { TicketsService } from './tickets.service.ts';

const tags = ['tickets'];
const security = [{ bearerAuth: [] }];

/** The customer's support tickets. Someone else's ticket or attachment is 404. */
export const ticketsRoutes: FastifyPluginAsyncZod<{
  tickets: TicketsService;
  settings: SettingsService;
  events: EventBus;
}> = async (app, { tickets, settings, events }) => {
  await registerTicketUploads(app);
  const onRequest = customerGuard(app);
  const preValidation = multipartBody(settings);
  const streams = eventStreams(app);

  app.post(
    '/api/tickets',
    {
      onRequest,
      preValidation,
      schema: {
        tags,
        security,
        summary: 'Open a ticket (JSON, or multipart with up to 5 files in `files`)',
        consumes: multipart,
        body: ZCreateTicket,
        response: { 201: ZTicketDetail },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await tickets.create(currentUser(req).id, req.body, uploadedFiles(req))),
  );

  app.get(
    '/api/tickets',
    {
      onRequest,
      schema: {
        tags,
        security,
        summary: 'My tickets, latest activity first',
        querystring: ZTicketQuery,
        response: { 200: listOf(ZTicket) },
      },
    },
    async (req) => tickets.list(currentUser(req).id, req.query),
  );

  app.get(
    '/api/tickets/departments',
    {
      // Any signed-in user: the customer's new-ticket form and the staff queue both name the departments.
      onRequest: app.requireUser,
      schema: {
        tags,
        security,
        summary:
          'The support departments (codes from the `tickets.departments` setting; the first is the default)',
        response: { 200: ZDepartments },
      },
    },
    async () => ({ departments: await tickets.departments() }),
  );

  app.get(
    '/api/tickets/unread-count',
    {
      onRequest,
      schema: {
        tags,
        security,
        summary: 'Tickets with a staff reply I have not read',
        response: { 200: ZUnreadCount },
      },
    },
    async (req) => tickets.unread(currentUser(req).id),
  );

  app.get(
    '/api/tickets/events',
    { onRequest, schema: { tags, security, summary: 'Server-Sent Events: activity on my tickets' } },
    async (req, reply) => {
      const user = currentUser(req);
      streamTicketEvents(req, reply, { events, streams }, (e) => e.userId === user.id && e.visibleToCustomer);
    },
  );

  app.get(
    '/api/tickets/:id',
    {
      onRequest,
      schema: {
        tags,
        security,
        summary: 'One of my tickets with its conversation',
        params: ZTicketId,
        response: { 200: ZTicketDetail },
      },
    },
    async (req) => tickets.get(currentUser(req).id, req.params.id),
  );

  app.post(
    '/api/tickets/:id/messages',
    {
      onRequest,
      preValidation,
      schema: {
        tags,
        security,
        summary: 'Reply (reopens a recently closed ticket; later, opens a new one that references it)',
        consumes: multipart,
        params: ZTicketId,
        body: ZCustomerReply,
        response: { 201: ZTicketDetail },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await tickets.reply(currentUser(req).id, req.params.id, req.body.message, uploadedFiles(req))),
  );

  app.post(
    '/api/tickets/:id/close',
    {
      onRequest,
      schema: {
        tags,
        security,
        summary: 'Close my ticket',
        params: ZTicketId,
        response: { 200: ZTicketDetail },
      },
    },
    async (req) => tickets.close(currentUser(req).id, req.params.id),
  );

  app.post(
    '/api/tickets/:id/rating',
    {
      onRequest,
      schema: {
        tags,
        security,
        summary: 'Rate a closed ticket (1–5, optional comment), once',
        params: ZTicketId,
        body: ZRating,
        response: { 200: ZTicketDetail },
      },
    },
    async (req) => tickets.rate(currentUser(req).id, req.params.id, req.body),
  );

  app.get(
    '/api/tickets/:id/attachments/:attachmentId',
    {
      onRequest: app.requireUser,
      schema: {
        tags,
        security,
        summary: 'Download an attachment (the ticket owner or staff)',
        params: ZTicketAttachmentParams,
      },
    },
    async (req, reply) =>
      sendAttachment(reply, await tickets.download(currentUser(req), req.params.id, req.params.attachmentId)),
  );
};
