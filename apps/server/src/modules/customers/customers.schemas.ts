import { z } from 'zod';
import { ZPagination } from '../../lib/pagination.ts';

/** Text without NUL bytes (PostgreSQL cannot store them: they would be a 500, not a 400). */
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'must not contain NUL bytes');

export const CUSTOMER_FILTERS = ['active', 'suspended', 'unpaid', 'unverified', 'banned'] as const;

export const ZCustomerListQuery = ZPagination.extend({
  /** Name, e-mail, phone, order or invoice number, or the IP of one of their servers. */
  search: text(100).optional(),
  filter: z.enum(CUSTOMER_FILTERS).optional(),
  sort: z.enum(['created', 'spend', 'services']).default('created'),
  order: z.enum(['asc', 'desc']).default('desc'),
  format: z.enum(['json', 'csv']).default('json'),
}).strict();

export const ZCustomerId = z.object({ id: z.uuid() });

export const ZCustomerListItem = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  country: z.string().nullable(),
  emailVerified: z.boolean(),
  banned: z.boolean(),
  createdAt: z.date(),
  lastLoginAt: z.date().nullable(),
  services: z.number().int(),
  activeServices: z.number().int(),
  /** Paid invoices net of credit notes, in the base currency. */
  spendMinor: z.number().int(),
});

export const ZCustomerList = z.object({
  items: z.array(ZCustomerListItem),
  total: z.number().int(),
  currency: z.string(),
});

export const ZProfilePatch = z
  .object({
    firstName: text(100).min(1),
    lastName: text(100),
    phone: text(30).nullable(),
    language: z.enum(['es', 'en']),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .nullable(),
    companyName: text(200).nullable(),
    taxId: text(50).nullable(),
    addressLine1: text(200).nullable(),
    addressLine2: text(200).nullable(),
    city: text(100).nullable(),
    state: text(100).nullable(),
    postalCode: text(20).nullable(),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');

export const ZBanBody = z.object({ reason: text(500).min(1) }).strict();
export const ZNoteBody = z.object({ body: text(5000).min(1) }).strict();

export const ZCustomerProfile = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  phone: z.string().nullable(),
  language: z.string(),
  country: z.string().nullable(),
  companyName: z.string().nullable(),
  taxId: z.string().nullable(),
  addressLine1: z.string().nullable(),
  addressLine2: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  postalCode: z.string().nullable(),
  emailVerified: z.boolean(),
  twoFactorEnabled: z.boolean(),
  banned: z.boolean(),
  banReason: z.string().nullable(),
  createdAt: z.date(),
  lastLoginAt: z.date().nullable(),
});

const money = { totalMinor: z.number().int(), currency: z.string() };

export const ZCustomerDetail = z.object({
  profile: ZCustomerProfile,
  services: z.array(
    z.object({
      id: z.uuid(),
      name: z.string().nullable(),
      plan: z.string().nullable(),
      region: z.string().nullable(),
      ipAddress: z.string().nullable(),
      status: z.string(),
      serviceStatus: z.string(),
      expiresAt: z.date().nullable(),
    }),
  ),
  orders: z.array(
    z.object({ id: z.uuid(), orderNumber: z.string(), status: z.string(), createdAt: z.date(), ...money }),
  ),
  invoices: z.array(
    z.object({
      id: z.uuid(),
      number: z.string().nullable(),
      type: z.string(),
      status: z.string(),
      issuedAt: z.date().nullable(),
      paidAt: z.date().nullable(),
      ...money,
    }),
  ),
  transactions: z.array(
    z.object({
      id: z.uuid(),
      kind: z.string(),
      provider: z.string(),
      status: z.string(),
      amountMinor: z.number().int(),
      currency: z.string(),
      createdAt: z.date(),
    }),
  ),
  tickets: z.array(z.object({ id: z.uuid(), subject: z.string(), status: z.string(), updatedAt: z.date() })),
  sshKeyCount: z.number().int(),
  sessions: z.array(
    z.object({
      id: z.uuid(),
      createdAt: z.date(),
      lastUsedAt: z.date(),
      expiresAt: z.date(),
      ipAddress: z.string().nullable(),
      userAgent: z.string().nullable(),
      /** A staff "view as" session. */
      viewAs: z.boolean(),
    }),
  ),
  lifetime: z.object({
    currency: z.string(),
    netMinor: z.number().int(),
    taxMinor: z.number().int(),
    costMinor: z.number().int(),
    marginMinor: z.number().int(),
  }),
  notes: z.array(
    z.object({ id: z.uuid(), body: z.string(), authorEmail: z.string().nullable(), createdAt: z.date() }),
  ),
  audit: z.array(
    z.object({
      id: z.uuid(),
      action: z.string(),
      actorId: z.string().nullable(),
      actorRole: z.string().nullable(),
      /** `by` the customer, or done `to` them. */
      direction: z.enum(['by', 'to']),
      ipAddress: z.string().nullable(),
      metadata: z.record(z.string(), z.unknown()),
      createdAt: z.date(),
    }),
  ),
});

export const ZViewAsToken = z.object({
  accessToken: z.string(),
  expiresAt: z.date(),
  userId: z.uuid(),
});

export const ZActionResult = z.object({ ok: z.literal(true), sessionsEnded: z.number().int().optional() });

export type TCustomerListQuery = z.infer<typeof ZCustomerListQuery>;
export type TCustomerListItem = z.infer<typeof ZCustomerListItem>;
export type TCustomerDetail = z.infer<typeof ZCustomerDetail>;
export type TProfilePatch = z.infer<typeof ZProfilePatch>;
