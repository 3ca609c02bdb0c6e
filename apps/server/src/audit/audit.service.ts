import type { DbOrTx } from '../db/client.ts';
import type { Logger } from '../lib/logger.ts';
import { offsetOf } from '../lib/pagination.ts';
import type { AuditRepo, AuditRow } from './audit.repo.ts';
import type { TAuditEntry, TAuditQuery } from './audit.schemas.ts';

/** Where a request came from; services receive it for audit rows and the library's session records. */
export interface RequestMeta {
  ip: string;
  userAgent: string | null;
  requestId: string;
}

export interface AuditInput {
  actorId?: string | null;
  actorRole?: string | null;
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  metadata?: Record<string, unknown>;
}

/**
 * Writes an action's audit row inside the action's own transaction, just before it commits: if the row cannot be
 * written, the action is rolled back with it (#15-7).
 */
export type AuditInTx<T> = (tx: DbOrTx, result: T) => Promise<void>;

/** Keys whose values never reach the audit log, at any depth. */
const SECRET_KEY = /pass(word)?|token|secret|code|otp|totp|cookie|authorization|key$/i;

export function scrubMetadata(value: unknown, depth = 0): unknown {
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubMetadata(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      SECRET_KEY.test(k) ? '[redacted]' : scrubMetadata(v, depth + 1),
    ]),
  );
}

/** The row an entry becomes, scrubbed: for a repository that writes it in the same statement as its action. */
export type AuditRowValues = ReturnType<typeof auditRowOf>;

export function auditRowOf(entry: AuditInput) {
  return {
    actorId: entry.actorId ?? null,
    actorRole: entry.actorRole ?? null,
    action: entry.action,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    ipAddress: entry.ip?.slice(0, 64) ?? null,
    userAgent: entry.userAgent?.slice(0, 500) ?? null,
    requestId: entry.requestId ?? null,
    metadata: scrubMetadata(entry.metadata ?? {}) as Record<string, unknown>,
  };
}

/**
 * The audit trail: who did what, to what, from where and when. Metadata is scrubbed of anything that looks like a
 * password, token, code or secret before it is written.
 */
export function createAuditService({ repo, logger }: { repo: AuditRepo; logger: Logger }) {
  return {
    async record(entry: AuditInput, tx?: DbOrTx): Promise<void> {
      try {
        await repo.insert(auditRowOf(entry), tx);
      } catch (error) {
        if (tx) throw error;
        logger.error({ err: error, action: entry.action }, 'could not write the audit log');
      }
    },

    /**
     * Writes the row or throws: for an admin action whose effect cannot be rolled back (money sent back through a
     * gateway), the intent is recorded first, so a failed write stops the action before it happens (#15-7).
     */
    async recordOrFail(entry: AuditInput): Promise<void> {
      await repo.insert(auditRowOf(entry));
    },

    /** `record` with the request's origin filled in. */
    async recordFor(
      meta: RequestMeta,
      entry: Omit<AuditInput, 'ip' | 'userAgent' | 'requestId'>,
      tx?: DbOrTx,
    ) {
      return this.record({ ...entry, ip: meta.ip, userAgent: meta.userAgent, requestId: meta.requestId }, tx);
    },

    async list(q: TAuditQuery): Promise<{ items: TAuditEntry[]; total: number }> {
      const { rows, total } = await repo.list({ ...q, limit: q.pageSize, offset: offsetOf(q) });
      return { items: rows.map(present), total };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;

function present(row: AuditRow): TAuditEntry {
  return {
    id: row.id,
    actorId: row.actorId,
    actorRole: row.actorRole,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    ipAddress: row.ipAddress,
    userAgent: row.userAgent,
    requestId: row.requestId,
    metadata: row.metadata,
    createdAt: row.createdAt.toISOString(),
  };
}
