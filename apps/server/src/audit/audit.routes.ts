import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listOf } from '../lib/pagination.ts';
import { ZAuditEntry, ZAuditQuery } from './audit.schemas.ts';
import type { AuditService } from './audit.service.ts';

export const auditRoutes: FastifyPluginAsyncZod<{ audit: AuditService }> = async (app, { audit }) => {
  app.get(
    '/api/admin/audit-log',
    {
      onRequest: app.requireStaff('audit.read'),
      schema: {
        tags: ['admin'],
        summary: 'Audit trail (paginated, newest first)',
        security: [{ bearerAuth: [] }],
        querystring: ZAuditQuery,
        response: { 200: listOf(ZAuditEntry) },
      },
    },
    async (req) => audit.list(req.query),
  );
};
