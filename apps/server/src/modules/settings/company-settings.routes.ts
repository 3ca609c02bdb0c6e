import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditAdmin } from '../../http/admin-audit.ts';
import type { AuditService } from '../../audit/audit.service.ts';
import { currentUser } from '../auth/auth.guard.ts';
import type { SettingKey } from '../../settings/settings.registry.ts';
import type { SettingsService } from '../../settings/settings.service.ts';

/** The company's data as printed on new invoices and shown in e-mails, by their name in the API. */
const KEYS = {
  name: 'company.name',
  legalName: 'company.legalName',
  address: 'company.address',
  taxId: 'company.taxId',
  email: 'company.email',
  phone: 'company.phone',
  logoUrl: 'company.logoUrl',
  primaryColor: 'company.primaryColor',
} as const satisfies Record<string, SettingKey>;

const ZCompanySettings = z.object({
  name: z.string().trim().min(1).max(100),
  legalName: z.string().trim().max(200),
  address: z.string().trim().max(500),
  taxId: z.string().trim().max(50),
  email: z.email(),
  phone: z.string().trim().max(30),
  /** A PNG or JPEG served by the web app (e.g. `/logo.png`) is also printed on invoices. */
  logoUrl: z
    .string()
    .trim()
    .max(500)
    .regex(/^(\/[\w/.-]+|https:\/\/\S+)$/, 'a path such as /logo.png or an https:// URL'),
  /** E-mail accent colour (button, top border). Optional so older clients keep working. */
  primaryColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'a colour such as #2563eb')
    .optional(),
});
type TCompanySettings = z.infer<typeof ZCompanySettings>;

export const companySettingsRoutes: FastifyPluginAsyncZod<{
  settings: SettingsService;
  audit: AuditService;
}> = async (app, { settings, audit }) => {
  async function read(): Promise<TCompanySettings> {
    const s = await settings.getMany(Object.values(KEYS));
    return Object.fromEntries(Object.entries(KEYS).map(([name, key]) => [name, s[key]])) as TCompanySettings;
  }

  app.get(
    '/api/admin/settings/company',
    {
      onRequest: app.requireStaff('settings.manage'),
      schema: { tags: ['admin'], security: [{ bearerAuth: [] }], response: { 200: ZCompanySettings } },
    },
    async () => read(),
  );

  app.put(
    '/api/admin/settings/company',
    {
      onRequest: app.requireStaff('settings.manage'),
      schema: {
        tags: ['admin'],
        security: [{ bearerAuth: [] }],
        summary:
          "The company's legal data, contact, logo and currency (new invoices freeze them when issued)",
        body: ZCompanySettings.partial(),
        response: { 200: ZCompanySettings },
      },
    },
    async (req) => {
      const actor = currentUser(req).id;
      const values = Object.entries(req.body)
        .filter(([, value]) => value !== undefined)
        .map(([name, value]) => [KEYS[name as keyof typeof KEYS], value] as const);
      await settings.setMany(values, actor, (tx) =>
        auditAdmin(audit, req, 'settings.company', { type: 'settings', id: null }, { ...req.body }, tx),
      );
      return read();
    },
  );
};
