import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditAdmin } from '../../http/admin-audit.ts';
import type { AuditService } from '../../audit/audit.service.ts';
import type { GatewayResolver } from '../payments/gateways.ts';
import type { SettingKey } from '../../settings/settings.registry.ts';
import type { SettingsService } from '../../settings/settings.service.ts';

const ZSource = z.enum(['env', 'settings']).nullable();

const ZPaymentSettings = z.object({
  stripe: z.object({ configured: z.boolean(), source: ZSource }),
  mercadopago: z.object({
    configured: z.boolean(),
    source: ZSource,
    currency: z.string(),
    exchangeRate: z.number(),
  }),
  paypal: z.object({ configured: z.boolean(), source: ZSource }),
  bankTransfer: z.object({
    enabled: z.boolean(),
    details: z.object({
      bankName: z.string(),
      accountHolder: z.string(),
      accountNumber: z.string(),
      swift: z.string(),
      note: z.string(),
    }),
  }),
  sandbox: z.boolean(),
});

const ZPaymentSettingsUpdate = z.object({
  stripe: z
    .object({ secretKey: z.string().trim().max(300), webhookSecret: z.string().trim().max(300) })
    .optional(),
  mercadopago: z
    .object({
      accessToken: z.string().trim().max(300).optional(),
      webhookSecret: z.string().trim().max(300).optional(),
      currency: z.string().length(3).toUpperCase().optional(),
      exchangeRate: z.number().positive().optional(),
    })
    .optional(),
  paypal: z
    .object({
      clientId: z.string().trim().max(300),
      clientSecret: z.string().trim().max(300),
      webhookId: z.string().trim().max(300).default(''),
      mode: z.enum(['sandbox', 'live']).default('live'),
    })
    .optional(),
  bankTransfer: z
    .object({
      enabled: z.boolean().optional(),
      details: z
        .object({
          bankName: z.string().max(100),
          accountHolder: z.string().max(200),
          accountNumber: z.string().max(100),
          swift: z.string().max(20),
          note: z.string().max(500),
        })
        .optional(),
    })
    .optional(),
});

/** Payment configuration for the admin: which gateways are on and from where; keys go in, never come out. */
export const paymentSettingsRoutes: FastifyPluginAsyncZod<{
  settings: SettingsService;
  gateways: GatewayResolver;
  audit: AuditService;
}> = async (app, { settings, gateways, audit }) => {
  async function read() {
    const [sources, s, sandbox] = await Promise.all([
      gateways.sources(),
      settings.getMany([
        'payments.mercadopago.currency',
        'payments.mercadopago.exchangeRate',
        'payments.bankTransfer.enabled',
        'payments.bankTransfer.details',
      ]),
      gateways.sandboxEnabled(),
    ]);
    return {
      stripe: { configured: sources.stripe !== null, source: sources.stripe },
      mercadopago: {
        configured: sources.mercadopago !== null,
        source: sources.mercadopago,
        currency: s['payments.mercadopago.currency'],
        exchangeRate: s['payments.mercadopago.exchangeRate'],
      },
      paypal: { configured: sources.paypal !== null, source: sources.paypal },
      bankTransfer: {
        enabled: s['payments.bankTransfer.enabled'],
        details: s['payments.bankTransfer.details'],
      },
      sandbox,
    };
  }

  app.get(
    '/api/admin/settings/payments',
    {
      onRequest: app.requireStaff('settings.manage'),
      schema: { tags: ['admin'], response: { 200: ZPaymentSettings } },
    },
    async () => read(),
  );

  app.put(
    '/api/admin/settings/payments',
    {
      onRequest: app.requireStaff('settings.manage'),
      schema: {
        tags: ['admin'],
        summary:
          'Configure payment gateways (keys stored encrypted, never returned) and bank transfer details',
        body: ZPaymentSettingsUpdate,
        response: { 200: ZPaymentSettings },
      },
    },
    async (req) => {
      const body = req.body;
      const actor = req.user?.id;
      const values: Array<readonly [SettingKey, unknown]> = [];
      if (body.stripe) values.push(['payments.stripe.credentials', body.stripe]);
      if (body.mercadopago) {
        const { currency, exchangeRate, ...keys } = body.mercadopago;
        if (keys.accessToken !== undefined) {
          values.push([
            'payments.mercadopago.credentials',
            { accessToken: keys.accessToken, webhookSecret: keys.webhookSecret ?? '' },
          ]);
        }
        if (currency) values.push(['payments.mercadopago.currency', currency]);
        if (exchangeRate) values.push(['payments.mercadopago.exchangeRate', exchangeRate]);
      }
      if (body.paypal) values.push(['payments.paypal.credentials', body.paypal]);
      if (body.bankTransfer?.enabled !== undefined)
        values.push(['payments.bankTransfer.enabled', body.bankTransfer.enabled]);
      if (body.bankTransfer?.details)
        values.push(['payments.bankTransfer.details', body.bankTransfer.details]);
      await settings.setMany(values, actor, (tx) =>
        auditAdmin(
          audit,
          req,
          'settings.payments.update',
          { type: 'settings', id: 'payments' },
          { changed: Object.keys(body) },
          tx,
        ),
      );
      gateways.invalidate();
      return read();
    },
  );
};
