import { z } from 'zod';
import { INVOICE_STATUSES } from '../../db/statuses.ts';
import { zName, zText } from '../../lib/input.ts';

export const ZVpsAction = z.object({
  id: z.uuid(),
  actionType: z.string(),
  status: z.enum(['queued', 'requested', 'accepted', 'completed', 'failed']),
  expectedStatus: z.string().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  requestedAt: z.date(),
  acceptedAt: z.date().nullable(),
  completedAt: z.date().nullable(),
  /** Only on the 202 of a queued action: its place in the Contabo queue and the seconds until it is sent. */
  queue: z
    .object({ position: z.number().int().min(0), estimatedSeconds: z.number().int().min(0) })
    .optional(),
});

export const ZVps = z.object({
  id: z.uuid(),
  displayName: z.string().nullable(),
  name: z.string().nullable(),
  status: z.string(),
  serviceStatus: z.string(),
  product: z.object({ id: z.uuid(), name: z.string(), contaboProductId: z.string() }).nullable(),
  region: z.string().nullable(),
  osType: z.string().nullable(),
  imageName: z.string().nullable(),
  ipv4: z.string().nullable(),
  ipv6: z.string().nullable(),
  gateway: z.string().nullable(),
  gatewayV6: z.string().nullable(),
  netmaskCidr: z.number().int().nullable(),
  netmaskCidrV6: z.number().int().nullable(),
  macAddress: z.string().nullable(),
  defaultUser: z.string().nullable(),
  periodMonths: z.number().int(),
  assignedAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
  autoRenew: z.boolean(),
  cancelAtPeriodEnd: z.boolean(),
  suspendedAt: z.date().nullable(),
  terminatedAt: z.date().nullable(),
  /** When a suspended service will be terminated if its invoice stays unpaid. */
  terminatesAt: z.date().nullable(),
  /** The unpaid renewal invoice of this service. */
  openInvoice: z
    .object({
      id: z.uuid(),
      invoiceNumber: z.string().nullable(),
      totalMinor: z.number().int(),
      currency: z.string(),
      dueAt: z.date().nullable(),
      status: z.enum(INVOICE_STATUSES),
    })
    .nullable(),
  hasRootPassword: z.boolean(),
  vnc: z.object({ host: z.string(), port: z.number().int().nullable(), hasPassword: z.boolean() }).nullable(),
  trafficNote: z.string().nullable(),
  actionInFlight: ZVpsAction.nullable(),
  lastSyncedAt: z.date().nullable(),
  createdAt: z.date(),
});

export const ZVpsQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});

export const ZVpsDetailQuery = z.object({
  /** Ask Contabo now (at most once every few seconds per VPS) instead of the last sync. */
  refresh: z.enum(['true', 'false', '1', '0']).optional(),
});

const contaboPassword = zName()
  .min(8)
  .max(100)
  .describe('≥ 8 chars with upper and lower case and 1 digit + 2 of !@#$^&*?_~ or 3 digits + 1 of them');

export const ZRescueRequest = z.object({
  rootPassword: contaboPassword.optional(),
  sshKeyIds: z.array(z.uuid()).max(10).default([]),
});

export const ZResetPasswordRequest = z.union([
  z.object({ rootPassword: contaboPassword }),
  z.object({ generate: z.literal(true) }),
]);

export const ZRename = z.object({ displayName: zName().trim().min(1).max(255) });

export const ZCredentialsRequest = z.object({ password: zText().min(1).max(200) });

export const ZSnapshot = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  createdAt: z.date().nullable(),
  autoDeleteAt: z.date().nullable(),
});

export const ZCreateSnapshot = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(30)
    .regex(/^[A-Za-z0-9 -]+$/, 'letters, digits, spaces and dashes only'),
  description: zName().trim().min(1).max(255).optional(),
});

export type TVps = z.infer<typeof ZVps>;
export type TVpsAction = z.infer<typeof ZVpsAction>;
export type TSnapshot = z.infer<typeof ZSnapshot>;
