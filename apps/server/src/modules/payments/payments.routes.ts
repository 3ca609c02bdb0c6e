import { z } from 'zod';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { currentUser } from '../auth/auth.guard.ts';
import {
  ZInvoicePayRequest,
  ZManualPayment,
  ZPayment,
  ZPayRequest,
  ZProviderInfo,
} from './payments.schemas.ts';
import type { PaymentsService } from './payments.service.ts';

const ZId = z.object({ id: z.uuid() });

export const paymentsRoutes: FastifyPluginAsyncZod<{ payments: PaymentsService }> = async (
  app,
  { payments },
) => {
  app.get(
    '/api/payments/providers',
    {
      schema: {
        tags: ['payments'],
        summary: 'Payment methods available now (sandbox only in demo mode)',
        response: { 200: z.object({ items: z.array(ZProviderInfo) }) },
      },
    },
    async () => ({ items: await payments.enabledProviders() }),
  );

  app.post(
    '/api/orders/:id/pay',
    {
      onRequest: app.requireVerifiedEmail,
      schema: {
        tags: ['payments'],
        summary: 'Start paying an order (or its whole cart): a redirect URL, or bank transfer instructions',
        params: ZId,
        body: ZPayRequest,
        response: { 200: ZPayment },
      },
    },
    async (req) => {
      const user = currentUser(req);
      const language = String(req.headers['accept-language'] ?? '').startsWith('en') ? 'en' : 'es';
      return payments.startPayment({ id: user.id, email: user.email, language }, req.params.id, req.body);
    },
  );

  app.post(
    '/api/invoices/:id/pay',
    {
      onRequest: app.requireVerifiedEmail,
      schema: {
        tags: ['billing'],
        summary: 'Start paying one of my unpaid invoices: a redirect URL, or bank transfer instructions',
        security: [{ bearerAuth: [] }],
        params: ZId,
        body: ZInvoicePayRequest,
        response: { 200: ZPayment },
      },
    },
    async (req) => {
      const user = currentUser(req);
      const language = String(req.headers['accept-language'] ?? '').startsWith('en') ? 'en' : 'es';
      return payments.startInvoicePayment(
        { id: user.id, email: user.email, language },
        req.params.id,
        req.body,
      );
    },
  );

  app.get(
    '/api/payments/:id',
    { onRequest: app.requireUser, schema: { tags: ['payments'], params: ZId, response: { 200: ZPayment } } },
    async (req) => payments.getPayment(currentUser(req).id, req.params.id),
  );

  app.post(
    '/api/payments/:id/confirm',
    {
      onRequest: app.requireUser,
      schema: {
        tags: ['payments'],
        summary: 'Back from the provider: confirm the payment server-side with the query the provider added',
        params: ZId,
        body: z.object({ query: z.record(z.string(), z.string()).default({}) }),
        response: { 200: ZPayment },
      },
    },
    async (req) => payments.confirmReturn(currentUser(req).id, req.params.id, req.body.query),
  );

  app.post(
    '/api/payments/sandbox/:id/:decision',
    {
      onRequest: app.requireUser,
      schema: {
        tags: ['payments'],
        summary: 'Demo mode: approve or decline a sandbox payment',
        params: ZId.extend({ decision: z.enum(['approve', 'decline']) }),
        response: { 200: ZPayment },
      },
    },
    async (req) => payments.decideSandbox(currentUser(req).id, req.params.id, req.params.decision),
  );

  app.post(
    '/api/admin/orders/:id/payments',
    {
      onRequest: app.requireStaff('billing.manage'),
      schema: {
        tags: ['admin'],
        summary: 'Record a bank transfer (or other manual payment) for an unpaid order',
        params: ZId,
        body: ZManualPayment,
        response: { 201: ZPayment },
      },
    },
    async (req, reply) => reply.status(201).send(await payments.recordManualPayment(req.params.id, req.body)),
  );

  // Webhooks: the raw body is kept (signatures are computed over the exact bytes); no session, no CSRF token.
  await app.register(async (scope) => {
    const hooks = scope.withTypeProvider<ZodTypeProvider>();
    hooks.removeAllContentTypeParsers();
    hooks.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    hooks.post(
      '/api/webhooks/:provider',
      {
        schema: {
          tags: ['payments'],
          summary: 'Payment provider webhooks (signature verified per provider)',
          params: z.object({ provider: z.enum(['stripe', 'mercadopago', 'paypal']) }),
          response: { 200: z.object({ received: z.boolean(), duplicate: z.boolean() }) },
        },
      },
      async (req) => {
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.from('');
        return payments.handleWebhook(
          req.params.provider,
          req.headers,
          raw,
          req.query as Record<string, string>,
        );
      },
    );
  });
};
