import type { FastifyRequest } from 'fastify';
import type { AuditService } from '../audit/audit.service.ts';
import { metaOf } from './request-meta.ts';

/** Records an admin action with who did it and from where (every admin change goes to the audit log). */
export function auditAdmin(
  audit: AuditService,
  request: FastifyRequest,
  action: string,
  entity: { type: string; id: string | null },
  metadata: Record<string, unknown> = {},
): Promise<void> {
  const meta = metaOf(request);
  return audit.record({
    actorId: request.user?.id ?? null,
    actorRole: request.user?.role ?? null,
    action,
    entityType: entity.type,
    entityId: entity.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    requestId: meta.requestId,
    metadata,
  });
}
