// Contabo operations covered here (tag "Instances Audits" / "Instance Actions Audits"):
//   retrieveInstancesActionsAuditsList  GET /v1/compute/instances/actions/audits  → listInstanceActionAudits
//   retrieveInstancesAuditsList         GET /v1/compute/instances/audits          → listInstanceAudits
// Used to reconcile ambiguous failures: Contabo stores our x-request-id (`requestId`) and x-trace-id (`traceId`).
import { zAudit } from '../schemas.ts';
import type { Audit, ListResult } from '../schemas.ts';
import type { CallContext, HttpClient, HttpRequest } from './http.ts';
import { parseList } from './parse.ts';
import type { PageParams } from './parse.ts';

export interface AuditFilters extends PageParams {
  instanceId?: number;
  requestId?: string;
  changedBy?: string;
  /** yyyy-mm-dd */
  startDate?: string;
  endDate?: string;
}

async function listAudits(
  http: HttpClient,
  pathTemplate: string,
  f: AuditFilters,
  ctx?: CallContext,
): Promise<ListResult<Audit>> {
  const req: HttpRequest = {
    method: 'GET',
    pathTemplate,
    query: {
      page: f.page,
      size: f.size,
      orderBy: f.orderBy,
      instanceId: f.instanceId,
      requestId: f.requestId,
      changedBy: f.changedBy,
      startDate: f.startDate,
      endDate: f.endDate,
    },
    retry: 'idempotent',
  };
  return parseList(zAudit, req, await http.request(req, ctx));
}

export const listInstanceActionAudits = (http: HttpClient, f: AuditFilters = {}, ctx?: CallContext) =>
  listAudits(http, '/v1/compute/instances/actions/audits', f, ctx);

export const listInstanceAudits = (http: HttpClient, f: AuditFilters = {}, ctx?: CallContext) =>
  listAudits(http, '/v1/compute/instances/audits', f, ctx);

/** Did Contabo record anything for this x-request-id? Checks instance audits (creates, updates) and action audits. */
export async function findAuditsByRequestId(
  http: HttpClient,
  requestId: string,
  ctx?: CallContext,
): Promise<{ instance: Audit[]; actions: Audit[] }> {
  const [instance, actions] = await Promise.all([
    listInstanceAudits(http, { requestId, size: 100 }, ctx),
    listInstanceActionAudits(http, { requestId, size: 100 }, ctx),
  ]);
  return { instance: instance.items, actions: actions.items };
}
