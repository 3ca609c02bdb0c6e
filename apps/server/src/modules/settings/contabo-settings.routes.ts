import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditAdmin } from '../../http/admin-audit.ts';
import type { AuditService } from '../../audit/audit.service.ts';
import { currentUser } from '../auth/auth.guard.ts';
import type { ContaboSettingsService } from './contabo-settings.service.ts';

const secret = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => ![...s].some((c) => c.charCodeAt(0) < 32), 'must not contain control characters');
const httpUrl = z.url({ protocol: /^https?$/ }).max(500);

const ZMasked = z.object({ set: z.boolean(), last4: z.string().nullable() });
const ZContaboSettings = z.object({
  source: z.enum(['env', 'settings', 'none']),
  mode: z.enum(['live', 'simulated']),
  editable: z.boolean(),
  credentials: z.object({ clientId: ZMasked, clientSecret: ZMasked, apiUser: ZMasked, apiPassword: ZMasked }),
  authUrl: z.string(),
  apiUrl: z.string(),
  contractPeriod: z.union([z.literal(1), z.literal(12), z.literal(24)]),
  syncIntervalMinutes: z.number().int(),
  rateLimitPerSecond: z.number(),
  cancelAtContabo: z.boolean(),
});

const ZConnectionInput = z.object({
  clientId: secret(200).optional(),
  clientSecret: secret(300).optional(),
  apiUser: secret(200).optional(),
  apiPassword: secret(300).optional(),
  authUrl: httpUrl.optional(),
  apiUrl: httpUrl.optional(),
});
const ZContaboSettingsInput = ZConnectionInput.extend({
  contractPeriod: z.union([z.literal(1), z.literal(12), z.literal(24)]).optional(),
  syncIntervalMinutes: z.number().int().min(1).max(60).optional(),
  /** 0: the CONTABO_RATE_LIMIT_PER_SECOND default. */
  rateLimitPerSecond: z.number().min(0).max(50).optional(),
  cancelAtContabo: z.boolean().optional(),
}).strict();
const ZTestInput = ZConnectionInput.extend({ timeoutSeconds: z.number().int().min(1).max(30).optional() })
  .strict()
  .optional();
const ZTestResult = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    total: z.number(),
    instances: z.array(
      z.object({
        instanceId: z.number(),
        name: z.string(),
        displayName: z.string(),
        status: z.string(),
        region: z.string(),
      }),
    ),
  }),
  z.object({
    ok: z.literal(false),
    reason: z.enum([
      'bad_client',
      'bad_user_password',
      'unauthorized',
      'network',
      'timeout',
      'server_error',
      'rate_limited',
      'invalid_response',
      'incomplete',
    ]),
    message: z.string(),
  }),
]);

const tags = ['admin'];
const security = [{ bearerAuth: [] }];

export const contaboSettingsRoutes: FastifyPluginAsyncZod<{
  contaboSettings: ContaboSettingsService;
  audit: AuditService;
}> = async (app, { contaboSettings, audit }) => {
  const guard = { onRequest: app.requireStaff('settings.manage') };

  app.get(
    '/api/admin/settings/contabo',
    { ...guard, schema: { tags, security, response: { 200: ZContaboSettings } } },
    async () => contaboSettings.read(),
  );

  app.put(
    '/api/admin/settings/contabo',
    {
      ...guard,
      schema: {
        tags,
        security,
        summary:
          'Contabo connection (write-only secrets; omit to keep, "" to clear) and Contabo-facing settings',
        body: ZContaboSettingsInput,
        response: { 200: ZContaboSettings },
      },
    },
    async (req) => {
      const { view } = await contaboSettings.update(req.body, currentUser(req).id, (tx, changed) =>
        auditAdmin(
          audit,
          req,
          'settings.contabo.updated',
          { type: 'settings', id: 'contabo' },
          { changed },
          tx,
        ),
      );
      return view;
    },
  );

  app.post(
    '/api/admin/settings/contabo/test',
    {
      ...guard,
      schema: {
        tags,
        security,
        summary: 'Fetch a token and one page of instances with the given (or saved) credentials',
        body: ZTestInput,
        response: { 200: ZTestResult },
      },
    },
    async (req) => contaboSettings.test(req.body ?? {}),
  );
};
