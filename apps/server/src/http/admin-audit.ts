import type { FastifyRequest } from 'fastify';
import type { AuditService } from '../audit/audit.service.ts';
import type { DbOrTx } from '../db/client.ts';
import { metaOf } from './request-meta.ts';

function entryOf(
  request: FastifyRequest,
  action: string,
  entity: { type: string; id: string | null },
  metadata: Record<string, unknown>,
) {
  const meta = metaOf(request);
  return {
    actorId: request.user?.id ?? null,
    actorRole: request.user?.role ?? null,
    action,
    entityType: entity.type,
    entityId: entity.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    requestId: meta.requestId,
    metadata,
  };
}

/** Records an admin action's intent before an effect no transaction can undo; throws when it cannot be written. */
export function auditOrFail(
  audit: AuditService,
  request: FastifyRequest,
  action: string,
  entity: { type: string; id: string | null },
  metadata: Record<string, unknown> = {},
): Promise<void> {
  return audit.recordOrFail(entryOf(request, action, entity, metadata));
}

/**
 * Records an admin action with who did it and from where (every admin change goes to the audit log). Given the
 * action's transaction, the row is written in it and a failed write throws, so the action is rolled back (#15-7).
 */
export function auditAdmin(
  audit: AuditService,
  request: FastifyRequest,
  action: string,
  entity: { type: string; id: string | null },
  metadata: Record<string, unknown> = {},
  tx?: DbOrTx,
): Promise<void> {
  return audit.record(entryOf(request, action, entity, metadata), tx);
}
