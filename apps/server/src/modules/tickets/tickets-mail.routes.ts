import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditAdmin } from '../../http/admin-audit.ts';
import { listOf, ZPagination } from '../../lib/pagination.ts';
import type { AuditService } from '../../audit/audit.service.ts';
import { currentUser } from '../auth/auth.guard.ts';
import type { InboundMail } from './tickets.inbound.ts';
import { staffGuard } from './tickets.policy.ts';

const tags = ['admin', 'tickets'];
const security = [{ bearerAuth: [] }];

const ZMailSettings = z.object({
  /** Off until the support address, IMAP host and user are set. */
  enabled: z.boolean(),
  address: z.string(),
  host: z.string(),
  port: z.number().int(),
  secure: z.boolean(),
  user: z.string(),
  folder: z.string(),
  /** The password is never sent back; this says whether one is stored. */
  passwordSet: z.boolean(),
});
const noNul = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'Must not contain NUL bytes');
const ZMailSettingsInput = z.object({
  address: z.union([z.literal(''), z.email().max(200)]),
  host: noNul(255),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean(),
  user: noNul(255),
  /** Leave out to keep the stored password. */
  password: noNul(500).optional(),
  folder: noNul(200).min(1),
});
const ZMailTestInput = ZMailSettingsInput.partial();
const ZMailTestResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), messages: z.number().int(), unseen: z.number().int() }),
  z.object({
    ok: z.literal(false),
    /** auth: login refused · folder: no such folder · connect: server unreachable or TLS failed · not_configured */
    reason: z.enum(['auth', 'folder', 'connect', 'not_configured']),
    message: z.string(),
  }),
]);
const ZUnmatchedId = z.object({ id: z.uuid() });
const ZAssignUnmatched = z.object({
  ticketId: z.uuid(),
  /** customer: the ticket owner's reply (default) · note: an internal note quoting the sender */
  as: z.enum(['customer', 'note']).default('customer'),
});
const ZUnmatched = z.object({
  id: z.uuid(),
  fromAddress: z.string(),
  toAddress: z.string(),
  subject: z.string(),
  body: z.string(),
  reason: z.string(),
  receivedAt: z.date(),
});

/** Reply-by-e-mail settings (IMAP, encrypted password) and the mail that matched no ticket. Staff only. */
export const ticketsMailRoutes: FastifyPluginAsyncZod<{
  inbound: InboundMail;
  audit: AuditService;
}> = async (app, { inbound, audit }) => {
  // Reply-by-e-mail settings and the unmatched mail are the administrators' (they hold the mailbox password).
  const onRequest = staffGuard(app, 'tickets.manage');

  app.get(
    '/api/admin/tickets/email-settings',
    {
      onRequest,
      schema: {
        tags,
        security,
        summary: 'Reply by e-mail: IMAP settings (no password)',
        response: { 200: ZMailSettings },
      },
    },
    async () => inbound.mailSettings(),
  );

  app.put(
    '/api/admin/tickets/email-settings',
    {
      onRequest,
      schema: {
        tags,
        security,
        summary: 'Set the support mailbox for reply by e-mail',
        body: ZMailSettingsInput,
        response: { 200: ZMailSettings },
      },
    },
    async (req) => {
      return inbound.saveMailSettings(req.body, currentUser(req).id, (tx) =>
        auditAdmin(audit, req, 'tickets.email-settings', { type: 'setting', id: 'tickets.inbound' }, {}, tx),
      );
    },
  );

  app.get(
    '/api/admin/tickets/unmatched-mail',
    {
      onRequest,
      schema: {
        tags,
        security,
        summary: 'Inbound e-mail that matched no ticket (unsigned, forged, unknown sender…)',
        querystring: ZPagination,
        response: { 200: listOf(ZUnmatched) },
      },
    },
    async (req) => inbound.unmatched(req.query),
  );

  app.post(
    '/api/admin/tickets/email-settings/test',
    {
      onRequest,
      schema: {
        tags,
        security,
        summary: 'Try the IMAP settings (stored ones, with the given fields laid over) without saving them',
        body: ZMailTestInput,
        response: { 200: ZMailTestResult },
      },
    },
    async (req) => inbound.testMailSettings(req.body),
  );

  app.post(
    '/api/admin/tickets/unmatched-mail/:id/assign',
    {
      onRequest,
      schema: {
        tags,
        security,
        summary: "Post an unmatched e-mail on a ticket (as the customer's reply or as an internal note)",
        params: ZUnmatchedId,
        body: ZAssignUnmatched,
        response: { 200: z.object({ ticketId: z.uuid() }) },
      },
    },
    async (req) => {
      const { ticketId } = await inbound.assignUnmatched(
        req.params.id,
        req.body,
        currentUser(req).id,
        (tx, mail) =>
          auditAdmin(
            audit,
            req,
            'tickets.unmatched-mail.assign',
            { type: 'ticket', id: req.body.ticketId },
            { from: mail.fromAddress, as: req.body.as },
            tx,
          ),
      );
      return { ticketId };
    },
  );

  app.delete(
    '/api/admin/tickets/unmatched-mail/:id',
    {
      onRequest,
      schema: {
        tags,
        security,
        summary: 'Discard an unmatched e-mail (spam, auto-replies)',
        params: ZUnmatchedId,
      },
    },
    async (req, reply) => {
      await inbound.discardUnmatched(req.params.id, (tx, mail) =>
        auditAdmin(
          audit,
          req,
          'tickets.unmatched-mail.discard',
          { type: 'email', id: mail.id },
          { from: mail.fromAddress, subject: mail.subject },
          tx,
        ),
      );
      return reply.status(204).send(null);
    },
  );
};
