import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { EventBus } from '../../events/bus.ts';
import { auditAdmin } from '../../http/admin-audit.ts';
import { listOf } from '../../lib/pagination.ts';
import type { AuditService } from '../../audit/audit.service.ts';
import { currentUser } from '../auth/auth.guard.ts';
import type { SettingsService } from '../../settings/settings.service.ts';
import type { CannedResponsesService } from './tickets.canned.ts';
import {
  multipart,
  multipartBody,
  registerTicketUploads,
  sendAttachment,
  streamTicketEvents,
  uploadedFiles,
} from './tickets.http.ts';
import { eventStreams } from '../../http/sse.ts';
import { staffGuard } from './tickets.policy.ts';
import {
  ZAdminCreateTicket,
  ZAdminTicket,
  ZAdminTicketDetail,
  ZAdminTicketQuery,
  ZCannedRender,
  ZCannedRendered,
  ZCannedResponse,
  ZCannedResponseInput,
  ZEditMessage,
  ZStaffReply,
  ZTicketAttachmentParams,
  ZTicketId,
  ZTicketMessageParams,
  ZTicketPatch,
  ZUnreadCount,
} from './tickets.schemas.ts';
import type { TicketsService } from './tickets.service.ts';
import type { TicketsStaffService } from './tickets.staff.ts';

const tags = ['admin', 'tickets'];
const security = [{ bearerAuth: [] }];
const ZCannedId = z.object({ id: z.uuid() });

/** The staff side of support: queue, thread with internal notes, replies, assignment, canned responses. */
export const ticketsAdminRoutes: FastifyPluginAsyncZod<{
  staff: TicketsStaffService;
  tickets: TicketsService;
  canned: CannedResponsesService;
  settings: SettingsService;
  events: EventBus;
  audit: AuditService;
}> = async (app, { staff, tickets, canned, settings, events, audit }) => {
  await registerTicketUploads(app);
  const onRequest = staffGuard(app);
  // Canned responses are written by administrators; support uses them.
  const manage = staffGuard(app, 'tickets.manage');
  const preValidation = multipartBody(settings);
  const streams = eventStreams(app);

  app.get(
    '/api/admin/tickets',
    {
      onRequest,
      schema: {
        tags,
        security,
        summary: 'The ticket queue: waiting on staff first, oldest wait first; filters and text search',
        querystring: ZAdminTicketQuery,
        response: { 200: listOf(ZAdminTicket) },
      },
    },
    async (req) => staff.list(req.query),
  );

  app.post(
    '/api/admin/tickets',
    {
      onRequest,
      preValidation,
      schema: {
        tags,
        security,
        summary: "Open a ticket on a customer's behalf",
        consumes: multipart,
        body: ZAdminCreateTicket,
        response: { 201: ZAdminTicketDetail },
      },
    },
    async (req, reply) => {
      const created = await staff.create(currentUser(req).id, req.body, uploadedFiles(req), (tx, ticket) =>
        auditAdmin(audit, req, 'ticket.create', { type: 'ticket', id: ticket.id }, {}, tx),
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/admin/tickets/unread-count',
    {
      onRequest,
      schema: { tags, security, summary: 'Unread and waiting tickets', response: { 200: ZUnreadCount } },
    },
    async () => staff.unread(),
  );

  app.get(
    '/api/admin/tickets/events',
    { onRequest, schema: { tags, security, summary: 'Server-Sent Events: activity on every ticket' } },
    async (req, reply) => streamTicketEvents(req, reply, { events, streams }, () => true),
  );

  app.get(
    '/api/admin/tickets/:id',
    {
      onRequest,
      schema: {
        tags,
        security,
        summary: "A ticket with internal notes, edit history and the customer's services and invoices",
        params: ZTicketId,
        response: { 200: ZAdminTicketDetail },
      },
    },
    async (req) => staff.get(req.params.id),
  );

  app.patch(
    '/api/admin/tickets/:id',
    {
      onRequest,
      schema: {
        tags,
        security,
        summary: 'Change status, priority, department or assignee',
        params: ZTicketId,
        body: ZTicketPatch,
        response: { 200: ZAdminTicketDetail },
      },
    },
    async (req) => {
      return staff.update(req.params.id, req.body, (tx, ticket) =>
        auditAdmin(audit, req, 'ticket.update', { type: 'ticket', id: ticket.id }, { ...req.body }, tx),
      );
    },
  );

  app.post(
    '/api/admin/tickets/:id/messages',
    {
      onRequest,
      preValidation,
      schema: {
        tags,
        security,
        summary:
          'Reply to the customer, or add an internal note (`internal: true`); a canned response may fill it',
        consumes: multipart,
        params: ZTicketId,
        body: ZStaffReply,
        response: { 201: ZAdminTicketDetail },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await staff.reply(currentUser(req).id, req.params.id, req.body, uploadedFiles(req))),
  );

  app.patch(
    '/api/admin/tickets/:id/messages/:messageId',
    {
      onRequest,
      schema: {
        tags,
        security,
        summary: 'Edit a staff message (the previous text is kept)',
        params: ZTicketMessageParams,
        body: ZEditMessage,
        response: { 200: ZAdminTicketDetail },
      },
    },
    async (req) => {
      const { id, messageId } = req.params;
      return staff.editMessage(currentUser(req).id, id, messageId, req.body.message, (tx) =>
        auditAdmin(audit, req, 'ticket.message.edit', { type: 'ticket', id }, { messageId }, tx),
      );
    },
  );

  app.get(
    '/api/admin/tickets/:id/attachments/:attachmentId',
    {
      onRequest,
      schema: { tags, security, summary: 'Download an attachment', params: ZTicketAttachmentParams },
    },
    async (req, reply) =>
      sendAttachment(reply, await tickets.download(currentUser(req), req.params.id, req.params.attachmentId)),
  );

  app.get(
    '/api/admin/canned-responses',
    {
      onRequest,
      schema: { tags, security, summary: 'Canned responses', response: { 200: z.array(ZCannedResponse) } },
    },
    async () => canned.list(),
  );

  app.post(
    '/api/admin/canned-responses',
    {
      onRequest: manage,
      schema: {
        tags,
        security,
        summary: 'Create a canned response',
        body: ZCannedResponseInput,
        response: { 201: ZCannedResponse },
      },
    },
    async (req, reply) => reply.status(201).send(await canned.create(currentUser(req).id, req.body)),
  );

  app.put(
    '/api/admin/canned-responses/:id',
    {
      onRequest: manage,
      schema: {
        tags,
        security,
        summary: 'Change a canned response',
        params: ZCannedId,
        body: ZCannedResponseInput,
        response: { 200: ZCannedResponse },
      },
    },
    async (req) => canned.update(req.params.id, req.body),
  );

  app.delete(
    '/api/admin/canned-responses/:id',
    { onRequest: manage, schema: { tags, security, summary: 'Delete a canned response', params: ZCannedId } },
    async (req, reply) => {
      await canned.remove(req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/admin/canned-responses/:id/render',
    {
      onRequest,
      schema: {
        tags,
        security,
        summary: "A canned response with this ticket's variables filled in (for the reply box)",
        params: ZCannedId,
        body: ZCannedRender,
        response: { 200: ZCannedRendered },
      },
    },
    async (req) => staff.renderCanned(req.params.id, req.body.ticketId, currentUser(req).id),
  );
};
