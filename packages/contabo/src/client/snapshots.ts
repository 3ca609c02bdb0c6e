// Contabo operations covered here (tag "Snapshots"):
//   retrieveSnapshotList  GET    /v1/compute/instances/{instanceId}/snapshots                         → listSnapshots
//   createSnapshot        POST   /v1/compute/instances/{instanceId}/snapshots                         → createSnapshot
//   retrieveSnapshot      GET    /v1/compute/instances/{instanceId}/snapshots/{snapshotId}            → getSnapshot
//   updateSnapshot        PATCH  /v1/compute/instances/{instanceId}/snapshots/{snapshotId}            → updateSnapshot
//   deleteSnapshot        DELETE /v1/compute/instances/{instanceId}/snapshots/{snapshotId}            → deleteSnapshot
//   rollbackSnapshot      POST   /v1/compute/instances/{instanceId}/snapshots/{snapshotId}/rollback   → rollbackSnapshot
// Quota: exceeding the product's snapshot count → 402 → ContaboError code `quota_exceeded`.
// Rollback to a snapshot that is not the newest deletes all newer snapshots (spec) — confirm with the user first.
import { zCreateSnapshotRequest, zSnapshot, zUpdateSnapshotRequest } from '../schemas.ts';
import type { CreateSnapshotRequest, ListResult, Snapshot, UpdateSnapshotRequest } from '../schemas.ts';
import type { CallContext, HttpClient, HttpRequest, RetryPolicy } from './http.ts';
import { checkInput, parseList, parseSingle } from './parse.ts';
import type { PageParams } from './parse.ts';

const LIST = '/v1/compute/instances/{instanceId}/snapshots';
const ONE = `${LIST}/{snapshotId}`;

export async function listSnapshots(
  http: HttpClient,
  instanceId: number,
  filters: PageParams & { name?: string } = {},
  ctx?: CallContext,
): Promise<ListResult<Snapshot>> {
  const req: HttpRequest = {
    method: 'GET',
    pathTemplate: LIST,
    pathParams: { instanceId },
    query: { page: filters.page, size: filters.size, orderBy: filters.orderBy, name: filters.name },
    retry: 'idempotent',
  };
  return parseList(zSnapshot, req, await http.request(req, ctx));
}

/** A request on the instance's snapshot list, or (with a snapshot id) on one snapshot. */
function onSnapshots(
  method: HttpRequest['method'],
  instanceId: number,
  snapshotId: string | null,
  retry: RetryPolicy,
  body?: unknown,
): HttpRequest {
  return snapshotId === null
    ? { method, pathTemplate: LIST, pathParams: { instanceId }, body, retry }
    : { method, pathTemplate: ONE, pathParams: { instanceId, snapshotId }, body, retry };
}

export async function createSnapshot(
  http: HttpClient,
  instanceId: number,
  input: CreateSnapshotRequest,
  ctx?: CallContext,
): Promise<Snapshot> {
  const body = checkInput(zCreateSnapshotRequest, input, 'createSnapshot');
  const req = onSnapshots('POST', instanceId, null, 'accepted-once', body);
  return parseSingle(zSnapshot, req, await http.request(req, ctx));
}

export async function getSnapshot(
  http: HttpClient,
  instanceId: number,
  snapshotId: string,
  ctx?: CallContext,
): Promise<Snapshot> {
  const req = onSnapshots('GET', instanceId, snapshotId, 'idempotent');
  return parseSingle(zSnapshot, req, await http.request(req, ctx));
}

export async function updateSnapshot(
  http: HttpClient,
  instanceId: number,
  snapshotId: string,
  input: UpdateSnapshotRequest,
  ctx?: CallContext,
): Promise<Snapshot> {
  const body = checkInput(zUpdateSnapshotRequest, input, 'updateSnapshot');
  const req = onSnapshots('PATCH', instanceId, snapshotId, 'idempotent', body);
  return parseSingle(zSnapshot, req, await http.request(req, ctx));
}

export async function deleteSnapshot(
  http: HttpClient,
  instanceId: number,
  snapshotId: string,
  ctx?: CallContext,
): Promise<void> {
  await http.request(onSnapshots('DELETE', instanceId, snapshotId, 'idempotent'), ctx);
}

/** Restores the instance to the snapshot. Answer has no data, only `_links`. */
export async function rollbackSnapshot(
  http: HttpClient,
  instanceId: number,
  snapshotId: string,
  ctx?: CallContext,
): Promise<void> {
  const req = onSnapshots('POST', instanceId, snapshotId, 'accepted-once', {});
  await http.request({ ...req, pathTemplate: `${ONE}/rollback` }, ctx);
}
