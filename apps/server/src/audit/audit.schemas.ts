import { z } from 'zod';
import { ZPagination } from '../lib/pagination.ts';

export const ZAuditEntry = z.object({
  id: z.uuid(),
  actorId: z.uuid().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  ipAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});

export const ZAuditQuery = ZPagination.extend({
  action: z.string().max(100).optional(),
  actorId: z.uuid().optional(),
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
});

export type TAuditEntry = z.infer<typeof ZAuditEntry>;
export type TAuditQuery = z.infer<typeof ZAuditQuery>;
