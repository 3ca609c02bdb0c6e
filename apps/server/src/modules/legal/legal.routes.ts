import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AuditService } from '../../audit/audit.service.ts';
import { auditAdmin } from '../../http/admin-audit.ts';
import { currentUser } from '../auth/auth.guard.ts';
import {
  ZLegalAdminDocument,
  ZLegalPage,
  ZLegalParams,
  ZLegalQuery,
  ZLegalSave,
  ZLegalVersion,
  ZLegalVersions,
} from './legal.schemas.ts';
import type { LegalService } from './legal.service.ts';

export const legalRoutes: FastifyPluginAsyncZod<{ legal: LegalService; audit: AuditService }> = async (
  app,
  { legal, audit },
) => {
  app.get(
    '/api/legal',
    {
      schema: {
        tags: ['legal'],
        summary: 'The current version of the terms, privacy policy and refund policy',
        response: { 200: ZLegalVersions },
      },
    },
    async () => legal.currentVersions(),
  );

  app.get(
    '/api/legal/:doc',
    {
      schema: {
        tags: ['legal'],
        summary: 'One legal document (Markdown) in one language, current version',
        params: ZLegalParams,
        querystring: ZLegalQuery,
        response: { 200: ZLegalPage },
      },
    },
    async (req) => legal.page(req.params.doc, req.query.lang),
  );

  app.get(
    '/api/admin/legal/:doc',
    {
      onRequest: app.requireStaff('settings.manage'),
      schema: {
        tags: ['admin'],
        security: [{ bearerAuth: [] }],
        summary: 'A legal document: current text in both languages and every earlier version',
        params: ZLegalParams,
        response: { 200: ZLegalAdminDocument },
      },
    },
    async (req) => legal.adminDocument(req.params.doc),
  );

  app.put(
    '/api/admin/legal/:doc',
    {
      onRequest: app.requireStaff('settings.manage'),
      schema: {
        tags: ['admin'],
        security: [{ bearerAuth: [] }],
        summary: 'Publish a new version of a legal document (earlier versions are kept)',
        params: ZLegalParams,
        body: ZLegalSave,
        response: { 200: ZLegalVersion },
      },
    },
    async (req) => {
      return legal.save(req.params.doc, req.body, currentUser(req).id, (tx, saved) =>
        auditAdmin(
          audit,
          req,
          'legal.published',
          { type: 'legal_document', id: req.params.doc },
          { version: saved.version },
          tx,
        ),
      );
    },
  );
};
