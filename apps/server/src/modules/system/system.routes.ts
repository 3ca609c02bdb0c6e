import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import { COMPANY_PARTY_KEYS } from '../../settings/settings.registry.ts';
import type { SettingsService } from '../../settings/settings.service.ts';

const ZSite = z.object({
  name: z.string(),
  demoMode: z.boolean(),
  demo: z.object({ contaboSimulated: z.boolean(), sandboxPayments: z.boolean(), emailOutbox: z.boolean() }),
  currency: z.string(),
  supportEmail: z.string(),
  company: z.object({
    legalName: z.string(),
    address: z.string(),
    taxId: z.string(),
    email: z.string(),
    phone: z.string(),
    logoUrl: z.string(),
  }),
});

export interface SystemRoutesOptions {
  database: Database;
  settings: SettingsService;
  demo: { contaboSimulated: boolean; sandboxPayments: boolean; emailOutbox: boolean };
  /** Live answer: the admin may configure a gateway at run time, which ends sandbox payments. */
  sandboxEnabled?: () => Promise<boolean>;
}

/** Liveness, readiness and the public site facts the web app needs before anything else. */
export const systemRoutes: FastifyPluginAsyncZod<SystemRoutesOptions> = async (
  app,
  { database, settings, demo, sandboxEnabled },
) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['system'],
        summary: 'The process is alive',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['system'],
        summary: 'The database is reachable',
        response: { 200: z.object({ status: z.literal('ready'), database: z.enum(['pglite', 'postgres']) }) },
      },
    },
    async () => {
      try {
        await database.ping();
      } catch {
        throw new AppError('service_unavailable', 'The database is not reachable');
      }
      return { status: 'ready' as const, database: database.kind };
    },
  );

  app.get(
    '/api/site',
    {
      schema: {
        tags: ['system'],
        summary: 'Public site facts: company data, currency, demo mode',
        response: { 200: ZSite },
      },
    },
    async (_req, reply) => {
      // The demo flags follow the live Contabo switch: no browser or proxy may keep an old answer.
      void reply.header('cache-control', 'no-cache');
      const s = await settings.getMany([...COMPANY_PARTY_KEYS, 'company.logoUrl', 'store.currency']);
      const flags = {
        ...demo,
        sandboxPayments: sandboxEnabled ? await sandboxEnabled() : demo.sandboxPayments,
      };
      return {
        name: s['company.name'],
        // Outbox-only e-mail is a legitimate production set-up; demo means simulated Contabo or sandbox payments.
        demoMode: flags.contaboSimulated || flags.sandboxPayments,
        demo: flags,
        currency: s['store.currency'],
        supportEmail: s['company.email'],
        company: {
          legalName: s['company.legalName'],
          address: s['company.address'],
          taxId: s['company.taxId'],
          email: s['company.email'],
          phone: s['company.phone'],
          logoUrl: s['company.logoUrl'],
        },
      };
    },
  );
};
