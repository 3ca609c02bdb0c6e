import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditAdmin } from '../../http/admin-audit.ts';
import type { AuditService } from '../../audit/audit.service.ts';
import { currentUser } from '../auth/auth.guard.ts';
import type { EmailTemplates } from './email-templates.service.ts';

const source = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'must not contain NUL bytes');
const ZSources = z.object({
  subject: source(255).pipe(z.string().min(1)),
  html: source(50_000),
  text: source(20_000),
});
const ZKeyLanguage = z.object({
  key: z.string().regex(/^[a-z0-9-]{1,100}$/),
  language: z.enum(['es', 'en']),
});
const ZKey = z.object({ key: z.string().regex(/^[a-z0-9-]{1,100}$/) });
const ZTemplate = z.object({
  key: z.string(),
  language: z.enum(['es', 'en']),
  description: z.string(),
  variables: z.array(z.string()),
  sample: z.record(z.string(), z.string()),
  defaults: z.object({ subject: z.string(), html: z.string(), text: z.string() }),
  customised: z.boolean(),
  updatedAt: z.string().nullable(),
  sources: z.object({ subject: z.string(), html: z.string(), text: z.string() }),
});
const ZList = z.object({
  items: z.array(
    z.object({
      key: z.string(),
      language: z.enum(['es', 'en']),
      description: z.string(),
      customised: z.boolean(),
      subject: z.string(),
    }),
  ),
});
const ZRendered = z.object({ subject: z.string(), html: z.string(), text: z.string() });

const tags = ['admin'];
const security = [{ bearerAuth: [] }];

/** Ajustes → Correos: every editable e-mail per language (subject, HTML and text), checked on save. */
export const emailTemplatesRoutes: FastifyPluginAsyncZod<{
  templates: EmailTemplates;
  audit: AuditService;
}> = async (app, { templates, audit }) => {
  const guard = { onRequest: app.requireStaff('settings.manage') };

  app.get(
    '/api/admin/email-templates',
    { ...guard, schema: { tags, security, response: { 200: ZList } } },
    async () => templates.list(),
  );

  app.get(
    '/api/admin/email-templates/:key/:language',
    { ...guard, schema: { tags, security, params: ZKeyLanguage, response: { 200: ZTemplate } } },
    async (req) => templates.get(req.params.key, req.params.language),
  );

  app.put(
    '/api/admin/email-templates/:key/:language',
    {
      ...guard,
      schema: {
        tags,
        security,
        summary: 'Save subject, HTML and text (unknown variables or templates that do not render → 400)',
        params: ZKeyLanguage,
        body: ZSources,
        response: { 200: ZTemplate },
      },
    },
    async (req) => {
      const entity = { type: 'email_template', id: `${req.params.key}:${req.params.language}` };
      return templates.save(req.params.key, req.params.language, req.body, currentUser(req).id, (tx) =>
        auditAdmin(audit, req, 'email_template.updated', entity, {}, tx),
      );
    },
  );

  app.delete(
    '/api/admin/email-templates/:key/:language',
    {
      ...guard,
      schema: {
        tags,
        security,
        summary: 'Restore the default',
        params: ZKeyLanguage,
        response: { 200: ZTemplate },
      },
    },
    async (req) => {
      const entity = { type: 'email_template', id: `${req.params.key}:${req.params.language}` };
      return templates.restore(req.params.key, req.params.language, (tx) =>
        auditAdmin(audit, req, 'email_template.restored', entity, {}, tx),
      );
    },
  );

  app.post(
    '/api/admin/email-templates/:key/preview',
    {
      ...guard,
      schema: {
        tags,
        security,
        summary: 'Render with sample data (the given sources, or the current ones)',
        params: ZKey,
        body: ZSources.partial().extend({ language: z.enum(['es', 'en']) }),
        response: { 200: ZRendered },
      },
    },
    async (req) => {
      const { language, ...sources } = req.body;
      return templates.preview(req.params.key, language, sources);
    },
  );

  app.post(
    '/api/admin/email-templates/:key/test',
    {
      ...guard,
      schema: {
        tags,
        security,
        summary: "Send the current version with sample data to the caller's address",
        params: ZKey,
        body: z.object({ language: z.enum(['es', 'en']) }),
        response: { 200: z.object({ sentTo: z.string() }) },
      },
    },
    async (req) => {
      const user = currentUser(req);
      return templates.sendTest(req.params.key, req.body.language, { id: user.id, email: user.email });
    },
  );
};
